package data

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// The example's story (examples/webshop/README.md) rests on these links:
//
//	aws_s3_bucket.customer_documents -holds-> pii          tag data_classification = "pii" (storage.tf:24)
//	aws_db_instance.orders           -holds-> pci          tag data_classification = "pci" (database.tf:56)
//	aws_db_instance.orders           -holds-> pii          seam.yaml data class pii, resources glob (seam.yaml:56)
//	k8s:shop/Secret/orders-db        -holds-> credentials  label, seam.yaml glob k8s:shop/Secret/*, default
//	Deployment api, worker           -connects-to-> the bucket   ConfigMap webshop-config DOCUMENTS_BUCKET
//	Deployment api, worker           -connects-to-> the RDS      Secret orders-db DATABASE_URL's host, and
//	                                                             Backstage dependsOn resource:default/orders-db
//	Deployment worker                -connects-to-> the product-images bucket (envFrom gives it PRODUCT_IMAGES_BUCKET)
//
// The product-images bucket holds no class (data_classification = "public"), and nothing is refused.
func TestExample(t *testing.T) {
	const tf = "infra/terraform:"
	bucket, rds := tf+"aws_s3_bucket.customer_documents", tf+"aws_db_instance.orders"
	g := linktest.Dir(t, "../../../examples/webshop")
	f := linktest.Build(t, g, New())
	edges := map[string]model.Edge{}
	for _, e := range f.Edges {
		edges[e.Key()] = e
	}
	tests := []struct {
		from  string
		kind  model.EdgeKind
		to    string
		route string // a method the edge's routes must include
		line  string // "file:line" that must be among its evidence
	}{
		{bucket, model.EdgeHolds, "data-class:pii", methodTag, "infra/terraform/storage.tf:24"},
		{rds, model.EdgeHolds, "data-class:pci", methodTag, "infra/terraform/database.tf:56"},
		{rds, model.EdgeHolds, "data-class:pii", methodSeamYAML, "seam.yaml:56"},
		{"k8s:shop/Secret/orders-db", model.EdgeHolds, "data-class:credentials", methodLabel, "deploy/k8s/config.yaml:24"},
		{"k8s:shop/Deployment/api", model.EdgeConnectsTo, bucket, methodConfigMap, "deploy/k8s/config.yaml:13"},
		{"k8s:shop/Deployment/worker", model.EdgeConnectsTo, bucket, methodConfigMap, "deploy/k8s/config.yaml:13"},
		{"k8s:shop/Deployment/api", model.EdgeConnectsTo, rds, methodSecretHint, "deploy/k8s/config.yaml:27"},
		{"k8s:shop/Deployment/api", model.EdgeConnectsTo, rds, methodCatalog, "catalog-info.yaml:37"},
		{"k8s:shop/Deployment/worker", model.EdgeConnectsTo, rds, methodSecretHint, "deploy/k8s/worker.yaml:42"},
		{"k8s:shop/Deployment/worker", model.EdgeConnectsTo, rds, methodCatalog, "catalog-info.yaml:80"},
		{"resource:default/orders-db", model.EdgeReferences, rds, methodDescription, "catalog-info.yaml:97"},
		{"resource:default/customer-documents", model.EdgeReferences, bucket, methodName, "infra/terraform/storage.tf:20"},
		{"k8s:shop/Deployment/worker", model.EdgeConnectsTo, tf + "aws_s3_bucket.product_images", methodConfigMap, "deploy/k8s/config.yaml:15"},
	}
	for _, tt := range tests {
		key := (&model.Edge{From: tt.from, Kind: tt.kind, To: tt.to}).Key()
		e, ok := edges[key]
		if !ok {
			t.Errorf("missing %s", key)
			continue
		}
		if !hasMethod(e, tt.route) || !hasEvidence(e, tt.line) {
			t.Errorf("%s: want route %s with evidence at %s, got methods %v evidence %v", key, tt.route, tt.line,
				e.Attrs["methods"], e.Attrs["evidence"])
		}
	}
	if got := edges["k8s:shop/Deployment/api -connects-to-> "+rds].Attrs["credentials_from"]; got != "k8s:shop/Secret/orders-db" {
		t.Errorf("api → RDS credentials_from = %v", got)
	}
	for _, e := range f.Edges {
		if e.From == tf+"aws_s3_bucket.product_images" || e.To == tf+"aws_s3_bucket.product_images" && e.From != "k8s:shop/Deployment/worker" {
			t.Errorf("unexpected edge %s", e.Key())
		}
	}
	for _, b := range f.Broken {
		t.Errorf("refused link on the example: %+v", b)
	}
	for _, d := range f.Diagnostics {
		if d.Severity != model.SeverityInfo {
			t.Errorf("diagnostic on the example: %s", d)
		}
	}
	checkEvidence(t, f)
}

// TestDeterministic: two builds over two graphs of the example make the same facts.
func TestDeterministic(t *testing.T) {
	a := linktest.Build(t, linktest.Dir(t, "../../../examples/webshop"), New())
	b := linktest.Build(t, linktest.Dir(t, "../../../examples/webshop"), New())
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two builds differ (-first +second):\n%s", diff)
	}
}

func hasMethod(e model.Edge, m string) bool {
	for _, x := range e.Attrs["methods"].([]any) {
		if x == m {
			return true
		}
	}
	return false
}

func hasEvidence(e model.Edge, at string) bool {
	for _, x := range e.Attrs["evidence"].([]any) {
		m := x.(map[string]any)
		if fmt.Sprintf("%v:%v", m["file"], m["line"]) == at {
			return true
		}
	}
	return false
}
