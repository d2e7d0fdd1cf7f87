package reach

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzIndexFile feeds arbitrary source to the parser and index, seeded with every fixture file: it must never
// panic, and a file that parses must answer symbol queries for each of its imports.
func FuzzIndexFile(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*/*.go")
	more, _ := filepath.Glob("testdata/*/*/*/*.go")
	for _, p := range append(paths, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("package p\nimport . \"x\"\nfunc f() { (*x.T).M(nil); var v x.T; v.M() }\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fi, err := indexFile("f.go", src)
		if err != nil || fi == nil {
			return
		}
		for i, imp := range fi.imports {
			_ = fi.refs(imp, fi.names[i], []string{"F", "T.M", "", "."})
		}
	})
}
