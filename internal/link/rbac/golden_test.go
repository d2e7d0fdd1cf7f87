package rbac

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenFacts is the builder's output as the golden files hold it.
type goldenFacts struct {
	Nodes       []model.Node       `json:"nodes,omitempty"`
	Edges       []model.Edge       `json:"edges,omitempty"`
	Derived     []goldenDerived    `json:"derived,omitempty"`
	Broken      []model.BrokenLink `json:"broken,omitempty"`
	Assumptions []model.Assumption `json:"assumptions,omitempty"`
	Diagnostics []model.Diagnostic `json:"diagnostics,omitempty"`
}

type goldenDerived struct {
	Node  string           `json:"node"`
	Key   string           `json:"key"`
	Value any              `json:"value"`
	Prov  model.Provenance `json:"provenance"`
}

// TestGolden compares everything the builder makes for each fixture with testdata/golden/<fixture>.json
// (go test -update rewrites them): the edges with every attribute, the derived summaries, refused links,
// assumptions and diagnostics.
func TestGolden(t *testing.T) {
	for _, fx := range []string{"operator", "ci-deployer", "edit", "groups", "minimal", "broken", "escalation"} {
		t.Run(fx, func(t *testing.T) {
			f := linktest.Build(t, linktest.Dir(t, "testdata/"+fx), New())
			out := goldenFacts{Nodes: f.Nodes, Edges: f.Edges, Broken: f.Broken, Assumptions: f.Assumptions, Diagnostics: f.Diagnostics}
			for _, d := range f.Derived {
				out.Derived = append(out.Derived, goldenDerived{Node: d.Node, Key: d.Key, Value: d.Value, Prov: d.Prov})
			}
			got, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", fx+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s differs (-want +got):\n%s", path, cmp.Diff(string(want), string(got)))
			}
		})
	}
}
