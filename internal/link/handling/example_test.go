package handling

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// exampleJoins are the edges the join stage's identity, access and data builders make in the example,
// drawn by hand (from the files they read) so that this test does not depend on those builders:
//
//	ServiceAccount api ─uses-identity─> irsa_api role ─can [list read]─> customer-documents ─holds─> pii
//	ServiceAccount worker ─uses-identity─> irsa_worker role ─can [list read write]─> customer-documents
//	Deployment api, worker ─connects-to─> orders database ─holds─> pci, pii
//	Secret orders-db ─holds─> credentials (the Deployments' reads-secret edges come from the manifests)
func exampleJoins() model.Facts {
	e := func(from string, k model.EdgeKind, to, builder, file string, line int, attrs map[string]any) model.Edge {
		a := map[string]any{"method": "test", "confidence": float64(link.Certain)}
		for k, v := range attrs {
			a[k] = v
		}
		return model.Edge{From: from, To: to, Kind: k, Attrs: a,
			Prov: model.Provenance{File: file, Line: line, Extractor: "link/" + builder}}
	}
	const (
		apiRole    = "infra/terraform:module.irsa_api.aws_iam_role.this"
		workerRole = "infra/terraform:module.irsa_worker.aws_iam_role.this"
		documents  = "infra/terraform:aws_s3_bucket.customer_documents"
		orders     = "infra/terraform:aws_db_instance.orders"
	)
	return model.Facts{Edges: []model.Edge{
		e("k8s:shop/ServiceAccount/api", model.EdgeUsesIdentity, apiRole, "identity", "deploy/k8s/api.yaml", 11, nil),
		e("k8s:shop/ServiceAccount/worker", model.EdgeUsesIdentity, workerRole, "identity", "deploy/k8s/worker.yaml", 8, nil),
		e(apiRole, model.EdgeCan, documents, "access", "infra/terraform/irsa.tf", 12, map[string]any{"access": []any{"list", "read"}}),
		e(workerRole, model.EdgeCan, documents, "access", "infra/terraform/irsa.tf", 40, map[string]any{"access": []any{"list", "read", "write"}}),
		e("k8s:shop/Deployment/api", model.EdgeConnectsTo, orders, "data", "deploy/k8s/api.yaml", 60, nil),
		e("k8s:shop/Deployment/worker", model.EdgeConnectsTo, orders, "data", "deploy/k8s/worker.yaml", 42, nil),
		e(documents, model.EdgeHolds, "data-class:pii", "data", "infra/terraform/storage.tf", 24, nil),
		e(orders, model.EdgeHolds, "data-class:pci", "data", "infra/terraform/database.tf", 45, nil),
		e(orders, model.EdgeHolds, "data-class:pii", "data", "seam.yaml", 60, nil),
		e("k8s:shop/Secret/orders-db", model.EdgeHolds, "data-class:credentials", "data", "seam.yaml", 67, nil),
	}}
}

// TestExample checks the webshop's handlers over the example and its join-stage edges: the api reads pii in
// the customer-documents bucket through its IRSA role, the worker reads and writes it; both use the orders
// database (pci, pii) and read its credentials Secret; the storefront handles nothing.
func TestExample(t *testing.T) {
	g := linktest.Dir(t, "../../../examples/webshop")
	g.Extend(exampleJoins())
	f := linktest.Build(t, g, New())
	var got []string
	for _, e := range f.Edges {
		got = append(got, summary(e))
	}
	want := []string{
		"k8s:shop/Deployment/api -> data-class:credentials access=[read] stores=[k8s:shop/Secret/orders-db] methods=[secret-reference] method=secret-reference confidence=1 via_count=1 prov=deploy/k8s/api.yaml:60",
		"k8s:shop/Deployment/api -> data-class:pci access=[read write] stores=[infra/terraform:aws_db_instance.orders] methods=[connects-to] method=connects-to confidence=1 via_count=1 prov=deploy/k8s/api.yaml:60",
		"k8s:shop/Deployment/api -> data-class:pii access=[read write] stores=[infra/terraform:aws_db_instance.orders infra/terraform:aws_s3_bucket.customer_documents] methods=[connects-to identity-grant] method=connects-to confidence=1 via_count=2 prov=deploy/k8s/api.yaml:60",
		"k8s:shop/Deployment/worker -> data-class:credentials access=[read] stores=[k8s:shop/Secret/orders-db] methods=[secret-reference] method=secret-reference confidence=1 via_count=1 prov=deploy/k8s/worker.yaml:42",
		"k8s:shop/Deployment/worker -> data-class:pci access=[read write] stores=[infra/terraform:aws_db_instance.orders] methods=[connects-to] method=connects-to confidence=1 via_count=1 prov=deploy/k8s/worker.yaml:42",
		"k8s:shop/Deployment/worker -> data-class:pii access=[read write] stores=[infra/terraform:aws_db_instance.orders infra/terraform:aws_s3_bucket.customer_documents] methods=[connects-to identity-grant] method=connects-to confidence=1 via_count=2 prov=deploy/k8s/worker.yaml:42",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("handles edges (-want +got):\n%s", diff)
	}
	for _, e := range f.Edges {
		if e.From != "k8s:shop/Deployment/api" || e.To != "data-class:pii" {
			continue
		}
		via, _ := e.Attrs["via"].([]any)
		wantGrant := []any{
			"k8s:shop/Deployment/api -uses-identity-> k8s:shop/ServiceAccount/api",
			"k8s:shop/ServiceAccount/api -uses-identity-> infra/terraform:module.irsa_api.aws_iam_role.this",
			"infra/terraform:module.irsa_api.aws_iam_role.this -can-> infra/terraform:aws_s3_bucket.customer_documents",
			"infra/terraform:aws_s3_bucket.customer_documents -holds-> data-class:pii",
		}
		if len(via) != 2 || !cmp.Equal(via[1], wantGrant) {
			t.Errorf("the api's second chain to pii is its IRSA grant: %v", via)
		}
	}
}
