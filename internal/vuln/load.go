package vuln

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/seam-sec/seam/internal/model"
)

// Limits caps what loading a database reads, so that a hostile or broken export cannot exhaust memory.
type Limits struct {
	MaxZipEntries int   // entries read from one zip; the rest are ignored with a diagnostic
	MaxZipBytes   int64 // uncompressed bytes read from one zip, counted as read (not as declared)
	MaxFileBytes  int64 // bytes of one advisory
}

// DefaultLimits fit osv.dev's exports with room to spare: its largest per-ecosystem all.zip holds a few hundred
// thousand advisories and a few GiB uncompressed; a single advisory is at most a few MiB.
var DefaultLimits = Limits{MaxZipEntries: 2_000_000, MaxZipBytes: 16 << 30, MaxFileBytes: 32 << 20}

// skipNames are files a database directory may hold beside the advisories (feeds the vulnerability stage
// reads, the update's own records); they are not advisories.
var skipNames = map[string]bool{"kev.json": true, "manifest.json": true, "metadata.json": true}

// doc is one advisory file read from the source: its path inside the export and its bytes.
type doc struct {
	source string
	data   []byte
}

// loaded is what loading a source gives.
type loaded struct {
	advisories []*advisory
	withdrawn  int
	malformed  int
	diags      []model.Diagnostic
}

// diag makes a diagnostic about a file inside the vulnerability database.
func diag(sev model.Severity, source string, line int, msg string) model.Diagnostic {
	return model.Diagnostic{File: "osv:" + source, Line: line, Severity: sev, Extractor: "vuln", Message: msg}
}

// load reads every advisory of a source (a directory of *.json and zips, or one zip), parsing on every core.
// A malformed advisory or an unreadable file is a diagnostic; only a source that cannot be opened is an error.
func load(ctx context.Context, src string, lim Limits) (*loaded, error) {
	info, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	docs := make(chan doc, 256)
	out := &loaded{}
	var mu sync.Mutex
	report := func(d model.Diagnostic) { mu.Lock(); out.diags = append(out.diags, d); mu.Unlock() }
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				a, probs, err := parseAdvisory(d.data, d.source)
				mu.Lock()
				out.add(d.source, a, probs, err)
				mu.Unlock()
			}
		}()
	}
	var readErr error
	if info.IsDir() {
		readErr = walkDir(ctx, src, lim, docs, report)
	} else {
		readErr = readZip(ctx, src, "", lim, docs, report)
	}
	close(docs)
	wg.Wait()
	if readErr != nil {
		return nil, readErr
	}
	sort.Slice(out.advisories, func(i, j int) bool {
		a, b := out.advisories[i], out.advisories[j]
		return a.ID < b.ID || (a.ID == b.ID && a.Source < b.Source)
	})
	out.diags = sortDiagnostics(out.diags)
	return out, nil
}

// add records the outcome of parsing one file; the caller holds the lock.
func (l *loaded) add(source string, a *advisory, probs []problem, err error) {
	if err != nil {
		l.malformed++
		line := 0
		var pe *parseError
		if errors.As(err, &pe) {
			line = pe.Line
		}
		l.diags = append(l.diags, diag(model.SeverityWarning, source, line, err.Error()+"; advisory skipped"))
		return
	}
	for _, p := range probs {
		l.diags = append(l.diags, diag(model.SeverityWarning, source, p.Line, a.ID+": "+p.Message))
	}
	if a.Withdrawn {
		l.withdrawn++
		return
	}
	l.advisories = append(l.advisories, a)
}

// walkDir sends every advisory below root: *.json files and the entries of *.zip files. Hidden files,
// symbolic links and files that are not advisories are not read.
func walkDir(ctx context.Context, root string, lim Limits, docs chan<- doc, report func(model.Diagnostic)) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			report(diag(model.SeverityWarning, rel, 0, "cannot read: "+err.Error()))
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		name := d.Name()
		if rel != "." && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			report(diag(model.SeverityInfo, rel, 0, "symbolic link in the vulnerability database not followed"))
		case strings.HasSuffix(name, ".zip"):
			return readZip(ctx, p, path.Dir(rel), lim, docs, report)
		case strings.HasSuffix(name, ".json") && !skipNames[name]:
			data, err := readCapped(p, lim.MaxFileBytes)
			if err != nil {
				report(diag(model.SeverityWarning, rel, 0, err.Error()+"; advisory skipped"))
				return nil
			}
			docs <- doc{source: rel, data: data}
		}
		return nil
	})
}

func readCapped(p string, max int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	return data, nil
}

// readZip sends the *.json entries of one zip. dir is the zip's directory inside the export ("PyPI" for
// PyPI/all.zip), so that entries are named as osv.dev names them ("PyPI/PYSEC-2021-1.json"). Entry names that
// would escape the export (absolute, "..", backslashes) are refused; entry count and bytes are capped.
func readZip(ctx context.Context, file, dir string, lim Limits, docs chan<- doc, report func(model.Diagnostic)) error {
	rel := path.Join(dir, filepath.Base(file))
	zr, err := zip.OpenReader(file)
	if err != nil {
		report(diag(model.SeverityWarning, rel, 0, "not a readable zip: "+err.Error()))
		return nil
	}
	defer zr.Close()
	var total int64
	for i, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i >= lim.MaxZipEntries {
			report(diag(model.SeverityWarning, rel, 0, fmt.Sprintf(
				"zip has %d entries, more than the limit of %d; the rest are ignored", len(zr.File), lim.MaxZipEntries)))
			return nil
		}
		if f.FileInfo().IsDir() || !strings.HasSuffix(f.Name, ".json") {
			continue
		}
		if !safeEntryName(f.Name) {
			report(diag(model.SeverityWarning, rel, 0, fmt.Sprintf("zip entry %q escapes the export; refused", f.Name)))
			continue
		}
		source := path.Join(dir, f.Name)
		data, err := readEntry(f, lim.MaxFileBytes)
		total += int64(len(data))
		if err != nil {
			report(diag(model.SeverityWarning, source, 0, err.Error()+"; advisory skipped"))
			continue
		}
		if total > lim.MaxZipBytes {
			report(diag(model.SeverityWarning, rel, 0, fmt.Sprintf(
				"zip expands to more than %d bytes; the rest is ignored", lim.MaxZipBytes)))
			return nil
		}
		docs <- doc{source: source, data: data}
	}
	return nil
}

func readEntry(f *zip.File, max int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot read zip entry: %w", err)
	}
	defer rc.Close()
	// The declared size sizes the buffer (it is at most max); the bytes read are what count.
	buf := bytes.NewBuffer(make([]byte, 0, f.UncompressedSize64+1))
	if _, err := io.Copy(buf, io.LimitReader(rc, max+1)); err != nil {
		return nil, fmt.Errorf("cannot read zip entry: %w", err)
	}
	data := buf.Bytes()
	if int64(len(data)) > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	return data, nil
}

// safeEntryName reports whether a zip entry name stays inside the export.
func safeEntryName(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") || path.IsAbs(name) ||
		(len(name) > 1 && name[1] == ':') {
		return false
	}
	for _, el := range strings.Split(name, "/") {
		if el == ".." {
			return false
		}
	}
	return true
}

// sortDiagnostics orders diagnostics by file, line and message, dropping exact repeats.
func sortDiagnostics(ds []model.Diagnostic) []model.Diagnostic {
	sort.Slice(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	out := ds[:0]
	for i, d := range ds {
		if i == 0 || d != ds[i-1] {
			out = append(out, d)
		}
	}
	return out
}
