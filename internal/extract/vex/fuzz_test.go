package vex

import (
	"os"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

// FuzzParse feeds the importer arbitrary bytes, seeded with the fixtures: it must never panic, and every
// statement it makes keeps the contract's shape.
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
		for _, n := range facts.Nodes {
			if n.Kind != model.KindConfig || !strings.HasPrefix(n.ID, "vex:import:fuzz.json#") || n.Prov.Line < 1 {
				t.Fatalf("node %+v", n)
			}
			if !statuses[n.Attrs["status"].(string)] || n.Attrs["vulnerability"] == "" || len(n.Attrs["products"].([]any)) == 0 {
				t.Fatalf("statement %+v", n.Attrs)
			}
		}
		if len(facts.Edges) > 0 {
			t.Fatalf("edges %v", facts.Edges)
		}
		for _, d := range facts.Diagnostics {
			if d.Line < 1 {
				t.Fatalf("diagnostic %+v", d)
			}
		}
	})
}
