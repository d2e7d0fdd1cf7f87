package exposure

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fixtures are the repositories under testdata/ (each says in its own comments what it exercises and what
// the right answer is), and the example system.
var fixtures = []struct{ name, dir string }{
	{"webshop", "../../../examples/webshop"},
	{"alb-targets", "testdata/alb-targets"},
	{"alb-closed", "testdata/alb-closed"},
	{"public-instance", "testdata/public-instance"},
	{"public-asg", "testdata/public-asg"},
	{"lambda-url", "testdata/lambda-url"},
	{"http-api", "testdata/http-api"},
	{"rest-api", "testdata/rest-api"},
	{"k8s-default-deny", "testdata/k8s-default-deny"},
	{"k8s-internal-lb", "testdata/k8s-internal-lb"},
	{"k8s-public-lb", "testdata/k8s-public-lb"},
}

// goldenFacts is the builder's output as it is written to a golden file.
type goldenFacts struct {
	Nodes       []model.Node       `json:"nodes,omitempty"`
	Edges       []model.Edge       `json:"edges"`
	Broken      []model.BrokenLink `json:"broken"`
	Derived     []model.Derived    `json:"derived"`
	Assumptions []model.Assumption `json:"assumptions"`
}

// TestGolden compares everything the builder makes for each fixture with testdata/<name>.golden.json; run
// with -update to rewrite them after a deliberate change.
func TestGolden(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			g := linktest.Dir(t, fx.dir)
			f := linktest.Build(t, g, New())
			got, err := json.MarshalIndent(goldenFacts{f.Nodes, f.Edges, f.Broken, f.Derived, f.Assumptions}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", fx.name+".golden.json")
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
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("facts differ from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}
