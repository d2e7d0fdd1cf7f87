package kubernetes

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the extractor's dependencies one way: among Seam's packages it may import only the model
// and the extract contract, never the graph or another extractor.
func TestImports(t *testing.T) {
	allowed := map[string]bool{
		"github.com/seam-sec/seam/internal/model":   true,
		"github.com/seam-sec/seam/internal/extract": true,
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, "github.com/seam-sec/seam/") && !allowed[p] {
				t.Errorf("%s imports %s", name, p)
			}
		}
	}
}
