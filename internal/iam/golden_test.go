package iam

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestWebshopGolden analyses the webshop example's identities and data stores (examples/webshop, the
// policies in testdata/policies/webshop-*.json, the trusts modules/irsa and eks.tf write) and compares every
// access with testdata/golden/webshop.access.json. What the golden file must show, per the example's README:
// the node role reads the whole customer-documents bucket and decrypts its key (path 1); the api role lists
// and reads all of it and administers the product images (path 2); the worker's access is partial (prefixes
// only) with the s3:prefix condition as an assumption; EC2 may assume the node role; the api ServiceAccount's
// session may assume the api role and the worker's may not (the trust's sub condition).
func TestWebshopGolden(t *testing.T) {
	principals, resources := webshop(t)
	got := renderAccess(Analyze(principals, resources, Options{}))
	path := filepath.Join("testdata", "golden", "webshop.access.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("webshop access (-want +got):\n%s", diff)
	}
}

const (
	webshopIssuer   = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
	webshopProvider = "arn:aws:iam::123456789012:oidc-provider/" + webshopIssuer
)

func webshop(t *testing.T) ([]*Principal, []*Resource) {
	at := func(node, file string, line int) Source {
		return Source{Place: Place{Node: node, File: file, Line: line}}
	}
	parse := func(doc string, src Source) *Policy {
		p, probs := ParsePolicy(doc, src, nil)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		return &p
	}
	trust := func(sa string) string {
		return `{"Statement":[{"Action":["sts:AssumeRoleWithWebIdentity"],"Effect":"Allow","Principal":{"Federated":["` + webshopProvider + `"]},
			"Condition":{"StringEquals":{"${var.oidc_issuer_host}:aud":["sts.amazonaws.com"],"${var.oidc_issuer_host}:sub":["system:serviceaccount:shop:` + sa + `"]}}}]}`
	}
	apiPolicy := parse(fixture(t, "webshop-api.json"), Source{Place: Place{Node: "module.irsa_api.aws_iam_role_policy.this", File: "infra/terraform/modules/irsa/main.tf", Line: 37},
		Via: []Place{{Node: "data.aws_iam_policy_document.api", File: "infra/terraform/irsa.tf", Line: 8, What: "policy_json"}}})
	workerPolicy := parse(fixture(t, "webshop-worker.json"), at("module.irsa_worker.aws_iam_role_policy.this", "infra/terraform/modules/irsa/main.tf", 37))
	nodePolicy := parse(fixture(t, "webshop-node-legacy.json"), at("aws_iam_role_policy.node_documents_legacy", "infra/terraform/eks.tf", 86))
	roleARN := func(name string) string { return "arn:aws:iam::" + acct + ":role/" + name }
	principals := []*Principal{
		{ID: "aws_iam_role.node", Kind: PrincipalRole, ARN: roleARN("webshop-prod-node"), Policies: []*Policy{nodePolicy}},
		{ID: "module.irsa_api.aws_iam_role.this", Kind: PrincipalRole, ARN: roleARN("webshop-prod-api"), Policies: []*Policy{apiPolicy}},
		{ID: "module.irsa_worker.aws_iam_role.this", Kind: PrincipalRole, ARN: roleARN("webshop-prod-worker"), Policies: []*Policy{workerPolicy}},
		{ID: "ec2.amazonaws.com", Kind: PrincipalService, ARN: "ec2.amazonaws.com"},
		{ID: "k8s:shop/ServiceAccount/api", Kind: PrincipalFederated, ARN: webshopProvider,
			Context: Context{webshopIssuer + ":sub": {"system:serviceaccount:shop:api"}, webshopIssuer + ":aud": {"sts.amazonaws.com"}}},
		{ID: "k8s:shop/ServiceAccount/worker", Kind: PrincipalFederated, ARN: webshopProvider,
			Context: Context{webshopIssuer + ":sub": {"system:serviceaccount:shop:worker"}, webshopIssuer + ":aud": {"sts.amazonaws.com"}}},
	}
	resources := []*Resource{
		bucketAt("aws_s3_bucket.customer_documents", "customer-documents", Place{File: "infra/terraform/storage.tf", Line: 20}),
		bucketAt("aws_s3_bucket.product_images", "webshop-product-images", Place{File: "infra/terraform/storage.tf", Line: 67}),
		{ID: "aws_kms_key.documents", ARN: "arn:aws:kms:eu-west-1:" + acct + ":key/${aws_kms_key.documents.key_id}",
			At: Place{Node: "aws_kms_key.documents", File: "infra/terraform/storage.tf", Line: 7}},
		{ID: "aws_iam_role.node", ARN: roleARN("webshop-prod-node"),
			Policy: parse(`{"Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"]}}]}`, at("aws_iam_role.node", "infra/terraform/eks.tf", 67))},
		{ID: "module.irsa_api.aws_iam_role.this", ARN: roleARN("webshop-prod-api"), Policy: parse(trust("api"), at("module.irsa_api.aws_iam_role.this", "infra/terraform/modules/irsa/main.tf", 30))},
		{ID: "module.irsa_worker.aws_iam_role.this", ARN: roleARN("webshop-prod-worker"), Policy: parse(trust("worker"), at("module.irsa_worker.aws_iam_role.this", "infra/terraform/modules/irsa/main.tf", 30))},
	}
	return principals, resources
}

func bucketAt(id, name string, at Place) *Resource {
	b := bucket(name, nil)
	b.ID, b.At = id, at
	b.At.Node = id
	return b
}

// renderAccess writes accesses as indented JSON, statements and assumptions as people read them.
func renderAccess(accs []Access) []byte {
	type view struct {
		Principal, Resource string
		Levels              []Level
		Actions             []string
		Statements          []string
		Partial             bool     `json:",omitempty"`
		Assumptions         []string `json:",omitempty"`
	}
	var out []view
	for _, a := range accs {
		v := view{Principal: a.PrincipalID, Resource: a.ResourceID, Levels: a.Levels, Actions: a.Actions, Partial: a.Partial}
		for _, s := range a.Statements {
			v.Statements = append(v.Statements, s.String())
		}
		for _, as := range a.Assumptions {
			text := as.Text
			if as.Statement != nil {
				text = as.Statement.String() + ": " + text
			}
			v.Assumptions = append(v.Assumptions, text)
		}
		out = append(out, v)
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(data, '\n')
}
