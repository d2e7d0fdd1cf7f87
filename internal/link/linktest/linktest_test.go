package linktest

import (
	"testing"
)

// TestExampleGraph checks that the helper builds the example the way a scan does: Terraform, Kubernetes and
// seam.yaml facts are all there.
func TestExampleGraph(t *testing.T) {
	g := Dir(t, "../../../examples/webshop")
	for _, id := range []string{
		"infra/terraform:module.irsa_api.aws_iam_role.this", // Terraform, through a local module
		"k8s:shop/ServiceAccount/api",                       // Kubernetes
		"crown-jewel:customer-documents",                    // seam.yaml
		"dockerfile:services/api/Dockerfile",                // Dockerfile
	} {
		if _, ok := g.Node(id); !ok {
			t.Errorf("node %s missing", id)
		}
	}
}
