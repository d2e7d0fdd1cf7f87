package service

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

const example = "../../../examples/webshop"

// partOf returns the builder's part-of edges as "from -> to method confidence" lines, sorted.
func partOf(f model.Facts) []string {
	var out []string
	for _, e := range f.Edges {
		out = append(out, fmt.Sprintf("%s -> %s %s %v", e.From, e.To, e.Attrs["method"], e.Attrs["confidence"]))
	}
	sort.Strings(out)
	return out
}

// edgeOf finds the builder's edge from → to.
func edgeOf(f model.Facts, from, to string) (model.Edge, bool) {
	for _, e := range f.Edges {
		if e.From == from && e.To == to {
			return e, true
		}
	}
	return model.Edge{}, false
}

// TestExample checks the webshop's memberships: seam.yaml resources and paths, the Backstage components by
// name and source location, and what propagation adds (images, base images, packages, the Ingress both
// front services share, the default ServiceAccount the storefront runs on). The Secret the api reads and
// the data stores it uses are not part of it.
func TestExample(t *testing.T) {
	g := linktest.Dir(t, example)
	f := linktest.Build(t, g, New())
	tests := []struct {
		from, to, method string // method "" means: no edge
	}{
		{"k8s:shop/Deployment/api", "business-service:api", MethodResources},
		{"k8s:shop/Deployment/api", "service:default/api", MethodKubernetesName},
		{"dockerfile:services/api/Dockerfile", "business-service:api", MethodPaths},
		{"dockerfile:services/api/Dockerfile", "service:default/api", MethodSourceLocation},
		{"module:services/worker/requirements.txt", "service:default/worker", MethodSourceLocation},
		{"infra/terraform:module.irsa_api.aws_iam_role.this", "business-service:api", MethodResources},
		{"image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2", "business-service:api", MethodPropagated},
		{"image:gcr.io/distroless/static-debian12:nonroot", "business-service:api", MethodPropagated},
		{"pkg:golang/github.com/go-chi/chi/v5@5.1.0", "business-service:api", MethodPropagated},
		{"k8s:shop/Service/api", "service:default/api", MethodPropagated},
		{"k8s:shop/Ingress/webshop", "business-service:api", MethodPropagated},
		{"k8s:shop/Ingress/webshop", "business-service:storefront", MethodPropagated},
		{"k8s:shop/ServiceAccount/default", "business-service:storefront", MethodPropagated},
		{"k8s:shop/Deployment/worker", "business-service:worker", MethodResources},
		{"k8s:shop/Deployment/worker", "business-service:api", ""},
		{"k8s:shop/Secret/orders-db", "business-service:api", ""},
		{"infra/terraform:aws_s3_bucket.customer_documents", "business-service:api", ""},
		{"infra/terraform:aws_db_instance.orders", "business-service:api", ""},
		// Packages are not claimed by the path of their lockfile, but reached through it.
		{"pkg:golang/github.com/go-chi/chi/v5@5.1.0", "service:default/api", MethodPropagated},
	}
	for _, tt := range tests {
		e, ok := edgeOf(f, tt.from, tt.to)
		switch {
		case tt.method == "" && ok:
			t.Errorf("%s -> %s: unexpected edge (%s)", tt.from, tt.to, e.Attrs["method"])
		case tt.method != "" && !ok:
			t.Errorf("%s -> %s: no edge, want method %s", tt.from, tt.to, tt.method)
		case ok && e.Attrs["method"] != tt.method:
			t.Errorf("%s -> %s: method %v, want %s", tt.from, tt.to, e.Attrs["method"], tt.method)
		}
	}
	e, _ := edgeOf(f, "k8s:shop/Ingress/webshop", "business-service:api")
	want := []any{"k8s:shop/Ingress/webshop -routes-to-> k8s:shop/Service/api"}
	if diff := cmp.Diff(want, e.Attrs["via"]); diff != "" {
		t.Errorf("via of the Ingress (-want +got):\n%s", diff)
	}
	if e.Attrs["seed"] != "k8s:shop/Service/api" || e.Prov.File != "deploy/k8s/ingress.yaml" {
		t.Errorf("Ingress edge: seed %v, provenance %v", e.Attrs["seed"], e.Prov)
	}
	golden(t, "webshop.txt", partOf(f))
}

// TestExampleReports checks what the builder reports over the webshop besides edges: no diagnostic (the
// Ingress two services share is shared infrastructure, expected), no refused link, and the assumptions the
// Backstage matches rest on.
func TestExampleReports(t *testing.T) {
	f := linktest.Build(t, linktest.Dir(t, example), New())
	var diags []string
	for _, d := range f.Diagnostics {
		diags = append(diags, d.String())
	}
	if diff := cmp.Diff([]string(nil), diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if len(f.Broken) != 0 {
		t.Errorf("refused links: %v", f.Broken)
	}
	var assumed []string
	for _, a := range f.Assumptions {
		assumed = append(assumed, a.Subject+" "+a.Assumed)
	}
	wantAssumed := []string{ // once per Component whose url: source location Seam uses, not once per claimed node
		"k8s:shop/Deployment/api the workload whose name is api is the one Backstage shows for kubernetes-id api",
		"k8s:shop/Deployment/storefront the workload whose name is storefront is the one Backstage shows for kubernetes-id storefront",
		"k8s:shop/Deployment/worker the workload whose name is worker is the one Backstage shows for kubernetes-id worker",
		"service:default/api the source location's repository github.com/acme/webshop is the scanned repository",
		"service:default/storefront the source location's repository github.com/acme/webshop is the scanned repository",
		"service:default/worker the source location's repository github.com/acme/webshop is the scanned repository",
	}
	if diff := cmp.Diff(wantAssumed, assumed); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
}

// TestBackstageFixture checks each Backstage annotation of testdata/backstage (see its catalog-info.yaml).
func TestBackstageFixture(t *testing.T) {
	g := linktest.Dir(t, "testdata/backstage")
	f := linktest.Build(t, g, New())
	want := []string{
		"dockerfile:billing/Dockerfile -> service:default/billing backstage-source-location 0.9",
		"image:docker.io/library/golang:1.23 -> service:default/billing propagated 0.9",
		"image:gcr.io/distroless/static-debian12:nonroot -> service:default/billing propagated 0.9",
		"image:registry.acme.example/checkout:1.0.0 -> service:default/checkout propagated 1",
		"image:registry.acme.example/legacy:0.1.0 -> service:default/legacy propagated 0.6",
		"image:registry.acme.example/search:3.1.0 -> service:default/search propagated 0.9",
		"k8s:shop/Deployment/checkout -> service:default/checkout backstage-kubernetes-id 1",
		"k8s:shop/Deployment/legacy -> service:default/legacy backstage-kubernetes-id-name 0.6",
		"k8s:shop/Deployment/search-web -> service:default/search backstage-label-selector 0.9",
		"k8s:shop/Service/checkout -> service:default/checkout backstage-kubernetes-id 1",
		"k8s:shop/ServiceAccount/default -> service:default/checkout propagated 1",
		"k8s:shop/ServiceAccount/default -> service:default/search propagated 0.9",
		"k8s:shop/ServiceAccount/legacy -> service:default/legacy propagated 0.6",
		"module:billing/go.mod -> service:default/billing backstage-source-location 0.9",
		"pkg:golang/github.com/go-chi/chi/v5@5.1.0 -> service:default/billing propagated 0.9",
		"pkg:golang/stdlib@1.23.0 -> service:default/billing propagated 0.9",
	}
	if diff := cmp.Diff(want, partOf(f)); diff != "" {
		t.Errorf("part-of edges (-want +got):\n%s", diff)
	}
	var broken []string
	for _, b := range f.Broken {
		broken = append(broken, fmt.Sprintf("%s %s %s:%d: %s", b.From, b.Method, b.Prov.File, b.Prov.Line, b.Reason))
	}
	wantBroken := []string{
		"service:default/ghost backstage-kubernetes-id catalog-info.yaml:44: no Kubernetes object in any namespace carries the label backstage.io/kubernetes-id=ghost, and no workload there is named ghost",
		"service:default/monorepo backstage-source-location catalog-info.yaml:66: the source location of service:default/monorepo is not used: it is the repository root; Seam does not put a whole repository in one component",
	}
	if diff := cmp.Diff(wantBroken, broken); diff != "" {
		t.Errorf("refused links (-want +got):\n%s", diff)
	}
	legacy, _ := edgeOf(f, "k8s:shop/Deployment/legacy", "service:default/legacy")
	wantText := "the workload whose name is legacy is the one Backstage shows for kubernetes-id legacy"
	if diff := cmp.Diff([]any{wantText}, legacy.Attrs["assumptions"]); diff != "" {
		t.Errorf("a match by name carries its assumption (-want +got):\n%s", diff)
	}
	if len(f.Assumptions) != 1 || f.Assumptions[0].Subject != "k8s:shop/Deployment/legacy" || f.Assumptions[0].Assumed != wantText ||
		f.Assumptions[0].Prov.File != "catalog-info.yaml" {
		t.Errorf("assumptions: %v", f.Assumptions)
	}
	if len(f.Diagnostics) != 1 || !strings.Contains(f.Diagnostics[0].Message, "k8s:shop/ServiceAccount/default is part of several services") {
		t.Errorf("diagnostics: %v", f.Diagnostics)
	}
}

// TestPropagationOverJoins draws the join stage's edges by hand (the image and identity builders make them
// in a scan) and checks how a claim on the workload spreads:
//
//	Ingress web ─routes-to─> Service web ─routes-to─> Deployment web ─runs─> image ─built-from─> Dockerfile
//	                                                       │                    └─contains─> go.mod ─contains─> chi
//	                                                       └─uses-identity─> SA web ─uses-identity(0.6)─> role web
//	Deployment web ─reads-secret─> Secret db     (not followed)
//	Deployment web ─runs-on─> node group         (not followed)
func TestPropagationOverJoins(t *testing.T) {
	g := joinedGraph(t)
	f := linktest.Build(t, g, New())
	want := []string{
		"dockerfile:web/Dockerfile -> business-service:web propagated 0.9",
		"image:registry.acme.example/web:1 -> business-service:web propagated 1",
		"k8s:app/Deployment/web -> business-service:web seam.yaml-resources 1",
		"k8s:app/Ingress/web -> business-service:web propagated 1",
		"k8s:app/Service/web -> business-service:web propagated 1",
		"k8s:app/ServiceAccount/web -> business-service:web propagated 1",
		"module:web/go.mod -> business-service:web propagated 0.9",
		"pkg:golang/github.com/go-chi/chi/v5@5.1.0 -> business-service:web propagated 0.9",
		"role.web -> business-service:web propagated 0.6",
	}
	if diff := cmp.Diff(want, partOf(f)); diff != "" {
		t.Errorf("part-of edges (-want +got):\n%s", diff)
	}
	e, _ := edgeOf(f, "pkg:golang/github.com/go-chi/chi/v5@5.1.0", "business-service:web")
	wantVia := []any{
		"k8s:app/Deployment/web -runs-> image:registry.acme.example/web:1",
		"image:registry.acme.example/web:1 -contains-> module:web/go.mod",
		"module:web/go.mod -contains-> pkg:golang/github.com/go-chi/chi/v5@5.1.0",
	}
	if diff := cmp.Diff(wantVia, e.Attrs["via"]); diff != "" {
		t.Errorf("via (-want +got):\n%s", diff)
	}
	ev, _ := e.Attrs["evidence"].([]any)
	if len(ev) != 4 || e.Prov.File != "web/go.mod" || e.Prov.Extractor != "link/service" {
		t.Errorf("evidence %v, provenance %v: want the three hops and the seed, the last hop first", ev, e.Prov)
	}
}

// joinedGraph builds the graph TestPropagationOverJoins draws.
func joinedGraph(t *testing.T) *graph.Graph {
	t.Helper()
	p := func(file string, line int, ex string) model.Provenance {
		return model.Provenance{File: file, Line: line, Extractor: ex}
	}
	node := func(id string, k model.NodeKind, typ, file string, line int, ex string) model.Node {
		return model.Node{ID: id, Kind: k, Type: typ, Name: id, Prov: p(file, line, ex)}
	}
	edge := func(from string, k model.EdgeKind, to string, file string, line int, ex string, conf float64) model.Edge {
		e := model.Edge{From: from, To: to, Kind: k, Prov: p(file, line, ex)}
		if conf > 0 {
			e.Attrs = map[string]any{"method": "test", "confidence": conf}
		}
		return e
	}
	svc := node("business-service:web", model.KindBusinessService, "business-service", "seam.yaml", 3, "seam.yaml")
	svc.Attrs = map[string]any{"resources": []any{"k8s:app/Deployment/web"}, "tier": "tier-2", "tier_rank": 2}
	g := graph.New()
	g.Add(model.Facts{Nodes: []model.Node{
		svc,
		node("k8s:app/Ingress/web", model.KindExposure, "Ingress", "k8s/web.yaml", 40, "kubernetes"),
		node("k8s:app/Service/web", model.KindExposure, "Service", "k8s/web.yaml", 30, "kubernetes"),
		node("k8s:app/Deployment/web", model.KindWorkload, "Deployment", "k8s/web.yaml", 1, "kubernetes"),
		node("k8s:app/ServiceAccount/web", model.KindIdentity, "ServiceAccount", "k8s/web.yaml", 25, "kubernetes"),
		node("k8s:app/Secret/db", model.KindDataStore, "Secret", "k8s/secret.yaml", 1, "kubernetes"),
		node("image:registry.acme.example/web:1", model.KindImage, "container image", "k8s/web.yaml", 12, "kubernetes"),
		node("dockerfile:web/Dockerfile", model.KindDockerfile, "Dockerfile", "web/Dockerfile", 1, "dockerfile"),
		node("module:web/go.mod", model.KindModule, "go.mod", "web/go.mod", 1, "lockfile"),
		node("pkg:golang/github.com/go-chi/chi/v5@5.1.0", model.KindPackage, "golang", "web/go.mod", 5, "lockfile"),
		node("role.web", model.KindIdentity, "aws_iam_role", "iam.tf", 1, "terraform"),
		node("nodegroup.main", model.KindHost, "aws_eks_node_group", "eks.tf", 1, "terraform"),
	}, Edges: []model.Edge{
		edge("k8s:app/Ingress/web", model.EdgeRoutesTo, "k8s:app/Service/web", "k8s/web.yaml", 44, "kubernetes", 0),
		edge("k8s:app/Service/web", model.EdgeRoutesTo, "k8s:app/Deployment/web", "k8s/web.yaml", 33, "kubernetes", 0),
		edge("k8s:app/Deployment/web", model.EdgeRuns, "image:registry.acme.example/web:1", "k8s/web.yaml", 12, "kubernetes", 0),
		edge("k8s:app/Deployment/web", model.EdgeUsesIdentity, "k8s:app/ServiceAccount/web", "k8s/web.yaml", 10, "kubernetes", 0),
		edge("k8s:app/Deployment/web", model.EdgeReadsSecret, "k8s:app/Secret/db", "k8s/web.yaml", 15, "kubernetes", 0),
		edge("k8s:app/Deployment/web", model.EdgeRunsOn, "nodegroup.main", "eks.tf", 1, "link/identity", float64(link.Medium)),
		edge("image:registry.acme.example/web:1", model.EdgeBuiltFrom, "dockerfile:web/Dockerfile", "web/Dockerfile", 1, "link/image", float64(link.High)),
		edge("image:registry.acme.example/web:1", model.EdgeContains, "module:web/go.mod", "web/Dockerfile", 3, "link/image", float64(link.High)),
		edge("module:web/go.mod", model.EdgeContains, "pkg:golang/github.com/go-chi/chi/v5@5.1.0", "web/go.mod", 5, "lockfile", 0),
		edge("k8s:app/ServiceAccount/web", model.EdgeUsesIdentity, "role.web", "k8s/web.yaml", 28, "link/identity", float64(link.Medium)),
	}})
	g.Freeze()
	return g
}

// golden compares lines with testdata/golden/<name>, or rewrites it with -update.
func golden(t *testing.T, name string, lines []string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// TestDeterministic checks that two builds give the same facts.
func TestDeterministic(t *testing.T) {
	g := linktest.Dir(t, example)
	a, b := linktest.Build(t, g, New()), linktest.Build(t, g, New())
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two builds differ (-first +second):\n%s", diff)
	}
}
