package aws_test

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/pathtest"
	"github.com/seam-sec/seam/internal/paths/rules/aws"
	"github.com/seam-sec/seam/internal/paths/rules/entry"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// The fixture systems are analysed end to end in this external test package: pathtest runs the engine, which
// lists the AWS rules, so a test inside package aws could not import it.

// analyse runs the entry rules and the AWS rules over a fixture system, as a scan would.
func analyse(t *testing.T, dir string) *paths.Result {
	t.Helper()
	g := pathtest.Graph(t, dir)
	return paths.Analyze(context.Background(), g, paths.Options{Rules: append(entry.Rules(), aws.Rules()...)})
}

// Each fixture's README says what it exercises and which paths are right; the chains are asserted exactly,
// and every hop (rule, technique, likelihood, reason, first evidence, fix) is in its golden file.
func TestFixtureSystems(t *testing.T) {
	for _, tc := range []struct {
		dir    string
		chains []string
	}{
		{"leaked-key-passrole", []string{
			"entry(entry:ci-key) → creds(aws_iam_user.ci) → creds(aws_iam_role.ops_admin) → admin(provider.aws)"}},
		{"leaked-key-passrole-deny", nil},
		{"insider-imdsv1", []string{
			"entry(entry:analytics-insider) → exec(k8s:analytics/Deployment/report-builder) → creds(infra:aws_iam_role.node) → read(infra:aws_s3_bucket.letters)"}},
		{"insider-imdsv2-hop1", nil},
		{"insider-netpol-metadata", nil},
		{"leaked-key-function-code", []string{
			"entry(entry:deployer-key) → creds(aws_iam_user.deployer) → exec(aws_lambda_function.export) → creds(aws_iam_role.export) → read(aws_dynamodb_table.customers)"}},
		{"ec2-master-secret", []string{
			"entry(entry:ops-key) → creds(aws_iam_user.ops) → exec(aws_instance.reporting) → creds(aws_iam_role.reporting) → read(aws_db_instance.billing)",
			"entry(entry:ops-key) → creds(aws_iam_user.ops) → exec(aws_instance.reporting) → creds(aws_iam_role.reporting) → write(aws_db_instance.billing)"}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			res := analyse(t, filepath.Join("testdata", tc.dir))
			if diff := cmp.Diff(tc.chains, pathtest.Chains(res)); diff != "" {
				t.Errorf("chains (-want +got):\n%s", diff)
			}
			explained(t, res)
			out := pathtest.Render(res)
			if again := pathtest.Render(analyse(t, filepath.Join("testdata", tc.dir))); again != out {
				t.Errorf("a second analysis differs:\n%s\n---\n%s", out, again)
			}
			golden(t, filepath.Join("testdata", "golden", tc.dir+".golden"), out)
		})
	}
}

// explained checks every hop of the AWS rules: a kind its rule declares, a reason, a control, and evidence
// with file and line.
func explained(t *testing.T, res *paths.Result) {
	t.Helper()
	metas := map[string]paths.Meta{}
	for _, r := range aws.Rules() {
		metas[r.Meta().ID] = r.Meta()
	}
	for _, p := range res.Paths {
		for _, h := range p.Hops {
			m, ok := metas[h.Rule]
			if !ok {
				continue // an entry rule
			}
			declared := false
			for _, k := range m.To {
				declared = declared || k == h.To.Kind
			}
			if !declared || h.Reason == "" || h.Control.ID == "" || len(h.Evidence) == 0 || h.Evidence[0].File == "" || h.Evidence[0].Line == 0 {
				t.Errorf("%s: hop %s of %s is not explained: %+v", p.ID, h.To, h.Rule, h)
			}
		}
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
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
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got; -update rewrites):\n%s", path, diff)
	}
}

// The webshop example with an insider in its shop namespace: code execution in the api reaches the customer
// documents both ways its README tells — through the node role from IMDSv1 (path 1's last hops) and through
// the api's IRSA role (path 2).
func TestWebshopInsider(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "..", "..", "examples", "webshop")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "seam.yaml" {
			b = append(b, "  - name: shop-insider\n    type: insider\n    namespace: shop\n"...)
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	res := analyse(t, dir)
	chains := strings.Join(pathtest.Chains(res), "\n")
	for _, want := range []string{
		"exec(k8s:shop/Deployment/api) → creds(infra/terraform:aws_iam_role.node) → read(infra/terraform:aws_s3_bucket.customer_documents)",
		"exec(k8s:shop/Deployment/api) → creds(infra/terraform:module.irsa_api.aws_iam_role.this) → read(infra/terraform:aws_s3_bucket.customer_documents)",
	} {
		if !strings.Contains(chains, want) {
			t.Errorf("no path … %s; got:\n%s", want, chains)
		}
	}
	var imds *paths.Hop
	for i, p := range res.Paths {
		for j, h := range p.Hops {
			if h.Rule == "aws.imds-pod" {
				imds = &res.Paths[i].Hops[j]
			}
		}
	}
	if imds == nil || imds.Control.ID != "imdsv2:infra/terraform:aws_launch_template.node" || imds.Evidence[0].File != "infra/terraform/eks.tf" {
		t.Errorf("the metadata hop must cite and fix the node launch template: %+v", imds)
	}
}
