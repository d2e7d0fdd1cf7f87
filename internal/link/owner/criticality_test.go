package owner

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/link/service"
	"github.com/seam-sec/seam/internal/model"
)

// Node IDs of the example used below.
const (
	apiRole     = "infra/terraform:module.irsa_api.aws_iam_role.this"
	workerRole  = "infra/terraform:module.irsa_worker.aws_iam_role.this"
	nodeRole    = "infra/terraform:aws_iam_role.node"
	nodeGroup   = "infra/terraform:aws_eks_node_group.default"
	documents   = "infra/terraform:aws_s3_bucket.customer_documents"
	images      = "infra/terraform:aws_s3_bucket.product_images"
	ordersDB    = "infra/terraform:aws_db_instance.orders"
	apiWorkload = "k8s:shop/Deployment/api"
)

// exampleJoins are the edges the join stage's builders (identity, access, data) make in the example, drawn by
// hand so that this package's tests do not depend on them:
//
//	ServiceAccount api ─uses-identity─> irsa_api role ─can [list read]─> customer-documents
//	ServiceAccount worker ─uses-identity─> irsa_worker role ─can [read write]─> customer-documents
//	Deployment api ─runs-on─> node group ─uses-identity─> node role ─can [list]─> product-images
//	Deployment api ─connects-to─> orders database
func exampleJoins() model.Facts {
	e := func(from string, k model.EdgeKind, to, builder, file string, line int, attrs map[string]any) model.Edge {
		a := map[string]any{"method": "test", "confidence": float64(link.Certain)}
		for k, v := range attrs {
			a[k] = v
		}
		return model.Edge{From: from, To: to, Kind: k, Attrs: a,
			Prov: model.Provenance{File: file, Line: line, Extractor: "link/" + builder}}
	}
	return model.Facts{Edges: []model.Edge{
		e("k8s:shop/ServiceAccount/api", model.EdgeUsesIdentity, apiRole, "identity", "deploy/k8s/api.yaml", 11, nil),
		e("k8s:shop/ServiceAccount/worker", model.EdgeUsesIdentity, workerRole, "identity", "deploy/k8s/worker.yaml", 8, nil),
		e(apiRole, model.EdgeCan, documents, "access", "infra/terraform/irsa.tf", 12, map[string]any{"access": []any{"list", "read"}}),
		e(workerRole, model.EdgeCan, documents, "access", "infra/terraform/irsa.tf", 40, map[string]any{"access": []any{"read", "write"}}),
		e(apiWorkload, model.EdgeRunsOn, nodeGroup, "identity", "infra/terraform/eks.tf", 177, nil),
		e(nodeGroup, model.EdgeUsesIdentity, nodeRole, "identity", "infra/terraform/eks.tf", 180, nil),
		e(nodeRole, model.EdgeCan, images, "access", "infra/terraform/eks.tf", 90, map[string]any{"access": []any{"list"}}),
		e(apiWorkload, model.EdgeConnectsTo, ordersDB, "data", "deploy/k8s/api.yaml", 60, nil),
	}}
}

// joinedExample is the example graph after the join stage (exampleJoins) and the service builder.
func joinedExample(t *testing.T) *graph.Graph {
	t.Helper()
	g := linktest.Dir(t, example)
	g.Extend(exampleJoins())
	linktest.Apply(t, g, service.New())
	return g
}

// TestCriticalityExample checks that tier-1 flows from the api to the customer-documents bucket (through its
// role's read grant) and to the orders database (it connects to it), and to the node group it runs on; that
// list-only access carries nothing (product-images); that the worker's tier-2 read of the same bucket does
// not lower it; and that a tier declared on a business service stays its own.
func TestCriticalityExample(t *testing.T) {
	g := joinedExample(t)
	f := linktest.Build(t, g, NewCriticality())
	got := map[string]map[string]any{}
	for _, d := range f.Derived {
		got[d.Node], _ = d.Value.(map[string]any)
	}
	tests := []struct {
		node string
		want map[string]any // nil: no criticality
	}{
		{documents, map[string]any{"tier": "tier-1", "rank": 1, "from": "business-service:api", "from_source": SourceSeam,
			"via": []any{apiRole + " -part-of-> business-service:api", apiRole + " -can-> " + documents}}},
		{ordersDB, map[string]any{"tier": "tier-1", "rank": 1, "from": "business-service:api", "from_source": SourceSeam,
			"via": []any{apiWorkload + " -part-of-> business-service:api", apiWorkload + " -connects-to-> " + ordersDB}}},
		{nodeGroup, map[string]any{"tier": "tier-1", "rank": 1, "from": "business-service:api", "from_source": SourceSeam,
			"via": []any{apiWorkload + " -part-of-> business-service:api", apiWorkload + " -runs-on-> " + nodeGroup}}},
		{"business-service:worker", map[string]any{"tier": "tier-2", "rank": 2, "from": "business-service:worker",
			"from_source": SourceSeam, "via": []any{}}},
		{"service:default/storefront", map[string]any{"tier": "tier-1", "rank": 1, "from": "business-service:webshop",
			"from_source": SourceBackstage, "via": []any{"service:default/storefront -part-of-> business-service:webshop"}}},
		{images, nil},
		{"infra/terraform:aws_vpc.main", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, got[tt.node]); diff != "" {
			t.Errorf("criticality of %s (-want +got):\n%s", tt.node, diff)
		}
	}
	for _, d := range f.Derived {
		if d.Node == documents && (d.Prov.File != "seam.yaml" || d.Prov.Line != 36 || d.Prov.Extractor != "link/criticality") {
			t.Errorf("the criticality rests on the tier's declaration: %v", d.Prov)
		}
	}
}

// TestDataAccess checks which access levels carry criticality through a can edge, and how ranks are read.
func TestDataAccess(t *testing.T) {
	tests := []struct {
		in   any
		want bool
	}{
		{[]any{"list"}, false}, {[]any{"list", "read"}, true}, {[]any{"write"}, true}, {[]any{"admin"}, true},
		{[]any{"tagging", "permissions-management"}, false}, {[]any{}, false},
		{nil, true}, // not known: never silently safe
	}
	for _, tt := range tests {
		if got := dataAccess(tt.in); got != tt.want {
			t.Errorf("dataAccess(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for in, want := range map[any]int{1: 1, 4: 4, 0: 0, 5: 0, float64(2): 2, "3": 3, "tier-1": 0, "x": 0} {
		if got := rankOf(in); got != want {
			t.Errorf("rankOf(%v) = %d, want %d", in, got, want)
		}
	}
}
