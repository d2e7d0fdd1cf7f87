package reach

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// maxFileSize caps the Go files read; a larger file is skipped and counted as not parsed.
const maxFileSize = 4 << 20

// module is the index of one module's own non-test Go files.
type module struct {
	dir    string
	files  []*fileIndex // sorted by path
	failed []string     // "file:line: message" of files that did not parse, sorted
}

// loadModule walks dir in fsys and indexes every Go file that belongs to the module (see the package doc).
func loadModule(ctx context.Context, fsys fs.FS, dir string) (*module, error) {
	dir = path.Clean(dir)
	if _, err := fs.Stat(fsys, path.Join(dir, "go.mod")); err != nil {
		return nil, fmt.Errorf("reach: no go.mod in %s: %w", dir, err)
	}
	m := &module{dir: dir}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if p == dir {
				return err
			}
			m.failed = append(m.failed, p+": "+err.Error())
			return nil
		}
		if d.IsDir() {
			if p != dir && skipDir(fsys, p, d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		m.add(fsys, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reach: walking %s: %w", dir, err)
	}
	sort.Slice(m.files, func(i, j int) bool { return m.files[i].path < m.files[j].path })
	sort.Strings(m.failed)
	return m, nil
}

// skipDir reports whether a directory is outside the module's own code: vendor, testdata, hidden or
// underscore directories (the go tool ignores them), and nested modules.
func skipDir(fsys fs.FS, p, name string) bool {
	if name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
		return true
	}
	_, err := fs.Stat(fsys, path.Join(p, "go.mod"))
	return err == nil
}

// add reads and indexes one file; a generated file is left out, a file that cannot be read or parsed is
// recorded as failed.
func (m *module) add(fsys fs.FS, p string) {
	info, err := fs.Stat(fsys, p)
	if err == nil && info.Size() > maxFileSize {
		m.failed = append(m.failed, fmt.Sprintf("%s: larger than %d bytes, not read", p, maxFileSize))
		return
	}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		m.failed = append(m.failed, p+": "+err.Error())
		return
	}
	fi, err := indexFile(p, src)
	switch {
	case err != nil:
		m.failed = append(m.failed, err.Error())
	case fi != nil: // nil: generated
		m.files = append(m.files, fi)
	}
}
