package vulnreport

import (
	"os"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

// FuzzParse feeds the importer arbitrary bytes, seeded with the fixtures: it must never panic, and what it
// makes keeps the contract's shape — typed nodes with provenance in the report, vulnerability nodes with a
// primary ID and affects naming package nodes of the same facts.
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
		pkgs := map[string]bool{}
		for _, n := range facts.Nodes {
			if n.ID == "" || n.Prov.File != "import:fuzz.json" || n.Prov.Line < 1 {
				t.Fatalf("node %+v", n)
			}
			pkgs[n.ID] = n.Kind == model.KindPackage
		}
		for _, n := range facts.Nodes {
			if n.Kind != model.KindVulnerability {
				continue
			}
			if n.ID != model.VulnerabilityID(n.Name) {
				t.Fatalf("vulnerability %s named %s", n.ID, n.Name)
			}
			affects, _ := n.Attrs["affects"].([]any)
			for _, a := range affects {
				if p := a.(map[string]any)["package"].(string); !pkgs[p] {
					t.Fatalf("%s affects %s, which is no package node", n.ID, p)
				}
			}
		}
		for _, e := range facts.Edges {
			if !pkgs[e.To] || e.Kind != model.EdgeContains {
				t.Fatalf("edge %+v", e)
			}
		}
		for _, d := range facts.Diagnostics {
			if d.File != "import:fuzz.json" || d.Line < 1 {
				t.Fatalf("diagnostic %+v", d)
			}
		}
	})
}
