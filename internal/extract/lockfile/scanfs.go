package lockfile

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// errTooLarge is returned when a wrapped plugin opens a further file (a parent POM, a requirements file
// named by "-r", a go.sum) that is larger than the scan's file-size cap.
var errTooLarge = errors.New("file is larger than the scan's size cap")

// scanFS gives scalibr plugins the scanned root in the shape they expect (fs.FS with ReadDir and Stat) and
// applies the walker's size cap to every file they open on their own. Paths stay slash-separated and
// relative; io/fs rejects paths that climb out of the root ("../pom.xml" at the top), and the engine's
// os.Root-backed FS refuses symlinks that leave it.
type scanFS struct {
	fsys    fs.FS
	maxSize int64 // 0 means no cap
}

// Open opens name after checking its size against the cap.
func (s scanFS) Open(name string) (fs.File, error) {
	if s.maxSize > 0 {
		info, err := fs.Stat(s.fsys, name)
		if err != nil {
			return nil, err
		}
		if info.Size() > s.maxSize {
			return nil, &fs.PathError{Op: "open", Path: name, Err: errTooLarge}
		}
	}
	return s.fsys.Open(name)
}

// ReadDir lists a directory of the scanned root.
func (s scanFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.fsys, name) }

// Stat describes a file of the scanned root.
func (s scanFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.fsys, name) }

// fileAPI is the file description scalibr's FileRequired methods take: a path and a lazy Stat. The walker
// already has the FileInfo, so Stat never touches the disk.
type fileAPI struct {
	path string
	info fs.FileInfo
}

// Path returns the slash-separated path relative to the scanned root.
func (f fileAPI) Path() string { return f.path }

// Stat returns the walker's FileInfo, or an error when the walker gave none.
func (f fileAPI) Stat() (fs.FileInfo, error) {
	if f.info == nil {
		return nil, fmt.Errorf("stat %s: no file info", f.path)
	}
	return f.info, nil
}

// baseName returns the last element of a slash-separated path.
func baseName(p string) string { return path.Base(p) }
