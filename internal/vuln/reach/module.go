package reach

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// maxFileSize caps the Go files read; a larger file is skipped and counted as not parsed.
const maxFileSize = 4 << 20

// module is the index of one module's own non-test Go files.
type module struct {
	dir      string
	files    []*fileIndex            // sorted by path
	importer map[string][]*fileIndex // import path → the files importing it, sorted by path
	failed   []string                // "file:line: message" of files that did not parse, sorted
}

// loadModule walks dir in fsys and indexes every Go file that belongs to the module (see the package doc).
func loadModule(ctx context.Context, fsys fs.FS, dir string) (*module, error) {
	dir = path.Clean(dir)
	if _, err := fs.Stat(fsys, path.Join(dir, "go.mod")); err != nil {
		return nil, fmt.Errorf("reach: no go.mod in %s: %w", dir, err)
	}
	m := &module{dir: dir}
	var paths []string
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
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reach: walking %s: %w", dir, err)
	}
	if err := m.parseAll(ctx, fsys, paths); err != nil {
		return nil, err
	}
	sort.Slice(m.files, func(i, j int) bool { return m.files[i].path < m.files[j].path })
	sort.Strings(m.failed)
	m.importer = map[string][]*fileIndex{}
	for _, f := range m.files {
		seen := map[string]bool{} // a path imported twice in a file (two names) lists the file once
		for _, imp := range f.imports {
			if !seen[imp.path] {
				seen[imp.path] = true
				m.importer[imp.path] = append(m.importer[imp.path], f)
			}
		}
	}
	return m, nil
}

// parseAll reads and indexes files on every core; the results are sorted afterwards.
func (m *module) parseAll(ctx context.Context, fsys fs.FS, paths []string) error {
	work := make(chan string)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				fi, failed := readFile(fsys, p)
				mu.Lock()
				if fi != nil {
					m.files = append(m.files, fi)
				}
				if failed != "" {
					m.failed = append(m.failed, failed)
				}
				mu.Unlock()
			}
		}()
	}
	var err error
	for _, p := range paths {
		if err = ctx.Err(); err != nil {
			break
		}
		work <- p
	}
	close(work)
	wg.Wait()
	return err
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

// readFile reads and indexes one file. It returns nil for a generated file, and a failure text for a file
// that cannot be read or parsed.
func readFile(fsys fs.FS, p string) (*fileIndex, string) {
	info, err := fs.Stat(fsys, p)
	if err == nil && info.Size() > maxFileSize {
		return nil, fmt.Sprintf("%s: larger than %d bytes, not read", p, maxFileSize)
	}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, p + ": " + err.Error()
	}
	fi, err := indexFile(p, src)
	if err != nil {
		return nil, err.Error()
	}
	return fi, ""
}
