package access

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// edges returns the access edges of the facts as "from -kind-> to [levels]".
func edges(f model.Facts) map[string]model.Edge {
	out := map[string]model.Edge{}
	for _, e := range f.Edges {
		out[e.Key()] = e
	}
	return out
}

func levels(e model.Edge) string {
	var ls []string
	for _, l := range e.Attrs["access"].([]any) {
		ls = append(ls, l.(string))
	}
	return strings.Join(ls, ",")
}

func actions(e model.Edge) []string {
	var out []string
	for _, a := range e.Attrs["actions"].([]any) {
		out = append(out, a.(string))
	}
	return out
}

// TestFixture checks the conclusions testdata/iam/README.md states, each case saying which rule decides it.
func TestFixture(t *testing.T) {
	g := linktest.Dir(t, "testdata/iam")
	got := edges(linktest.Build(t, g, New()))
	tests := []struct {
		edge   string
		levels string // "" when the edge must not exist
		why    string
	}{
		{"aws_iam_role.analytics -can-> aws_s3_bucket.reports", "list,read,write,permissions-management,tagging", "s3:* minus an explicit Deny of deletes: never admin"},
		{"aws_iam_role.contractor -can-> aws_s3_bucket.public_assets", "list,read", "the boundary caps s3:* to Get/List on public-assets"},
		{"aws_iam_role.contractor -can-> aws_s3_bucket.reports", "", "the boundary does not cover reports"},
		{"aws_iam_role.intern -can-> aws_s3_bucket.public_assets", "", "a boundary never grants, even attached by reference"},
		{"aws_iam_role.auditor -can-> aws_s3_bucket.reports", "", "NotAction excludes s3:*"},
		{"aws_iam_role.auditor -can-> aws_kms_key.reports", "list,read,write,permissions-management,tagging,admin", "NotAction grants every other service; the default key policy delegates"},
		{"aws_iam_role.admin -can-> aws_s3_bucket.reports", "list,read,write,permissions-management,tagging,admin", "AdministratorAccess by literal ARN"},
		{"aws_iam_role.ops -can-> aws_s3_bucket.reports", "read", "MFA condition kept as an assumption"},
		{"aws_iam_user.ci -can-assume-> aws_iam_role.deploy", "write", "trust names the user and its policy allows sts:AssumeRole"},
		{"aws_iam_user.ci -can-assume-> aws_iam_role.admin", "", "admin's trust admits only Lambda"},
		{"aws_iam_user.ci -can-> aws_iam_role.admin", "write", "iam:PassRole on * from the deployers group"},
		{"arn:aws:iam::999988887777:root -can-> aws_s3_bucket.reports", "read", "the bucket policy grants the partner account"},
		{"internet -can-> aws_s3_bucket.website", "read", `the bucket policy grants "*"`},
		{"aws_iam_role.analytics -can-> aws_s3_bucket.website", "", "public access is reported once, from the internet"},
	}
	for _, tt := range tests {
		e, ok := got[tt.edge]
		switch {
		case tt.levels == "" && ok:
			t.Errorf("%s: must not exist (%s); got %s", tt.edge, tt.why, levels(e))
		case tt.levels != "" && !ok:
			t.Errorf("%s: missing (%s)", tt.edge, tt.why)
		case ok && levels(e) != tt.levels:
			t.Errorf("%s: access %s, want %s (%s)", tt.edge, levels(e), tt.levels, tt.why)
		}
	}
	for _, a := range actions(got["aws_iam_role.analytics -can-> aws_s3_bucket.reports"]) {
		if strings.HasPrefix(a, "s3:DeleteObject") {
			t.Errorf("analytics may %s despite the explicit Deny", a)
		}
	}
	// pass_role is decided on the whole action list (the actions attribute is capped): iam:PassRole from the
	// deployers group, AdministratorAccess's "*" on a role, and nothing of the kind on a bucket.
	for edge, want := range map[string]bool{
		"aws_iam_user.ci -can-> aws_iam_role.admin":           true,
		"aws_iam_role.admin -can-> aws_iam_role.deploy":       true,
		"aws_iam_role.analytics -can-> aws_s3_bucket.reports": false,
	} {
		e, ok := got[edge]
		if !ok {
			t.Errorf("%s: missing", edge)
			continue
		}
		if pass, _ := e.Attrs["pass_role"].(bool); pass != want {
			t.Errorf("%s: pass_role %v, want %v (actions %v)", edge, pass, want, actions(e))
		}
	}
	if as := got["aws_iam_role.ops -can-> aws_s3_bucket.reports"].Attrs["assumptions"]; as == nil || !strings.Contains(as.([]any)[0].(string), "aws:MultiFactorAuthPresent") {
		t.Errorf("ops edge does not carry the MFA condition as an assumption: %v", as)
	}
}

// TestExample checks the example's access: the node role's leftover grant and the IRSA roles.
func TestExample(t *testing.T) {
	g := linktest.Dir(t, "../../../examples/webshop")
	f := linktest.Build(t, g, New())
	got := edges(f)
	for edge, want := range map[string]string{
		"infra/terraform:aws_iam_role.node -can-> infra/terraform:aws_s3_bucket.customer_documents":                    "list,read",
		"infra/terraform:module.irsa_api.aws_iam_role.this -can-> infra/terraform:aws_s3_bucket.customer_documents":    "list,read",
		"infra/terraform:module.irsa_api.aws_iam_role.this -can-> infra/terraform:aws_s3_bucket.product_images":        "list,read,write,permissions-management,tagging,admin",
		"infra/terraform:module.irsa_worker.aws_iam_role.this -can-> infra/terraform:aws_s3_bucket.customer_documents": "list,read,write",
	} {
		e, ok := got[edge]
		if !ok {
			t.Errorf("missing %s", edge)
			continue
		}
		if levels(e) != want {
			t.Errorf("%s: access %s, want %s", edge, levels(e), want)
		}
	}
	// Every edge cites the file and line of a granting statement.
	for _, e := range f.Edges {
		if e.Prov.File == "" || e.Prov.Line == 0 {
			t.Errorf("%s has no file:line", e.Key())
		}
	}
	if e := got["infra/terraform:module.irsa_worker.aws_iam_role.this -can-> infra/terraform:aws_s3_bucket.customer_documents"]; e.Attrs["partial"] != true {
		t.Error("the worker reaches only prefixes of the bucket: the edge must be partial")
	}
}

// TestWhoCanExample is the acceptance query: who can s3:GetObject the customer documents.
func TestWhoCanExample(t *testing.T) {
	g := linktest.Dir(t, "../../../examples/webshop")
	var ids []string
	for _, gr := range whoCan(t, g, "s3:GetObject", "customer-documents") {
		ids = append(ids, gr.Principal.ID)
	}
	want := []string{
		"infra/terraform:aws_iam_role.node",                    // ReadCustomerDocuments, the leftover grant
		"infra/terraform:module.irsa_api.aws_iam_role.this",    // CustomerDocuments: s3:Get*
		"infra/terraform:module.irsa_worker.aws_iam_role.this", // MoveUploads: uploads/* only
	}
	sort.Strings(ids)
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("who can s3:GetObject customer-documents (-want +got):\n%s", diff)
	}
}

func whoCan(t *testing.T, g *graph.Graph, action, resource string) []Grant {
	t.Helper()
	m := NewModel(g, link.NewIndex(g))
	rs, err := m.Resource(resource)
	if err != nil || len(rs) != 1 {
		t.Fatalf("resource %s: %v %v", resource, rs, err)
	}
	return m.WhoCan(action, rs[0])
}
