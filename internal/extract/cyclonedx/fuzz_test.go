package cyclonedx

import (
	"os"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

// FuzzParse feeds the importer arbitrary bytes, seeded with the fixtures: it must never panic; every edge
// joins nodes of the same facts (or the image/module holder), every affects entry names a package node, and
// every diagnostic has a line.
func FuzzParse(f *testing.F) {
	for _, name := range fixtures(f) {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		facts := Parse("fuzz.json", strings.NewReader(string(data)))
		kinds := map[string]model.NodeKind{}
		for _, n := range facts.Nodes {
			if n.ID == "" || n.Prov.File != "import:fuzz.json" || n.Prov.Line < 1 {
				t.Fatalf("node %+v", n)
			}
			kinds[n.ID] = n.Kind
		}
		for _, e := range facts.Edges {
			if kinds[e.From] == "" || kinds[e.To] != model.KindPackage {
				t.Fatalf("edge %+v between unknown nodes", e)
			}
		}
		for _, n := range facts.Nodes {
			affects, _ := n.Attrs["affects"].([]any)
			for _, a := range affects {
				if p := a.(map[string]any)["package"].(string); kinds[p] != model.KindPackage {
					t.Fatalf("%s affects %s, which is no package node", n.ID, p)
				}
			}
		}
		for _, d := range facts.Diagnostics {
			if d.Line < 1 {
				t.Fatalf("diagnostic %+v", d)
			}
		}
	})
}
