package tfplan

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

func TestFileRequired(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"terraform.tfstate", true},
		{"envs/prod/terraform.tfstate", true},
		{"prod.tfstate.json", true},
		{"out/prod.tfplan.json", true},
		{"tfplan.json", true},
		{"infra/plan.json", true},
		{"infra/prod.plan.json", true},
		{"state.json", true},
		{"terraform.tfstate.backup", false},
		{"main.tf.json", false},
		{"tfplan", false},
		{"package.json", false},
		{".plan.json", false}, // nothing before the suffix
		{"my-state.json", false},
		{"PLAN.JSON", false},
	}
	ex := New()
	for _, tt := range tests {
		if got := ex.FileRequired(tt.path, nil); got != tt.want {
			t.Errorf("FileRequired(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// edgeKey is an edge without its provenance and attributes.
type edgeKey struct{ From, Kind, To string }

func edgeKeys(es []model.Edge) []edgeKey {
	out := make([]edgeKey, 0, len(es))
	for _, e := range es {
		out = append(out, edgeKey{e.From, string(e.Kind), e.To})
	}
	return out
}

func nodeByID(f model.Facts, id string) (model.Node, bool) {
	for _, n := range f.Nodes {
		if n.ID == id {
			return n, true
		}
	}
	return model.Node{}, false
}

// planNodes are nodes of the plan fixture that matter most, with a subset of their attributes.
var planNodes = []struct {
	id, kind, typ, name string
	line                int
	attrs               map[string]any // a subset
}{
	{"aws_iam_role.app", "identity", "aws_iam_role", "app-role", 79, map[string]any{
		"arn": model.Unknown("known after apply"), "tf_mode": "managed", "tf_actions": []any{"create"},
		"assume_role_policy": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
			"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": map[string]any{"Service": "ec2.amazonaws.com"}}}}}},
	{"aws_instance.web[1]", "workload", "aws_instance", "web-1", 157, map[string]any{
		"tf_address": "aws_instance.web[1]", "public_ip": model.Unknown("known after apply"),
		"metadata_options": []any{map[string]any{"http_endpoint": "enabled", "http_put_response_hop_limit": 1,
			"http_tokens": "optional", "instance_metadata_tags": model.Unknown("known after apply")}}}},
	{"aws_db_instance.main", "datastore", "aws_db_instance", "customers", 13, map[string]any{
		"password": masked, "allocated_storage": 20}},
	{"module.network.aws_subnet.app", "network", "aws_subnet", "app-public", 337, map[string]any{
		"tf_module": "module.network", "vpc_id": "vpc-0a1b2c3d", "tf_actions": []any{"no-op"}}},
	{"data.aws_iam_policy_document.data", "grant", "data.aws_iam_policy_document", "data", 800, map[string]any{
		"tf_mode": "data", "json": model.Unknown("known after apply"), "tf_actions": []any{"read"}}},
	{"data.aws_caller_identity.current", "account", "data.aws_caller_identity", "current", 1240, map[string]any{
		"account_id": "111122223333"}},
}

// planEdges are all the edges of the plan fixture (testdata/README.md explains them).
var planEdges = []edgeKey{
	{"aws_db_instance.main", "protected-by", "module.network.aws_security_group.db"},
	{"aws_iam_instance_profile.app", "uses-identity", "aws_iam_role.app"},
	{"aws_iam_policy.read_data", "references", "aws_s3_bucket.data"},
	{"aws_iam_role_policy_attachment.app_s3", "attached-to", "aws_iam_role.app"},
	{"aws_iam_role_policy_attachment.app_s3", "references", "aws_iam_policy.read_data"},
	{"aws_instance.web[0]", "member-of", "module.network.aws_subnet.app"},
	{"aws_instance.web[0]", "protected-by", "module.network.aws_security_group.web"},
	{"aws_instance.web[0]", "uses-identity", "aws_iam_instance_profile.app"},
	{"aws_instance.web[1]", "member-of", "module.network.aws_subnet.app"},
	{"aws_instance.web[1]", "protected-by", "module.network.aws_security_group.web"},
	{"aws_instance.web[1]", "uses-identity", "aws_iam_instance_profile.app"},
	{"aws_s3_bucket_policy.data", "attached-to", "aws_s3_bucket.data"},
	{"aws_s3_bucket_policy.data", "references", "data.aws_iam_policy_document.data"},
	{"data.aws_iam_policy_document.data", "depends-on", "aws_iam_role_policy_attachment.app_s3"},
	{"data.aws_iam_policy_document.data", "references", "aws_iam_role.app"},
	{"data.aws_iam_policy_document.data", "references", "aws_s3_bucket.data"},
	{"module.network.aws_security_group.db", "member-of", "module.network.aws_vpc.this"},
	{"module.network.aws_security_group.web", "member-of", "module.network.aws_vpc.this"},
	{"module.network.aws_security_group.web", "network-reach", "module.network.aws_security_group.db"},
	{"module.network.aws_subnet.app", "member-of", "module.network.aws_vpc.this"},
}

// TestPlanFixture checks the plan fixture's facts that matter most one by one (the golden file has all).
func TestPlanFixture(t *testing.T) {
	f := extractFS(t, os.DirFS("testdata/plan"))
	for _, want := range planNodes {
		n, ok := nodeByID(f, want.id)
		if !ok {
			t.Errorf("no node %s", want.id)
			continue
		}
		got := map[string]any{}
		for k := range want.attrs {
			got[k] = n.Attrs[k]
		}
		if diff := cmp.Diff(want.attrs, got); diff != "" {
			t.Errorf("%s attrs (-want +got):\n%s", want.id, diff)
		}
		if string(n.Kind) != want.kind || n.Type != want.typ || n.Name != want.name || n.Prov.Line != want.line ||
			n.Prov.File != "tfplan.json" || n.Prov.Extractor != Name {
			t.Errorf("%s = %s %s %q at %v, want %s %s %q at line %d", want.id, n.Kind, n.Type, n.Name, n.Prov,
				want.kind, want.typ, want.name, want.line)
		}
	}
	if _, ok := nodeByID(f, "aws_iam_user.legacy"); ok {
		t.Error("a resource the plan deletes became a node")
	}
	if diff := cmp.Diff(planEdges, edgeKeys(f.Edges)); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	if len(f.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", f.Diagnostics)
	}
}

// TestStateFixture checks the edges found by value in the show -json state, and the directory prefix.
func TestStateFixture(t *testing.T) {
	f := extractFS(t, os.DirFS("testdata/state"))
	p := "infra/prod:"
	api := `infra/prod:module.svc["api"].aws_ecs_task_definition.this`
	billing := `infra/prod:module.svc["billing"].aws_ecs_task_definition.this`
	want := []edgeKey{
		{p + "aws_iam_instance_profile.api", "uses-identity", p + "aws_iam_role.api"},
		{p + "aws_instance.bastion", "protected-by", p + "aws_security_group.api"},
		{p + "aws_instance.bastion", "uses-identity", p + "aws_iam_instance_profile.api"},
		{p + "aws_lambda_function.worker", "protected-by", p + "aws_security_group.api"},
		{p + "aws_lambda_function.worker", "uses-identity", p + "aws_iam_role.api"},
		{p + "aws_s3_bucket.exports", "protected-by", p + "aws_s3_bucket_public_access_block.exports"},
		{p + "aws_s3_bucket_policy.exports", "attached-to", p + "aws_s3_bucket.exports"},
		{p + "aws_security_group.api", "references", p + "data.aws_caller_identity.current"},
		{api, "runs", "image:444455556666.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"},
		{api, "uses-identity", p + "aws_iam_role.api"},
		{billing, "runs", "image:444455556666.dkr.ecr.eu-west-1.amazonaws.com/billing:2.0.0"},
		{billing, "uses-identity", p + "aws_iam_role.api"},
	}
	if diff := cmp.Diff(want, edgeKeys(f.Edges)); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	for _, e := range f.Edges {
		if e.Kind != model.EdgeRuns && e.Attrs["resolved_by"] == nil {
			t.Errorf("edge %s found by value does not say how", e.Key())
		}
	}
	n, _ := nodeByID(f, p+"aws_instance.bastion")
	if n.Attrs["id"] != "i-0api" {
		t.Errorf("bastion id = %v, want the current object, not the deposed one", n.Attrs["id"])
	}
}

// TestNoSecretsStored checks that no secret value of any fixture reaches the facts.
func TestNoSecretsStored(t *testing.T) {
	secrets := []string{"Sup3r-Secret-Example", "hunter2", "tok-live-0123456789", "pl41n-in-state",
		"BEGIN PRIVATE KEY", "r4w-st4te-pw", "k3y-in-raw-state", "AKIAPLANFIXTUREMUSTNOTLEAK"}
	for _, name := range fixtures {
		out := factsJSON(t, extractFS(t, os.DirFS("testdata/"+name)))
		for _, s := range secrets {
			if bytes.Contains(out, []byte(s)) {
				t.Errorf("fixture %s: facts contain the secret %q", name, s)
			}
		}
	}
}

// extractOne runs the extractor over one in-memory file.
func extractOne(t *testing.T, name, content string) model.Facts {
	t.Helper()
	fsys := fstest.MapFS{name: {Data: []byte(content)}}
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{name}})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return f
}

func TestMalformedPositions(t *testing.T) {
	tests := []struct {
		name, content  string
		line, col      int
		sev            model.Severity
		messageContain string
	}{
		{"truncated", "{\n  \"format_version\": \"1.0\",\n  \"values\": {", 3, 13, model.SeverityError, "unexpected end"},
		{"stray comma", "{\n  \"version\": 4,\n  \"resources\": [,]\n}", 3, 17, model.SeverityError, "invalid character ','"},
		{"not JSON", "resource \"aws_s3_bucket\" \"b\" {}", 1, 1, model.SeverityError, "invalid character 'r'"},
		{"only a bracket", "\n\n  {", 3, 3, model.SeverityError, "unexpected end"},
		{"empty", " \n", 0, 0, model.SeverityInfo, "empty file"},
		{"wrong type", "{\n  \"format_version\": \"1.0\",\n  \"values\": {\n    \"root_module\": []\n  }\n}", 4, 0,
			model.SeverityError, "values.root_module holds an array where an object belongs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractOne(t, "state.json", tt.content)
			if len(f.Diagnostics) != 1 || len(f.Nodes) != 0 {
				t.Fatalf("got %d diagnostics, %d nodes, want one diagnostic: %v", len(f.Diagnostics), len(f.Nodes), f.Diagnostics)
			}
			d := f.Diagnostics[0]
			if d.Line != tt.line || d.Column != tt.col || d.Severity != tt.sev || !strings.Contains(d.Message, tt.messageContain) {
				t.Errorf("got %s, want line %d col %d %s containing %q", d, tt.line, tt.col, tt.sev, tt.messageContain)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, name := range fixtures {
		a := factsJSON(t, extractFS(t, os.DirFS("testdata/"+name)))
		for i := 0; i < 3; i++ {
			if b := factsJSON(t, extractFS(t, os.DirFS("testdata/"+name))); !bytes.Equal(a, b) {
				t.Fatalf("fixture %s: two runs differ", name)
			}
		}
	}
}

func TestLimitsAndCancel(t *testing.T) {
	fsys := fstest.MapFS{"plan.json": {Data: []byte(`{"format_version": "1.0", "values": {}}`)}}
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"plan.json"}, MaxFileSize: 10})
	if err != nil || len(f.Diagnostics) != 1 || !strings.Contains(f.Diagnostics[0].Message, "limit") {
		t.Errorf("over the size cap: err %v, diagnostics %v", err, f.Diagnostics)
	}
	f, _ = New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"missing.json"}})
	if len(f.Diagnostics) != 1 || f.Diagnostics[0].Severity != model.SeverityError {
		t.Errorf("missing file: diagnostics %v", f.Diagnostics)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New().Extract(ctx, extract.Input{FS: fsys, Paths: []string{"plan.json"}}); err == nil {
		t.Error("a cancelled context is not reported")
	}
}

// TestTerraform012Addresses: Terraform 0.12 wrote a counted instance's address without its key (given apart
// as "index") and a child module's resources without the module path; both become full instance addresses.
func TestTerraform012Addresses(t *testing.T) {
	f := extractOne(t, "state.json", `{"format_version":"0.1","terraform_version":"0.12.0","values":{"root_module":{
	  "resources":[
	    {"address":"aws_instance.web","mode":"managed","type":"aws_instance","name":"web","index":0,"provider_name":"aws","schema_version":1,"values":{"id":"i-0"}},
	    {"address":"aws_instance.web","mode":"managed","type":"aws_instance","name":"web","index":1,"provider_name":"aws","schema_version":1,"values":{"id":"i-1"}}],
	  "child_modules":[{"address":"module.net","resources":[
	    {"address":"aws_vpc.main","mode":"managed","type":"aws_vpc","name":"main","provider_name":"aws","schema_version":1,"values":{"id":"vpc-1"}}]}]}}}`)
	var got []string
	for _, n := range f.Nodes {
		got = append(got, n.ID+" "+n.Attrs["id"].(string))
	}
	want := []string{"aws_instance.web[0] i-0", "aws_instance.web[1] i-1", "module.net.aws_vpc.main vpc-1"}
	if diff := cmp.Diff(want, got); diff != "" || len(f.Diagnostics) > 0 {
		t.Errorf("nodes (-want +got):\n%s\ndiagnostics: %v", diff, f.Diagnostics)
	}
}
