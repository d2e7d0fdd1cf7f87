package sarif

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

// FuzzParse feeds the importer arbitrary bytes, seeded with the fixtures: it must never panic, and what it
// makes must keep the schema — code-flaw nodes whose provenance is a repository path or the SARIF file, never
// an absolute path, and resolved paths that stay inside the root.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.sarif")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimal))
	f.Fuzz(func(t *testing.T, data []byte) {
		facts := Parse("fuzz.sarif", strings.NewReader(string(data)))
		for _, n := range facts.Nodes {
			if n.Kind != model.KindCodeFlaw || n.ID == "" || n.Prov.File == "" {
				t.Fatalf("node %+v", n)
			}
			if strings.HasPrefix(n.Prov.File, "/") {
				t.Fatalf("absolute provenance %q", n.Prov.File)
			}
			if resolved, _ := n.Attrs["path_resolved"].(bool); resolved {
				p, _ := n.Attrs["path"].(string)
				if p == "" || strings.HasPrefix(p, "/") || p == ".." || strings.HasPrefix(p, "../") || p != n.Prov.File {
					t.Fatalf("resolved path %q, provenance %q", p, n.Prov.File)
				}
			}
		}
		for _, d := range facts.Diagnostics {
			if d.File != "sarif:fuzz.sarif" || d.Line < 1 {
				t.Fatalf("diagnostic %+v", d)
			}
		}
	})
}
