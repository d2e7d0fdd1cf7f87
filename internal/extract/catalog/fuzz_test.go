package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzExtract must never panic (a recovered parser panic shows as a "please report it" diagnostic, which fails
// here), every fact carries provenance, and every edge ends at a node of the same facts.
func FuzzExtract(f *testing.F) {
	for _, p := range fixtures(f) {
		data, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("apiVersion: backstage.io/v1\nkind: Group\nmetadata: {name: a}\nspec: {members: [*x, &y b], parent: [c]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		facts := ExtractBytes("catalog-info.yaml", data)
		ids := map[string]bool{}
		for _, n := range facts.Nodes {
			if n.ID == "" || n.Prov.File == "" || n.Prov.Extractor != Name || !n.Kind.Valid() {
				t.Fatalf("bad node: %+v", n)
			}
			ids[n.ID] = true
		}
		for _, e := range facts.Edges {
			if !ids[e.From] || !ids[e.To] || e.Prov.Line <= 0 || !e.Kind.Valid() {
				t.Fatalf("bad edge: %+v", e)
			}
		}
		for _, d := range facts.Diagnostics {
			if strings.Contains(d.Message, "please report it") {
				t.Fatalf("parser crash: %s", d.Message)
			}
		}
	})
}
