package handling

import (
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// facts builds nodes and edges the way the extractors and the join stage make them.
type facts struct{ model.Facts }

func (f *facts) node(id string, k model.NodeKind, typ, file string, line int) {
	f.Nodes = append(f.Nodes, model.Node{ID: id, Kind: k, Type: typ, Name: id,
		Prov: model.Provenance{File: file, Line: line, Extractor: "test"}})
}

// edge adds an edge; builder "" is an extractor's edge (no confidence), else a link builder's.
func (f *facts) edge(from string, k model.EdgeKind, to, builder string, conf link.Confidence, file string, line int, attrs map[string]any) {
	a := map[string]any{}
	ex := "kubernetes"
	if builder != "" {
		ex = "link/" + builder
		a["method"], a["confidence"] = "test", float64(conf)
	}
	for k, v := range attrs {
		a[k] = v
	}
	f.Edges = append(f.Edges, model.Edge{From: from, To: to, Kind: k, Attrs: a,
		Prov: model.Provenance{File: file, Line: line, Extractor: ex}})
}

// shop is the graph the tests below draw:
//
//	Deployment api ─uses-identity─> SA api ─uses-identity (high)─> role api ─can [list read write]─> bucket docs ─holds─> pii
//	Deployment api ─connects-to (medium, no access)─> rds orders ─holds─> pii, pci
//	Deployment api ─reads-secret─> Secret db ─holds─> credentials
//	Deployment worker ─uses-identity─> SA worker ─uses-identity─> role worker ─can [list]─> bucket docs
//	Deployment report ─connects-to [read]─> rds orders
//	instance legacy ─uses-identity─> profile legacy ─uses-identity─> role legacy ─can (no access)─> table audit ─holds─> pci
//	                                                                  role legacy ─uses-identity─> profile legacy (a cycle)
func shop(t *testing.T) *graph.Graph {
	t.Helper()
	var f facts
	for _, n := range []struct {
		id   string
		kind model.NodeKind
		typ  string
	}{
		{"k8s:shop/Deployment/api", model.KindWorkload, "Deployment"},
		{"k8s:shop/Deployment/worker", model.KindWorkload, "Deployment"},
		{"k8s:shop/Deployment/report", model.KindWorkload, "Deployment"},
		{"k8s:shop/ServiceAccount/api", model.KindIdentity, "ServiceAccount"},
		{"k8s:shop/ServiceAccount/worker", model.KindIdentity, "ServiceAccount"},
		{"k8s:shop/Secret/db", model.KindDataStore, "Secret"},
		{"aws_iam_role.api", model.KindIdentity, "aws_iam_role"},
		{"aws_iam_role.worker", model.KindIdentity, "aws_iam_role"},
		{"aws_iam_role.legacy", model.KindIdentity, "aws_iam_role"},
		{"aws_iam_instance_profile.legacy", model.KindIdentity, "aws_iam_instance_profile"},
		{"aws_instance.legacy", model.KindWorkload, "aws_instance"},
		{"aws_s3_bucket.docs", model.KindDataStore, "aws_s3_bucket"},
		{"aws_db_instance.orders", model.KindDataStore, "aws_db_instance"},
		{"aws_dynamodb_table.audit", model.KindDataStore, "aws_dynamodb_table"},
		{"data-class:pii", model.KindDataClass, "data-class"},
		{"data-class:pci", model.KindDataClass, "data-class"},
		{"data-class:credentials", model.KindDataClass, "data-class"},
	} {
		f.node(n.id, n.kind, n.typ, "files/"+n.typ, 1)
	}
	f.edge("k8s:shop/Deployment/api", model.EdgeUsesIdentity, "k8s:shop/ServiceAccount/api", "", 0, "k8s/api.yaml", 30, nil)
	f.edge("k8s:shop/ServiceAccount/api", model.EdgeUsesIdentity, "aws_iam_role.api", "identity", link.High, "k8s/api.yaml", 5, nil)
	f.edge("aws_iam_role.api", model.EdgeCan, "aws_s3_bucket.docs", "access", link.Certain, "iam.tf", 12,
		map[string]any{"access": []any{"list", "read", "write"}, "assumptions": []any{"the condition on aws:SourceVpc holds"}})
	f.edge("k8s:shop/Deployment/api", model.EdgeConnectsTo, "aws_db_instance.orders", "data", link.Medium, "k8s/api.yaml", 40, nil)
	f.edge("k8s:shop/Deployment/api", model.EdgeReadsSecret, "k8s:shop/Secret/db", "", 0, "k8s/api.yaml", 44, nil)
	f.edge("k8s:shop/Deployment/worker", model.EdgeUsesIdentity, "k8s:shop/ServiceAccount/worker", "", 0, "k8s/worker.yaml", 20, nil)
	f.edge("k8s:shop/ServiceAccount/worker", model.EdgeUsesIdentity, "aws_iam_role.worker", "identity", link.Certain, "k8s/worker.yaml", 4, nil)
	f.edge("aws_iam_role.worker", model.EdgeCan, "aws_s3_bucket.docs", "access", link.Certain, "iam.tf", 30,
		map[string]any{"access": []any{"list"}})
	f.edge("k8s:shop/Deployment/report", model.EdgeConnectsTo, "aws_db_instance.orders", "data", link.High, "k8s/report.yaml", 9,
		map[string]any{"access": []any{"read"}})
	f.edge("aws_instance.legacy", model.EdgeUsesIdentity, "aws_iam_instance_profile.legacy", "", 0, "ec2.tf", 3, nil)
	f.edge("aws_iam_instance_profile.legacy", model.EdgeUsesIdentity, "aws_iam_role.legacy", "", 0, "ec2.tf", 10, nil)
	f.edge("aws_iam_role.legacy", model.EdgeUsesIdentity, "aws_iam_instance_profile.legacy", "", 0, "ec2.tf", 11, nil)
	f.edge("aws_iam_role.legacy", model.EdgeCan, "aws_dynamodb_table.audit", "access", link.High, "iam.tf", 50, nil)
	f.edge("aws_s3_bucket.docs", model.EdgeHolds, "data-class:pii", "data", link.Certain, "storage.tf", 3, nil)
	f.edge("aws_db_instance.orders", model.EdgeHolds, "data-class:pii", "data", link.Certain, "seam.yaml", 56, nil)
	f.edge("aws_db_instance.orders", model.EdgeHolds, "data-class:pci", "data", link.Certain, "database.tf", 40, nil)
	f.edge("k8s:shop/Secret/db", model.EdgeHolds, "data-class:credentials", "data", link.Certain, "seam.yaml", 65, nil)
	f.edge("aws_dynamodb_table.audit", model.EdgeHolds, "data-class:pci", "data", link.Certain, "seam.yaml", 60, nil)
	g := graph.New()
	g.Add(f.Facts)
	g.Freeze()
	return g
}

// summary renders a handles edge's main attributes.
func summary(e model.Edge) string {
	return fmt.Sprintf("%s -> %s access=%v stores=%v methods=%v method=%v confidence=%v via_count=%v prov=%s:%d",
		e.From, e.To, e.Attrs["access"], e.Attrs["stores"], e.Attrs["methods"], e.Attrs["method"],
		e.Attrs["confidence"], e.Attrs["via_count"], e.Prov.File, e.Prov.Line)
}

func TestHandles(t *testing.T) {
	f := linktest.Build(t, shop(t), New())
	var got []string
	for _, e := range f.Edges {
		got = append(got, summary(e))
	}
	want := []string{
		// the api reads the Secret; a Secret read through the environment gives read
		"k8s:shop/Deployment/api -> data-class:credentials access=[read] stores=[k8s:shop/Secret/db] methods=[secret-reference] method=secret-reference confidence=1 via_count=1 prov=k8s/api.yaml:44",
		"k8s:shop/Deployment/api -> data-class:pci access=[read write] stores=[aws_db_instance.orders] methods=[connects-to] method=connects-to confidence=0.6 via_count=1 prov=k8s/api.yaml:40",
		// two ways to pii: the database connection (shortest, listed first) and the role's grant on the bucket (surest)
		"k8s:shop/Deployment/api -> data-class:pii access=[read write] stores=[aws_db_instance.orders aws_s3_bucket.docs] methods=[connects-to identity-grant] method=connects-to confidence=0.9 via_count=2 prov=k8s/api.yaml:40",
		"k8s:shop/Deployment/report -> data-class:pci access=[read] stores=[aws_db_instance.orders] methods=[connects-to] method=connects-to confidence=0.9 via_count=1 prov=k8s/report.yaml:9",
		"k8s:shop/Deployment/report -> data-class:pii access=[read] stores=[aws_db_instance.orders] methods=[connects-to] method=connects-to confidence=0.9 via_count=1 prov=k8s/report.yaml:9",
		// through the instance profile, whatever the cycle back to it; the grant states no access: assumed
		"aws_instance.legacy -> data-class:pci access=[read write] stores=[aws_dynamodb_table.audit] methods=[identity-grant] method=identity-grant confidence=0.9 via_count=1 prov=iam.tf:50",
	}
	if diff := cmp.Diff(sortStrings(want), sortStrings(got)); diff != "" {
		t.Errorf("handles edges (-want +got):\n%s", diff)
	}
	for _, e := range f.Edges {
		if e.From == "k8s:shop/Deployment/api" && e.To == "data-class:pii" {
			wantVia := []any{
				[]any{"k8s:shop/Deployment/api -connects-to-> aws_db_instance.orders", "aws_db_instance.orders -holds-> data-class:pii"},
				[]any{"k8s:shop/Deployment/api -uses-identity-> k8s:shop/ServiceAccount/api",
					"k8s:shop/ServiceAccount/api -uses-identity-> aws_iam_role.api", "aws_iam_role.api -can-> aws_s3_bucket.docs",
					"aws_s3_bucket.docs -holds-> data-class:pii"},
			}
			if diff := cmp.Diff(wantVia, e.Attrs["via"]); diff != "" {
				t.Errorf("via (-want +got):\n%s", diff)
			}
			wantAssumptions := []any{"the connection states no access levels; Seam assumes read and write",
				"the condition on aws:SourceVpc holds"}
			if diff := cmp.Diff(wantAssumptions, e.Attrs["assumptions"]); diff != "" {
				t.Errorf("assumptions (-want +got):\n%s", diff)
			}
		}
		if e.From == "aws_instance.legacy" {
			ev, _ := e.Attrs["evidence"].([]any)
			first, _ := ev[0].(map[string]any)
			if len(ev) != 4 || first["what"] != "aws_iam_role.legacy -can-> aws_dynamodb_table.audit (access read, write)" {
				t.Errorf("evidence starts with the grant and lists every hop: %v", ev)
			}
		}
	}
}

// TestHandlesReports checks what the builder reports over the shop graph besides edges: the access levels it
// assumed, once per access edge, and the worker's list-only access refused as a handler.
func TestHandlesReports(t *testing.T) {
	f := linktest.Build(t, shop(t), New())
	var assumed []string
	for _, a := range f.Assumptions {
		assumed = append(assumed, fmt.Sprintf("%s %s:%d %s | %s", a.Subject, a.Prov.File, a.Prov.Line, a.Reason, a.Assumed))
	}
	wantAssumed := []string{
		"aws_iam_role.legacy iam.tf:50 the can edge to aws_dynamodb_table.audit states no access levels | the grant states no access levels; Seam assumes read and write",
		"k8s:shop/Deployment/api k8s/api.yaml:40 the connects-to edge to aws_db_instance.orders states no access levels | the connection states no access levels; Seam assumes read and write",
	}
	if diff := cmp.Diff(wantAssumed, assumed); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
	var broken []string
	for _, b := range f.Broken {
		broken = append(broken, fmt.Sprintf("%s -%s-> %s %s %s:%d: %s", b.From, b.Kind, b.To, b.Method, b.Prov.File, b.Prov.Line, b.Reason))
	}
	wantBroken := []string{"k8s:shop/Deployment/worker -handles-> data-class:pii identity-grant iam.tf:30: k8s:shop/Deployment/worker reaches aws_s3_bucket.docs, which holds pii, with list access only: that reveals names, not data"}
	if diff := cmp.Diff(wantBroken, broken); diff != "" {
		t.Errorf("refused links (-want +got):\n%s", diff)
	}
}

// TestHandlesCap checks that a workload with many ways to one class lists the shortest ten and counts all.
func TestHandlesCap(t *testing.T) {
	var f facts
	f.node("k8s:a/Deployment/w", model.KindWorkload, "Deployment", "w.yaml", 1)
	f.node("data-class:pii", model.KindDataClass, "data-class", "seam.yaml", 1)
	for i := 0; i < 12; i++ {
		store := fmt.Sprintf("aws_s3_bucket.b%02d", i)
		f.node(store, model.KindDataStore, "aws_s3_bucket", "s3.tf", i+1)
		f.edge("k8s:a/Deployment/w", model.EdgeConnectsTo, store, "data", link.High, "w.yaml", 10+i, map[string]any{"access": []string{"read"}})
		f.edge(store, model.EdgeHolds, "data-class:pii", "data", link.Certain, "s3.tf", i+1, nil)
	}
	g := graph.New()
	g.Add(f.Facts)
	g.Freeze()
	out := linktest.Build(t, g, New())
	if len(out.Edges) != 1 {
		t.Fatalf("edges: %v", out.Edges)
	}
	via, _ := out.Edges[0].Attrs["via"].([]any)
	stores, _ := out.Edges[0].Attrs["stores"].([]any)
	if len(via) != maxChains || out.Edges[0].Attrs["via_count"] != 12 || len(stores) != 12 {
		t.Errorf("via %d chains, via_count %v, %d stores", len(via), out.Edges[0].Attrs["via_count"], len(stores))
	}
}

// TestNoData checks that a workload reaching no classified store handles nothing, and that unclassified
// stores make no edge.
func TestNoData(t *testing.T) {
	var f facts
	f.node("k8s:a/Deployment/w", model.KindWorkload, "Deployment", "w.yaml", 1)
	f.node("aws_s3_bucket.logs", model.KindDataStore, "aws_s3_bucket", "s3.tf", 1)
	f.edge("k8s:a/Deployment/w", model.EdgeConnectsTo, "aws_s3_bucket.logs", "data", link.High, "w.yaml", 3, nil)
	g := graph.New()
	g.Add(f.Facts)
	g.Freeze()
	out := linktest.Build(t, g, New())
	if len(out.Edges) != 0 || len(out.Broken) != 0 {
		t.Errorf("edges %v, refused %v", out.Edges, out.Broken)
	}
}

func sortStrings(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}
