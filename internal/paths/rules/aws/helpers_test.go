package aws

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/builders"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// sys builds a small graph by hand: each node gets the next line of "main.tf" (or its own file), so evidence
// can be asserted by line.
type sys struct {
	f    model.Facts
	line int
}

func (s *sys) node(id string, kind model.NodeKind, typ, name string, attrs map[string]any) *sys {
	s.line += 10
	s.f.Nodes = append(s.f.Nodes, model.Node{ID: id, Kind: kind, Type: typ, Name: name, Attrs: attrs,
		Prov: model.Provenance{File: "main.tf", Line: s.line, Extractor: "test"}})
	return s
}

func (s *sys) edge(from string, kind model.EdgeKind, to string, attrs map[string]any) *sys {
	s.f.Edges = append(s.f.Edges, model.Edge{From: from, To: to, Kind: kind, Attrs: attrs,
		Prov: model.Provenance{File: "main.tf", Line: 1, Extractor: "test"}})
	return s
}

// derive sets a derived property, as the link stage would.
func (s *sys) derive(id, key string, v any) *sys {
	for i := range s.f.Nodes {
		if s.f.Nodes[i].ID == id {
			if s.f.Nodes[i].Derived == nil {
				s.f.Nodes[i].Derived = map[string]model.DerivedValue{}
			}
			s.f.Nodes[i].Derived[key] = model.DerivedValue{Value: v, Prov: model.Provenance{File: "netpol.yaml", Line: 3, Extractor: "link/exposure"}}
		}
	}
	return s
}

func (s *sys) graph() *graph.Graph {
	g := graph.New()
	derived := map[string]map[string]model.DerivedValue{}
	for i := range s.f.Nodes {
		if s.f.Nodes[i].Derived != nil {
			derived[s.f.Nodes[i].ID] = s.f.Nodes[i].Derived
			s.f.Nodes[i].Derived = nil
		}
	}
	g.Add(s.f)
	g.Freeze()
	var ds []model.Derived
	for id, m := range derived {
		for k, v := range m {
			ds = append(ds, model.Derived{Node: id, Key: k, Value: v.Value, Prov: v.Prov})
		}
	}
	if len(ds) > 0 {
		g.Extend(model.Facts{Derived: ds})
	}
	return g
}

// scanned builds the graph of a directory as `seam scan` does — every extractor, seam.yaml, then the link
// stages in order, each stage's builders over the same graph and their facts added together — without the
// engine (which lists this package's rules: a test here cannot import it).
func scanned(t testing.TB, dir string) *graph.Graph {
	t.Helper()
	g := linktest.Dir(t, dir)
	for _, stage := range builders.Stages() {
		in := &link.Input{Graph: g, Index: link.NewIndex(g)}
		var all model.Facts
		for _, b := range stage.Builders {
			f, err := b.Build(context.Background(), in)
			if err != nil {
				t.Fatalf("%s: %v", b.Name(), err)
			}
			all.Merge(f)
		}
		g.Extend(all)
	}
	return g
}

// tfGraph scans a repository written from files (path → content), as scanned does.
func tfGraph(t *testing.T, files map[string]string) *graph.Graph {
	t.Helper()
	dir := t.TempDir()
	for p, body := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return scanned(t, dir)
}

// got is what a test asserts of a step: where it goes, its likelihood (0 for the rule's base), the control's
// ID, the first evidence and how many assumptions it makes.
type got struct {
	To       string
	L        float64
	Control  string
	Evidence string
	Assumes  int
}

// run asks one rule for the steps out of a state and projects them.
func run(g *graph.Graph, r paths.Rule, s paths.State) []got {
	c := paths.NewContext(g, nil)
	var out []got
	for _, st := range r.Steps(c, s) {
		ev := ""
		if len(st.Evidence) > 0 {
			ev = fmt.Sprintf("%s:%d", st.Evidence[0].File, st.Evidence[0].Line)
		}
		out = append(out, got{To: st.To.String(), L: math.Round(st.Likelihood*1000) / 1000, Control: st.Control.ID,
			Evidence: ev, Assumes: len(st.Assumptions)})
	}
	return out
}

// steps asks a rule for the raw steps, for assertions on reasons and assumptions.
func steps(g *graph.Graph, r paths.Rule, s paths.State) []paths.Step {
	return r.Steps(paths.NewContext(g, nil), s)
}

func st(k paths.Kind, node string) paths.State { return paths.State{Kind: k, Node: node} }

// provider is the Terraform provider block of the test systems: account 111122223333, eu-west-1.
const provider = `
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}
`
