package query

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/access"
	"github.com/seam-sec/seam/internal/link/identity"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

const example = "../../examples/webshop"

// TestFind checks every way a user can name a node, and that a name several nodes share is reported.
func TestFind(t *testing.T) {
	g := linktest.Dir(t, example)
	ix := link.NewIndex(g)
	tests := []struct {
		query string
		kinds []model.NodeKind
		want  []string
	}{
		{"infra/terraform:aws_iam_role.node", nil, []string{"infra/terraform:aws_iam_role.node"}},                                                  // an ID
		{"arn:aws:iam::123456789012:role/webshop-prod-api", nil, []string{"infra/terraform:module.irsa_api.aws_iam_role.this"}},                    // a constructed ARN
		{"webshop-prod-worker", nil, []string{"infra/terraform:module.irsa_worker.aws_iam_role.this"}},                                             // a name
		{"shop/Deployment/api", nil, []string{"k8s:shop/Deployment/api"}},                                                                          // namespace/Kind/name
		{"shop/api", []model.NodeKind{model.KindIdentity, model.KindWorkload}, []string{"k8s:shop/Deployment/api", "k8s:shop/ServiceAccount/api"}}, // ambiguous
		{"customer-documents", []model.NodeKind{model.KindDataStore}, []string{ // the bucket, its Backstage Resource
			"infra/terraform:aws_s3_bucket.customer_documents", "resource:default/customer-documents"}},
	}
	for _, tt := range tests {
		nodes, err := Find(g, tt.query, ix.ARN, tt.kinds...)
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		var ids []string
		for _, n := range nodes {
			ids = append(ids, n.ID)
		}
		if diff := cmp.Diff(tt.want, ids); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.query, diff)
		}
	}
	if _, err := Find(g, "no-such-thing", ix.ARN); err == nil {
		t.Error("a name nothing has must be an error")
	}
}

// TestAccessFollowsHeldIdentities: the api Deployment reaches through its ServiceAccount's IRSA role and,
// through the node group it runs on, the node role.
func TestAccessFollowsHeldIdentities(t *testing.T) {
	g := linktest.Dir(t, example)
	linktest.Apply(t, g, identity.New(), access.New())
	api, _ := g.Node("k8s:shop/Deployment/api")
	var ids []string
	for _, ia := range Access(g, api).Identities {
		ids = append(ids, ia.Identity.ID)
		if len(ia.Via) == 0 {
			t.Errorf("%s: no chain from the Deployment", ia.Identity.ID)
		}
	}
	sort.Strings(ids)
	want := []string{"infra/terraform:aws_iam_role.node", "infra/terraform:module.irsa_api.aws_iam_role.this"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("identities (-want +got):\n%s", diff)
	}
}
