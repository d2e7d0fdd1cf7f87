package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Root is a directory opened for scanning. Its FS refuses any path, symlink included, that resolves outside the
// directory: containment is enforced by os.Root, not by string checks.
type Root struct {
	Label string // how the root appears in provenance when several are scanned ("" for a single root)
	root  *os.Root
}

// OpenRoot opens a directory for scanning.
func OpenRoot(dir string) (*Root, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open scan root: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("open scan root: %s is not a directory", dir)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open scan root: %w", err)
	}
	return &Root{root: r}, nil
}

// FS returns the root as an fs.FS.
func (r *Root) FS() fs.FS { return r.root.FS() }

// Close releases the root.
func (r *Root) Close() error { return r.root.Close() }

// Labels gives each scanned directory a short, machine-independent label (its base name, made unique with a
// numeric suffix) for use as the top-level directory of a Union.
func Labels(dirs []string) []string {
	labels := make([]string, len(dirs))
	used := map[string]int{}
	for i, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			abs = d
		}
		base := filepath.Base(abs)
		if base == string(filepath.Separator) || base == "." || base == "" {
			base = "root"
		}
		used[base]++
		if used[base] > 1 {
			base = fmt.Sprintf("%s-%d", base, used[base])
		}
		labels[i] = base
	}
	return labels
}

// Union presents several roots as one FS whose top-level directories are their labels, so that a scan of
// several directories gives provenance such as "shop/deploy/api.yaml" and "infra/main.tf".
type Union struct {
	names []string
	fss   map[string]fs.FS
}

// NewUnion builds a Union from labels and their file systems.
func NewUnion(labels []string, fss []fs.FS) *Union {
	u := &Union{fss: map[string]fs.FS{}}
	for i, l := range labels {
		u.names = append(u.names, l)
		u.fss[l] = fss[i]
	}
	sort.Strings(u.names)
	return u
}

func (u *Union) split(name string) (fs.FS, string, error) {
	first, rest, _ := strings.Cut(name, "/")
	f, ok := u.fss[first]
	if !ok {
		return nil, "", fs.ErrNotExist
	}
	if rest == "" {
		rest = "."
	}
	return f, rest, nil
}

// Open implements fs.FS.
func (u *Union) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("the union of scan roots is not a file")}
	}
	f, rest, err := u.split(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.Open(rest)
}

// ReadDir implements fs.ReadDirFS; the top level lists the labels.
func (u *Union) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "." {
		out := make([]fs.DirEntry, 0, len(u.names))
		for _, n := range u.names {
			out = append(out, fs.FileInfoToDirEntry(dirInfo(n)))
		}
		return out, nil
	}
	f, rest, err := u.split(name)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return fs.ReadDir(f, rest)
}

// Stat implements fs.StatFS.
func (u *Union) Stat(name string) (fs.FileInfo, error) {
	if name == "." {
		return dirInfo("."), nil
	}
	f, rest, err := u.split(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if rest == "." {
		return dirInfo(name), nil
	}
	return fs.Stat(f, rest)
}

type dirInfo string

func (d dirInfo) Name() string       { return string(d) }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }
