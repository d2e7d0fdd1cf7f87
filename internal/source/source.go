// Package source walks a scanned repository once, through io/fs: it honours .gitignore and .seamignore,
// skips the directories no one wants scanned, caps file sizes, refuses symlinks that leave the root and
// reports everything it passed over for a reason other than an ignore rule as a diagnostic.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/seam-sec/seam/internal/model"
)

// DefaultMaxFileSize is the size above which a file is not read (5 MiB).
const DefaultMaxFileSize int64 = 5 << 20

// DefaultSkipDirs are directory names never descended into, at any depth.
var DefaultSkipDirs = []string{".git", "node_modules", "vendor", ".terraform"}

// extractorName is the name diagnostics from the walker carry.
const extractorName = "walker"

// Options control a walk.
type Options struct {
	// MaxFileSize caps the size of a file handed to extractors; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Ignore holds extra doublestar globs (from seam.yaml) matched against slash paths relative to the root.
	Ignore []string
	// Wanted reports whether any extractor wants a file. Only wanted files are sniffed for binary content and
	// checked against the size cap, so a large video in a repository makes no noise.
	Wanted func(path string, info fs.FileInfo) bool
}

// File is a file the walk found and an extractor wants.
type File struct {
	Path string // slash-separated, relative to the root
	Info fs.FileInfo
}

// Result is what a walk found.
type Result struct {
	Files       []File // sorted by Path
	Diagnostics []model.Diagnostic
	Seen        int // regular files seen, wanted or not
}

// Walk walks fsys from its root. Errors reading a single file or directory are diagnostics; the error return
// is for a root that cannot be read at all, or a cancelled context.
func Walk(ctx context.Context, fsys fs.FS, opt Options) (*Result, error) {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	for _, g := range opt.Ignore {
		if !doublestar.ValidatePattern(g) {
			return nil, fmt.Errorf("invalid ignore glob %q", g)
		}
	}
	if _, err := fs.ReadDir(fsys, "."); err != nil {
		return nil, fmt.Errorf("read scan root: %w", err)
	}
	w := &walker{ctx: ctx, fsys: fsys, opt: opt, res: &Result{}}
	if err := w.dir(".", nil); err != nil {
		return nil, err
	}
	sort.Slice(w.res.Files, func(i, j int) bool { return w.res.Files[i].Path < w.res.Files[j].Path })
	model.SortDiagnostics(w.res.Diagnostics)
	return w.res, nil
}

type walker struct {
	ctx  context.Context
	fsys fs.FS
	opt  Options
	res  *Result
}

// dir walks one directory with the ignore patterns in force above it.
func (w *walker) dir(dir string, patterns []gitignore.Pattern) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		w.diag(dir, model.SeverityError, "cannot read directory: "+errText(err))
		return nil
	}
	patterns = append(patterns[:len(patterns):len(patterns)], w.ignoreFile(dir, ".gitignore")...)
	patterns = append(patterns, w.ignoreFile(dir, ".seamignore")...)
	matcher := gitignore.NewMatcher(patterns)
	for _, e := range entries {
		p := join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			info, err := fs.Stat(w.fsys, p)
			if err != nil {
				w.diag(p, model.SeverityWarning, "symlink not followed: "+symlinkReason(err))
				continue
			}
			if info.IsDir() {
				// A symlinked directory inside the root is walked where it really lives; following it here
				// would count files twice and can loop.
				continue
			}
		}
		if w.ignored(matcher, p, isDir) {
			continue
		}
		if isDir {
			if err := w.dir(p, patterns); err != nil {
				return err
			}
			continue
		}
		w.file(p, e)
	}
	return nil
}

func (w *walker) ignored(m gitignore.Matcher, p string, isDir bool) bool {
	if isDir && skipDir(path.Base(p)) {
		return true
	}
	if m.Match(strings.Split(p, "/"), isDir) {
		return true
	}
	for _, g := range w.opt.Ignore {
		if ok, _ := doublestar.Match(g, p); ok {
			return true
		}
		if isDir {
			if ok, _ := doublestar.Match(g, p+"/"); ok {
				return true
			}
		}
	}
	return false
}

func skipDir(name string) bool {
	for _, d := range DefaultSkipDirs {
		if name == d {
			return true
		}
	}
	return false
}

// file checks one file: regular, wanted, within the size cap, readable and not binary.
func (w *walker) file(p string, e fs.DirEntry) {
	info, err := fs.Stat(w.fsys, p)
	if err != nil {
		w.diag(p, model.SeverityError, "cannot read file: "+errText(err))
		return
	}
	if !info.Mode().IsRegular() {
		return
	}
	w.res.Seen++
	if w.opt.Wanted != nil && !w.opt.Wanted(p, info) {
		return
	}
	if info.Size() > w.opt.MaxFileSize {
		w.diag(p, model.SeverityWarning, fmt.Sprintf("file is %s, over the %s size cap; not read (raise settings.max_file_size or --max-file-size)",
			humanSize(info.Size()), humanSize(w.opt.MaxFileSize)))
		return
	}
	binary, err := sniffBinary(w.fsys, p)
	if err != nil {
		w.diag(p, model.SeverityError, "cannot read file: "+errText(err))
		return
	}
	if binary {
		w.diag(p, model.SeverityWarning, "binary content in a file named like a text input; not read")
		return
	}
	w.res.Files = append(w.res.Files, File{Path: p, Info: info})
}

// sniffBinary reports whether the first 8 KiB of a file hold a NUL byte, the test git itself uses.
func sniffBinary(fsys fs.FS, p string) (bool, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, 8<<10)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return false, err
	}
	for _, b := range buf[:n] {
		if b == 0 {
			return true, nil
		}
	}
	return false, nil
}

// ignoreFile reads a .gitignore-syntax file in dir, if present, into patterns scoped to dir.
func (w *walker) ignoreFile(dir, name string) []gitignore.Pattern {
	p := join(dir, name)
	data, err := fs.ReadFile(w.fsys, p)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.diag(p, model.SeverityWarning, "cannot read ignore file: "+errText(err))
		}
		return nil
	}
	var domain []string
	if dir != "." {
		domain = strings.Split(dir, "/")
	}
	var ps []gitignore.Pattern
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

func (w *walker) diag(p string, sev model.Severity, msg string) {
	w.res.Diagnostics = append(w.res.Diagnostics, model.Diagnostic{File: p, Severity: sev, Extractor: extractorName, Message: msg})
}

func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

func symlinkReason(err error) string {
	if strings.Contains(err.Error(), "escapes") {
		return "it points outside the scanned root"
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "its target does not exist"
	}
	return errText(err)
}

// errText strips the path an *fs.PathError repeats, since diagnostics already carry the file.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
