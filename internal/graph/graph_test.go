package graph

import (
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
)

func prov(file string, line int, ex string) model.Provenance {
	return model.Provenance{File: file, Line: line, Extractor: ex}
}

// The facts below draw this graph, as two extractors and a plan file would report it:
//
//	k8s:shop/Deployment/api --uses-identity--> k8s:shop/ServiceAccount/api   (SA defined in sa.yaml; the
//	                                                                          deployment's implicit stub loses)
//	aws_iam_role.api  (defined by HCL with an unknown name, then by plan JSON with the real one)
//	pkg:npm/express@4.19.2 (in two lockfiles: one node, also_defined_in the second)
//	an edge to k8s:shop/Secret/missing that nobody defines: dropped with a warning
func facts() []model.Facts {
	return []model.Facts{
		{
			Nodes: []model.Node{
				{ID: "k8s:shop/Deployment/api", Kind: model.KindWorkload, Type: "Deployment", Name: "api", Prov: prov("deploy/api.yaml", 1, "kubernetes")},
				{ID: "k8s:shop/ServiceAccount/api", Kind: model.KindIdentity, Type: "ServiceAccount", Name: "api", Implicit: true, Prov: prov("deploy/api.yaml", 20, "kubernetes")},
			},
			Edges: []model.Edge{
				{From: "k8s:shop/Deployment/api", To: "k8s:shop/ServiceAccount/api", Kind: model.EdgeUsesIdentity, Prov: prov("deploy/api.yaml", 20, "kubernetes")},
				{From: "k8s:shop/Deployment/api", To: "k8s:shop/Secret/missing", Kind: model.EdgeReadsSecret, Prov: prov("deploy/api.yaml", 30, "kubernetes")},
			},
		},
		{
			Nodes: []model.Node{
				{ID: "k8s:shop/ServiceAccount/api", Kind: model.KindIdentity, Type: "ServiceAccount", Name: "api",
					Attrs: map[string]any{"annotations": map[string]any{"eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/api"}},
					Prov:  prov("deploy/sa.yaml", 3, "kubernetes")},
			},
			// The same edge reported twice: kept once, with the first provenance.
			Edges: []model.Edge{
				{From: "k8s:shop/Deployment/api", To: "k8s:shop/ServiceAccount/api", Kind: model.EdgeUsesIdentity, Prov: prov("deploy/api.yaml", 21, "kubernetes")},
			},
		},
		{
			Nodes: []model.Node{{ID: "aws_iam_role.api", Kind: model.KindIdentity, Type: "aws_iam_role",
				Attrs: map[string]any{"name": model.Unknown("var.role_name"), "path": "/"}, Prov: prov("main.tf", 10, "terraform")}},
			Assumptions: []model.Assumption{{Subject: "aws_iam_role.api", Attribute: "name", Reason: "var.role_name has no value", Assumed: "unknown", Prov: prov("main.tf", 11, "terraform")}},
		},
		{
			Nodes: []model.Node{{ID: "aws_iam_role.api", Kind: model.KindIdentity, Type: "aws_iam_role", Name: "shop-api",
				Attrs: map[string]any{"name": "shop-api", "arn": "arn:aws:iam::123456789012:role/shop-api"}, Prov: prov("plan.json", 40, "terraform-plan")}},
		},
		{Nodes: []model.Node{{ID: "pkg:npm/express@4.19.2", Kind: model.KindPackage, Type: "npm", Name: "express", Prov: prov("web/package-lock.json", 12, "lockfile")}}},
		{Nodes: []model.Node{{ID: "pkg:npm/express@4.19.2", Kind: model.KindPackage, Type: "npm", Name: "express", Prov: prov("admin/package-lock.json", 9, "lockfile")}}},
	}
}

func build(fs []model.Facts) *Graph {
	g := New()
	for _, f := range fs {
		g.Add(f)
	}
	g.Freeze()
	return g
}

func TestMerge(t *testing.T) {
	g := build(facts())

	sa, _ := g.Node("k8s:shop/ServiceAccount/api")
	if sa.Implicit || sa.Prov.File != "deploy/sa.yaml" {
		t.Errorf("defined ServiceAccount should replace the implicit stub, got %+v", sa)
	}
	role, _ := g.Node("aws_iam_role.api")
	wantRole := map[string]any{"name": "shop-api", "path": "/", "arn": "arn:aws:iam::123456789012:role/shop-api"}
	if diff := cmp.Diff(wantRole, role.Attrs); diff != "" {
		t.Errorf("known plan values should fill unknown HCL ones (-want +got):\n%s", diff)
	}
	if role.Prov.File != "main.tf" || len(role.Also) != 1 || role.Also[0].File != "plan.json" {
		t.Errorf("role provenance = %v also %v", role.Prov, role.Also)
	}
	pkg, _ := g.Node("pkg:npm/express@4.19.2")
	if pkg.Prov.File != "admin/package-lock.json" || len(pkg.Also) != 1 {
		t.Errorf("package provenance = %v also %v", pkg.Prov, pkg.Also)
	}

	var edges []string
	for _, e := range g.Edges() {
		edges = append(edges, e.Key()+" @"+e.Prov.String())
	}
	wantEdges := []string{"k8s:shop/Deployment/api -uses-identity-> k8s:shop/ServiceAccount/api @deploy/api.yaml:20 (kubernetes)"}
	if diff := cmp.Diff(wantEdges, edges); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	if len(g.Diagnostics()) != 1 || g.Diagnostics()[0].Severity != model.SeverityWarning {
		t.Errorf("want one warning for the dangling edge, got %v", g.Diagnostics())
	}
	if got := g.Out("k8s:shop/Deployment/api"); len(got) != 1 {
		t.Errorf("Out = %v", got)
	}
	if got := g.In("k8s:shop/ServiceAccount/api"); len(got) != 1 {
		t.Errorf("In = %v", got)
	}
	if got := len(g.NodesOfKind(model.KindIdentity)); got != 2 {
		t.Errorf("identities = %d, want 2", got)
	}
}

// TestOrderIndependent adds the same facts in many orders: the frozen graph must be identical, because
// extractors run in parallel and finish in any order.
func TestOrderIndependent(t *testing.T) {
	want := snapshot(build(facts()))
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 50; i++ {
		fs := facts()
		r.Shuffle(len(fs), func(a, b int) { fs[a], fs[b] = fs[b], fs[a] })
		if diff := cmp.Diff(want, snapshot(build(fs))); diff != "" {
			t.Fatalf("order %d changed the graph (-want +got):\n%s", i, diff)
		}
	}
}

type snap struct {
	Nodes []model.Node
	Edges []model.Edge
	Diags []model.Diagnostic
	Assum []model.Assumption
}

func snapshot(g *Graph) snap {
	var s snap
	for _, n := range g.Nodes() {
		s.Nodes = append(s.Nodes, *n)
	}
	for _, e := range g.Edges() {
		s.Edges = append(s.Edges, *e)
	}
	s.Diags, s.Assum = g.Diagnostics(), g.Assumptions()
	return s
}
