package graph

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
)

// adjacency renders every node's Out and In lists, for comparing two graphs' indexes.
func adjacency(g *Graph) []string {
	var out []string
	for _, n := range g.Nodes() {
		for _, e := range g.Out(n.ID) {
			out = append(out, "out "+n.ID+": "+e.Key())
		}
		for _, e := range g.In(n.ID) {
			out = append(out, "in "+n.ID+": "+e.Key())
		}
	}
	return out
}

// randomFacts makes a deterministic web of nodes and edges, some edges repeated, some dangling.
func randomFacts(r *rand.Rand, nodes, edges int, ex string) model.Facts {
	var f model.Facts
	for i := 0; i < nodes; i++ {
		f.Nodes = append(f.Nodes, model.Node{ID: fmt.Sprintf("n%03d", r.Intn(nodes*2)), Kind: model.KindResource, Prov: prov("f.tf", i+1, ex)})
	}
	kinds := []model.EdgeKind{model.EdgeReferences, model.EdgeCan, model.EdgeRoutesTo}
	for i := 0; i < edges; i++ {
		f.Edges = append(f.Edges, model.Edge{From: fmt.Sprintf("n%03d", r.Intn(nodes*2)), To: fmt.Sprintf("n%03d", r.Intn(nodes*2)),
			Kind: kinds[r.Intn(len(kinds))], Prov: prov("f.tf", r.Intn(50)+1, ex)})
	}
	return f
}

// TestExtendEqualsFreeze: adding a stage's facts with Extend gives the graph, edge order and adjacency lists
// a single Freeze of everything gives — whatever the facts, provided the stage adds no node definitions the
// first facts already had (Extend keeps an existing edge, Freeze the first by provenance).
func TestExtendEqualsFreeze(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewSource(seed))
		base := randomFacts(r, 60, 200, "x")
		stage := randomFacts(r, 60, 200, "link/y")
		stage.Nodes = nil // links add edges between what exists, like most builders
		want := build([]model.Facts{base, stage})
		got := build([]model.Facts{base})
		got.Extend(stage)
		// Edges in both with different provenance: Extend keeps the existing one, Freeze the first by
		// provenance; compare keys and adjacency, which must agree exactly.
		var wk, gk []string
		for _, e := range want.Edges() {
			wk = append(wk, e.Key())
		}
		for _, e := range got.Edges() {
			gk = append(gk, e.Key())
		}
		if diff := cmp.Diff(wk, gk); diff != "" {
			t.Fatalf("seed %d: edges (-freeze +extend):\n%s", seed, diff)
		}
		if diff := cmp.Diff(adjacency(want), adjacency(got)); diff != "" {
			t.Fatalf("seed %d: adjacency (-freeze +extend):\n%s", seed, diff)
		}
	}
}

// TestExtend checks what Extend does with each kind of fact.
func TestExtend(t *testing.T) {
	g := build(facts())
	g.Extend(model.Facts{
		Nodes: []model.Node{
			// An implicit node a builder makes for a role outside the scan.
			{ID: "arn:aws:iam::1:role/x", Kind: model.KindIdentity, Implicit: true, Prov: prov("sa.yaml", 3, "link/identity")},
			// A builder's implicit stub of an existing node must not replace it.
			{ID: "aws_iam_role.api", Kind: model.KindIdentity, Implicit: true, Prov: prov("a.yaml", 1, "link/identity")},
		},
		Edges: []model.Edge{
			{From: "k8s:shop/ServiceAccount/api", To: "aws_iam_role.api", Kind: model.EdgeUsesIdentity, Prov: prov("deploy/sa.yaml", 3, "link/identity")},
			// Already in the graph: kept as it was.
			{From: "k8s:shop/Deployment/api", To: "k8s:shop/ServiceAccount/api", Kind: model.EdgeUsesIdentity, Prov: prov("zz.yaml", 1, "link/identity")},
			// No such node: dropped with a warning.
			{From: "aws_iam_role.api", To: "nowhere", Kind: model.EdgeCan, Prov: prov("main.tf", 10, "link/access")},
		},
		Derived: []model.Derived{
			{Node: "aws_iam_role.api", Key: "owner", Value: "a", Prov: prov("seam.yaml", 1, "link/owner")},
			{Node: "aws_iam_role.api", Key: "owner", Value: "b", Prov: prov("seam.yaml", 2, "link/owner")}, // later wins
			{Node: "missing", Key: "owner", Value: "c", Prov: prov("seam.yaml", 3, "link/owner")},          // dropped
		},
		Broken: []model.BrokenLink{{From: "k8s:shop/ServiceAccount/api", Kind: model.EdgeUsesIdentity, Method: "irsa", Reason: "trust", Prov: prov("sa.yaml", 3, "link/identity")}},
	})
	role, _ := g.Node("aws_iam_role.api")
	if role.Implicit || role.Prov.File != "main.tf" || role.Derived["owner"].Value != "b" {
		t.Errorf("role after Extend: %+v", role)
	}
	if _, ok := g.Node("arn:aws:iam::1:role/x"); !ok || len(g.NodesOfKind(model.KindIdentity)) != 3 {
		t.Error("the new implicit node is missing from the indexes")
	}
	var keys []string
	for _, e := range g.Edges() {
		keys = append(keys, e.Key()+" @"+e.Prov.File)
	}
	want := []string{
		"k8s:shop/Deployment/api -uses-identity-> k8s:shop/ServiceAccount/api @deploy/api.yaml",
		"k8s:shop/ServiceAccount/api -uses-identity-> aws_iam_role.api @deploy/sa.yaml",
	}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	if len(g.In("aws_iam_role.api")) != 1 || len(g.Broken()) != 1 {
		t.Errorf("in %v, broken %v", g.In("aws_iam_role.api"), g.Broken())
	}
	warnings := 0
	for _, d := range g.Diagnostics() {
		if d.Severity == model.SeverityWarning {
			warnings++
		}
	}
	if warnings != 3 { // the dangling edge of facts(), the dangling can edge, the derived of a missing node
		t.Errorf("warnings = %d, want 3: %v", warnings, g.Diagnostics())
	}
}
