package k8s

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// The helpers below draw small graphs the way the extractors and the link stage would leave them, so each
// rule's table can say which steps a state makes and which it must not.

// file is the manifest every test node claims to come from.
const file = "deploy/app.yaml"

func prov(line int) model.Provenance {
	return model.Provenance{File: file, Line: line, Extractor: "kubernetes"}
}

// pod is a Deployment in a namespace with the given attributes merged over an unprivileged default.
func pod(ns, name string, attrs map[string]any) model.Node {
	a := map[string]any{"namespace": ns, "containers": []any{map[string]any{"name": name, "security_context": map[string]any{}}}}
	for k, v := range attrs {
		a[k] = v
	}
	typ := "Deployment"
	if t, ok := a["$type"].(string); ok {
		typ = t
		delete(a, "$type")
	}
	return model.Node{ID: model.K8sID(ns, typ, name), Kind: model.KindWorkload, Type: typ, Name: name, Attrs: a, Prov: prov(10)}
}

// sa is a ServiceAccount.
func sa(ns, name string, attrs map[string]any) model.Node {
	a := map[string]any{"namespace": ns}
	for k, v := range attrs {
		a[k] = v
	}
	return model.Node{ID: model.K8sID(ns, "ServiceAccount", name), Kind: model.KindIdentity, Type: "ServiceAccount", Name: name, Attrs: a, Prov: prov(2)}
}

// node is any other node.
func node(id string, kind model.NodeKind, typ string, attrs map[string]any) model.Node {
	name := id[strings.LastIndex(id, "/")+1:]
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	return model.Node{ID: id, Kind: kind, Type: typ, Name: name, Attrs: attrs, Prov: prov(30)}
}

func secret(ns, name string) model.Node {
	return node(model.K8sID(ns, "Secret", name), model.KindDataStore, "Secret", map[string]any{"namespace": ns,
		"lines": map[string]any{"stringData.DATABASE_URL": 35}})
}

func edge(from string, kind model.EdgeKind, to string, attrs map[string]any) model.Edge {
	return model.Edge{From: from, To: to, Kind: kind, Attrs: attrs, Prov: prov(20)}
}

// uses is the extractor's pod → ServiceAccount edge.
func uses(w, s model.Node) model.Edge { return edge(w.ID, model.EdgeUsesIdentity, s.ID, nil) }

// build freezes nodes and edges into a graph and adds the derived properties (node ID → key → value).
func build(t *testing.T, nodes []model.Node, edges []model.Edge, derived map[string]map[string]any) *paths.Context {
	t.Helper()
	g := graph.New()
	g.Add(model.Facts{Nodes: nodes, Edges: edges})
	g.Freeze()
	var ds []model.Derived
	ids := make([]string, 0, len(derived))
	for id := range derived {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		keys := make([]string, 0, len(derived[id]))
		for k := range derived[id] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ds = append(ds, model.Derived{Node: id, Key: k, Value: derived[id][k], Prov: model.Provenance{File: "rbac.yaml", Line: 5, Extractor: "link/test"}})
		}
	}
	g.Extend(model.Facts{Derived: ds})
	if len(g.Diagnostics()) > 0 {
		t.Fatalf("graph diagnostics: %v", g.Diagnostics())
	}
	return paths.NewContext(g, nil)
}

// summary renders steps as "to likelihood control [assumptions]" lines, for table comparisons.
func summary(steps []paths.Step) []string {
	var out []string
	for _, s := range steps {
		line := fmt.Sprintf("%s %.3f %s", s.To, s.Likelihood, s.Control.ID)
		if len(s.Assumptions) > 0 {
			line += fmt.Sprintf(" assumes=%d", len(s.Assumptions))
		}
		out = append(out, line)
	}
	return out
}

// mustEvidence fails when a step has no evidence or evidence without a file and line.
func mustEvidence(t *testing.T, steps []paths.Step) {
	t.Helper()
	for _, s := range steps {
		if len(s.Evidence) == 0 {
			t.Errorf("%s: no evidence", s.To)
		}
		for _, e := range s.Evidence {
			if e.File == "" || e.Line == 0 {
				t.Errorf("%s: evidence without file:line: %+v", s.To, e)
			}
		}
		if s.Reason == "" || s.Control.ID == "" || s.Control.Title == "" {
			t.Errorf("%s: reason %q, control %+v", s.To, s.Reason, s.Control)
		}
	}
}

func exec(id string) paths.State  { return paths.State{Kind: paths.Exec, Node: id} }
func creds(id string) paths.State { return paths.State{Kind: paths.Creds, Node: id} }

// run asks a rule for its steps from a state, with the base likelihood filled in as the search does.
func run(c *paths.Context, r paths.Rule, s paths.State) []paths.Step {
	steps := r.Steps(c, s)
	for i := range steps {
		if steps[i].Likelihood == 0 {
			steps[i].Likelihood = r.Meta().Likelihood
		}
	}
	return steps
}
