package terraform

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

// fixtures are the directories under testdata, each with a golden file of its facts
// (testdata/<name>.golden.json, rewritten by go test -update).
var fixtures = []struct {
	name string
	opts extract.Options
}{
	{"realistic", extract.Options{}},
	{"policies", extract.Options{}},
	{"workloads", extract.Options{}},
	{"edgecases", extract.Options{}},
	{"multiroot", extract.Options{TerraformVarFiles: []string{"shared/extra.tfvars"}}},
	{"providers", extract.Options{}},
}

func TestGolden(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			got := factsJSON(t, extractDir(t, fx.name, fx.opts))
			golden := "testdata/" + fx.name + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("facts differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// nodeWant is what a test expects of one node: its kind, type and name, and a subset of its attributes.
type nodeWant struct {
	id, kind, typ, name string
	attrs               map[string]any
	line, endLine       int
	file                string
}

// The expected facts of each fixture, one by one; the comments at the top of each fixture explain them.
var nodeTests = []struct {
	fixture string
	nodes   []nodeWant
	absent  []string
}{
	{"realistic", []nodeWant{
		{id: `aws_s3_bucket.data["invoices"]`, kind: "datastore", typ: "aws_s3_bucket", name: "shop-prod-invoices",
			file: "main.tf", line: 23, endLine: 27,
			attrs: map[string]any{"bucket": "shop-prod-invoices", "tags": map[string]any{"Env": "prod", "Name": "invoices", "Team": "payments"},
				"tf_address": `aws_s3_bucket.data["invoices"]`}},
		{id: "aws_instance.web[1]", kind: "workload", typ: "aws_instance", name: "shop-prod-web-1", file: "main.tf", line: 83, endLine: 96,
			attrs: map[string]any{"iam_instance_profile": "shop-prod-app-profile",
				"metadata_options":       []any{map[string]any{"http_tokens": "optional"}},
				"subnet_id":              model.Unknown("module.vpc.public_subnets[count.index]"),
				"vpc_security_group_ids": []any{model.Unknown("aws_security_group.web.id")}}},
		{id: "module.iam.aws_iam_role.app", kind: "identity", typ: "aws_iam_role", name: "shop-prod-app",
			file: "modules/iam/main.tf", line: 24, endLine: 36,
			attrs: map[string]any{"assume_role_policy": map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": "ec2.amazonaws.com"}}}},
				"permissions_boundary": nil, "tf_module": "module.iam"}},
		{id: "data.aws_iam_policy_document.read_invoices", kind: "grant", typ: "data.aws_iam_policy_document", name: "read_invoices",
			file: "main.tf", line: 36, endLine: 52,
			attrs: map[string]any{"json": map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Sid": "ReadInvoices", "Effect": "Allow", "Action": []any{"s3:GetObject", "s3:ListBucket"},
					"Resource": []any{model.Unknown(`aws_s3_bucket.data["invoices"].arn`), model.Unknown(`${aws_s3_bucket.data["invoices"].arn}/*`)}},
				map[string]any{"Effect": "Deny", "Action": []any{"s3:DeleteObject"}, "Resource": []any{"*"},
					"Condition": map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": []any{"false"}}}}}}}},
		{id: "aws_security_group.web", kind: "network", typ: "aws_security_group", name: "shop-prod-web", file: "main.tf", line: 61, endLine: 81,
			attrs: map[string]any{"ingress": []any{
				map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "from_port": 443, "protocol": "tcp", "to_port": 443},
				map[string]any{"cidr_blocks": []any{model.Unknown("var.admin_cidr")}, "from_port": 22, "protocol": "tcp", "to_port": 22}}}},
		{id: "module.vpc", kind: "resource", typ: "module", name: "vpc", file: "main.tf", line: 98, endLine: 104,
			attrs: map[string]any{"source": "terraform-aws-modules/vpc/aws", "version": "5.8.1",
				"inputs": map[string]any{"cidr": "10.0.0.0/16", "name": "shop-prod", "public_subnets": []any{"10.0.0.0/24", "10.0.1.0/24"}}}},
		{id: "aws_sqs_queue.jobs", kind: "datastore", typ: "aws_sqs_queue", name: "shop-prod-jobs", file: "broken.tf", line: 4, endLine: 6},
	}, []string{"aws_instance.web[2]", "aws_sqs_queue.dead"}},
	{"policies", []nodeWant{
		{id: "aws_iam_policy.heredoc", kind: "grant", typ: "aws_iam_policy", name: "write-logs", file: "main.tf", line: 18, endLine: 29,
			attrs: map[string]any{"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Effect": "Allow", "Action": []any{"s3:PutObject"}, "Resource": model.Unknown("${aws_s3_bucket.logs.arn}/*")},
				map[string]any{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}}}}},
		{id: "aws_iam_policy.from_file", kind: "grant", typ: "aws_iam_policy", name: "from-file", file: "main.tf", line: 38, endLine: 41,
			attrs: map[string]any{"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}}}}},
		{id: "aws_iam_policy.from_template", kind: "grant", typ: "aws_iam_policy", name: "from-template", file: "main.tf", line: 43, endLine: 46,
			attrs: map[string]any{"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-logs/*"}}}}},
		{id: "aws_s3_bucket_policy.logs", kind: "grant", typ: "aws_s3_bucket_policy", name: "logs", file: "main.tf", line: 60, endLine: 63,
			attrs: map[string]any{"bucket": "acme-logs", "policy": map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": []any{"s3:GetObject"},
					"Resource": []any{"arn:aws:s3:::acme-logs/*"}}}}}},
		{id: "aws_kms_key.main", kind: "key", typ: "aws_kms_key", name: "acme main key", file: "main.tf", line: 98, endLine: 110,
			attrs: map[string]any{"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Sid": "Root", "Effect": "Allow", "Action": "kms:*", "Resource": "*", "Principal": map[string]any{
					"AWS": model.Unknown("arn:aws:iam::${data.aws_caller_identity.current.account_id}:root")}}}}}},
	}, nil},
	{"workloads", []nodeWant{
		{id: "aws_ecs_task_definition.api", kind: "workload", typ: "aws_ecs_task_definition", name: "api", file: "main.tf", line: 27, endLine: 40,
			attrs: map[string]any{"container_definitions": []any{map[string]any{"name": "api", "image": "acme/api:1.4.2",
				"environment": []any{
					map[string]any{"name": "DB_PASSWORD", "value": "[redacted]"},
					map[string]any{"name": "LOG_LEVEL", "value": "info"},
					map[string]any{"name": "DATABASE_URL", "value": "postgres://app:[redacted]@db.internal:5432/app"}},
				"portMappings": []any{map[string]any{"containerPort": 8080}}}}}},
		{id: "aws_db_instance.main", kind: "datastore", typ: "aws_db_instance", name: "acme-db", file: "main.tf", line: 84, endLine: 91,
			attrs: map[string]any{"password": "[redacted]", "username": "app", "publicly_accessible": false}},
		{id: "aws_ssm_parameter.db_url", kind: "datastore", typ: "aws_ssm_parameter", name: "/acme/db_url", file: "main.tf", line: 93, endLine: 97,
			attrs: map[string]any{"value": "[redacted]"}},
		{id: "aws_lambda_function.worker", kind: "workload", typ: "aws_lambda_function", name: "worker", file: "main.tf", line: 63, endLine: 78,
			attrs: map[string]any{"environment": []any{map[string]any{"variables": map[string]any{"API_TOKEN": "[redacted]", "QUEUE": "jobs"}}}}},
		{id: "image:docker.io/acme/api:1.4.2", kind: "image", typ: "image", name: "docker.io/acme/api:1.4.2", file: "main.tf", line: 30,
			attrs: map[string]any{"ref": "acme/api:1.4.2"}},
	}, nil},
	{"edgecases", []nodeWant{
		{id: "aws_instance.fleet", kind: "workload", typ: "aws_instance", name: "fleet", file: "main.tf", line: 36, endLine: 41,
			attrs: map[string]any{"tags": map[string]any{"Name": model.Unknown("fleet-${count.index}")}}},
		{id: "aws_sqs_queue.odd", kind: "datastore", typ: "aws_sqs_queue", name: "odd", file: "main.tf", line: 28, endLine: 30,
			attrs: map[string]any{"name": model.Unknown(`provider::aws::arn_build("aws", "sqs", "eu-west-1", "123", "odd")`)}},
		{id: "aws_s3_bucket.safe", kind: "datastore", typ: "aws_s3_bucket", name: "fallback-bucket", file: "main.tf", line: 63, endLine: 69,
			attrs: map[string]any{"tags": map[string]any{"HasSettings": "no"}}},
		{id: `aws_sns_topic.per_env["prod"]`, kind: "resource", typ: "aws_sns_topic", name: "alerts-prod", file: "main.tf", line: 48, endLine: 51},
		{id: "module.gone", kind: "resource", typ: "module", name: "gone", file: "main.tf", line: 58, endLine: 61},
	}, []string{"aws_instance.off", "aws_instance.off[0]", "aws_instance.fleet[0]"}},
	{"multiroot", []nodeWant{
		{id: `envs/prod:module.svc["api"].aws_iam_role.this`, kind: "identity", typ: "aws_iam_role", name: "prod-api",
			file: "modules/service/main.tf", line: 15, endLine: 22,
			attrs: map[string]any{"tags": map[string]any{"Owner": "team-payments", "Region": "eu-west-1"}, "tf_module": `module.svc["api"]`}},
		{id: `envs/prod:module.svc["worker"].module.queue.aws_sqs_queue.this`, kind: "datastore", typ: "aws_sqs_queue",
			name: "prod-worker-jobs", file: "modules/queue/main.tf", line: 11, endLine: 22,
			attrs: map[string]any{"tf_module": `module.svc["worker"].module.queue`}},
		{id: "envs/dev:module.svc[0].module.queue.aws_sqs_queue.this", kind: "datastore", typ: "aws_sqs_queue", name: "dev-api-jobs",
			file: "modules/queue/main.tf", line: 11, endLine: 22},
		{id: "envs/dev:aws_s3_bucket.scratch", kind: "datastore", typ: "aws_s3_bucket", name: "dev-scratch-team-payments",
			file: "envs/dev/main.tf.json"},
	}, []string{"modules/service:aws_iam_role.this", "modules/queue:aws_sqs_queue.this"}},
	{"providers", []nodeWant{
		{id: "provider.aws", kind: "account", typ: "provider.aws", name: "aws", file: "main.tf", line: 33, endLine: 40,
			attrs: map[string]any{"region": "eu-west-1", "allowed_account_ids": []any{"111122223333"},
				"default_tags": map[string]any{"team": "platform", "env": "prod", "data_classification": "internal"},
				"lines":        map[string]any{"region": 34, "allowed_account_ids": 35, "default_tags": 38},
				"tf_address":   "provider.aws", "alias": nil, "access_key": nil}},
		{id: "provider.aws.audit", kind: "account", typ: "provider.aws", name: "audit", file: "main.tf", line: 42, endLine: 59,
			attrs: map[string]any{"region": "us-east-1", "alias": "audit", "profile": model.Unknown("var.audit_profile"),
				"assume_role":  []any{map[string]any{"role_arn": "arn:aws:iam::444455556666:role/audit", "session_name": "seam-fixture"}},
				"default_tags": map[string]any{"team": "security"}, "tf_address": "provider.aws.audit",
				"access_key": nil, "secret_key": nil,
				"lines": map[string]any{"alias": 43, "region": 44, "profile": 45, "default_tags": 55, "default_tags.team": 56}}},
		{id: "aws_s3_bucket.records", kind: "datastore", typ: "aws_s3_bucket", name: "acme-customer-records", file: "main.tf",
			attrs: map[string]any{"tags_all": map[string]any{"team": "platform", "env": "prod", "data_classification": "pii"},
				"lines": map[string]any{"bucket": 68, "tags": 70, "tags.data_classification": 71}, "tf_provider": nil}},
		{id: "aws_s3_bucket.audit", kind: "datastore", typ: "aws_s3_bucket", name: "acme-audit-logs", file: "main.tf",
			attrs: map[string]any{"tf_provider": "provider.aws.audit",
				"tags_all": map[string]any{"team": "security", "purpose": "audit"}}},
		{id: "module.trail.aws_cloudtrail.this", kind: "logging", typ: "aws_cloudtrail", name: "org-trail", file: "modules/trail/main.tf",
			attrs: map[string]any{"tf_provider": "provider.aws.audit", "tags_all": map[string]any{"team": "security"}}},
		{id: "data.aws_caller_identity.current", kind: "account", typ: "data.aws_caller_identity", name: "current", file: "main.tf",
			attrs: map[string]any{"tags_all": nil}},
	}, []string{"provider.google", "module.trail.provider.aws", "provider.aws.ap-southeast-2"}},
}

func TestNodes(t *testing.T) {
	for _, tt := range nodeTests {
		t.Run(tt.fixture, func(t *testing.T) {
			facts := extractDir(t, tt.fixture, optionsFor(tt.fixture))
			byID := map[string]model.Node{}
			for _, n := range facts.Nodes {
				byID[n.ID] = n
			}
			for _, w := range tt.nodes {
				n, ok := byID[w.id]
				if !ok {
					t.Errorf("no node %s", w.id)
					continue
				}
				got := nodeWant{id: n.ID, kind: string(n.Kind), typ: n.Type, name: n.Name, file: n.Prov.File,
					line: w.line, endLine: w.endLine}
				if w.attrs != nil {
					got.attrs = map[string]any{}
				}
				if w.line != 0 {
					got.line, got.endLine = n.Prov.Line, n.Prov.EndLine
				}
				for k := range w.attrs {
					got.attrs[k] = n.Attrs[k]
				}
				if diff := cmp.Diff(w, got, cmp.AllowUnexported(nodeWant{})); diff != "" {
					t.Errorf("node %s (-want +got):\n%s", w.id, diff)
				}
				if n.Prov.Extractor != Name {
					t.Errorf("node %s: extractor %q", w.id, n.Prov.Extractor)
				}
			}
			for _, id := range tt.absent {
				if _, ok := byID[id]; ok {
					t.Errorf("node %s should not exist", id)
				}
			}
		})
	}
}

func optionsFor(fixture string) extract.Options {
	for _, fx := range fixtures {
		if fx.name == fixture {
			return fx.opts
		}
	}
	return extract.Options{}
}

// edgeTests lists edges each fixture must have, as "from -kind-> to @line [attribute]".
var edgeTests = []struct {
	fixture string
	edges   []string
}{
	{"realistic", []string{
		"aws_instance.web[0] -uses-identity-> module.iam.aws_iam_instance_profile.app @87 [iam_instance_profile]",
		"aws_instance.web[0] -protected-by-> aws_security_group.web @88 [vpc_security_group_ids]",
		"aws_instance.web[1] -member-of-> module.vpc @89 [subnet_id]",
		"aws_instance.web[1] -depends-on-> module.iam.aws_iam_role.app @91 [depends_on]",
		`aws_s3_bucket.data["assets"] -protected-by-> aws_s3_bucket_public_access_block.data["assets"] @31 [bucket]`,
		`data.aws_iam_policy_document.read_invoices -references-> aws_s3_bucket.data["invoices"] @40 [statement[0].resources]`,
		"module.iam.aws_iam_instance_profile.app -uses-identity-> module.iam.aws_iam_role.app @51 [role]",
		"module.iam.aws_iam_role_policy.app -attached-to-> module.iam.aws_iam_role.app @40 [role]",
		"module.iam.aws_iam_role_policy.app -references-> data.aws_iam_policy_document.read_invoices @41 [policy]",
		"module.iam.aws_iam_role_policy_attachment.ssm -attached-to-> module.iam.aws_iam_role.app @45 [role]",
		"aws_security_group.web -member-of-> module.vpc @63 [vpc_id]",
	}},
	{"policies", []string{
		"aws_s3_bucket_policy.logs -attached-to-> aws_s3_bucket.logs @61 [bucket]",
		"aws_iam_policy.heredoc -references-> aws_s3_bucket.logs @20 [policy]",
		"aws_iam_role.lambda -references-> data.aws_iam_policy_document.lambda_trust @124 [assume_role_policy]",
		"data.aws_iam_policy_document.merged -references-> data.aws_iam_policy_document.base @66 [source_policy_documents]",
	}},
	{"workloads", []string{
		"aws_ecs_task_definition.api -runs-> image:docker.io/acme/api:1.4.2 @30 [container_definitions]",
		"aws_ecs_task_definition.api -uses-identity-> aws_iam_role.task @29 [task_role_arn]",
		"aws_ecs_service.api -runs-> aws_ecs_task_definition.api @51 [task_definition]",
		"aws_ecs_service.api -part-of-> aws_ecs_cluster.main @50 [cluster]",
		"aws_lb_target_group.api -routes-to-> aws_ecs_service.api @53 [load_balancer[0].target_group_arn]",
		"aws_lambda_function.worker -protected-by-> aws_security_group.worker @75 [vpc_config[0].security_group_ids]",
		"aws_lambda_function.worker -runs-> image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker:7 @67 [image_uri]",
		"aws_db_instance.main -protected-by-> aws_kms_key.db @89 [kms_key_id]",
		"aws_secretsmanager_secret_version.db -part-of-> aws_secretsmanager_secret.db @104 [secret_id]",
	}},
	{"edgecases", []string{
		`aws_s3_bucket.safe -depends-on-> aws_sns_topic.per_env["prod"] @68 [depends_on]`,
	}},
	{"multiroot", []string{
		`envs/prod:module.svc["api"].module.queue.aws_sqs_queue.this -references-> envs/prod:module.svc["api"].aws_iam_role.this @13 [policy]`,
		`envs/prod:module.svc["api"].module.queue.aws_sqs_queue.this -routes-to-> envs/prod:aws_lambda_event_source_mapping.api_jobs @32 [event_source_arn]`,
		"envs/dev:module.svc[0].module.queue.aws_sqs_queue.this -references-> envs/dev:module.svc[0].aws_iam_role.this @13 [policy]",
	}},
}

func TestEdges(t *testing.T) {
	for _, tt := range edgeTests {
		t.Run(tt.fixture, func(t *testing.T) {
			facts := extractDir(t, tt.fixture, optionsFor(tt.fixture))
			have := map[string]bool{}
			for _, e := range facts.Edges {
				have[edgeString(e)] = true
				if e.Prov.Extractor != Name || e.Prov.File == "" || e.Prov.Line == 0 {
					t.Errorf("edge %s has incomplete provenance %+v", e.Key(), e.Prov)
				}
			}
			for _, want := range tt.edges {
				if !have[want] {
					t.Errorf("missing edge %s", want)
				}
			}
		})
	}
}

func edgeString(e model.Edge) string {
	attr, _ := e.Attrs["attribute"].(string)
	return e.Key() + " @" + itoa(e.Prov.Line) + " [" + attr + "]"
}

// assumptionTests lists assumptions (subject, attribute, a part of the reason) and diagnostics (file:line,
// severity, a part of the message) each fixture must have.
var assumptionTests = []struct {
	fixture     string
	assumptions [][3]string
	diags       [][3]string
}{
	{"realistic", [][3]string{
		{"aws_security_group.web", "ingress[1].cidr_blocks[0]", "var.admin_cidr has no default and no value"},
		{"aws_instance.web[0]", "subnet_id", "Seam does not fetch remote modules"},
		{"module.vpc", "source", `module source "terraform-aws-modules/vpc/aws" is not a local path`},
	}, [][3]string{
		{"broken.tf:9", "error", "Missing item separator"},
	}},
	{"edgecases", [][3]string{
		{"aws_instance.fleet", "count", "var.size has no default and no value"},
		{"aws_sqs_queue.odd", "name", "calls a function Seam does not evaluate"},
		{"aws_sqs_queue.cyclic", "name", "dependency cycle"},
		{"aws_iam_role.ghost", "assume_role_policy", "missing.json"},
		{"module.gone", "source", "has no Terraform files in the scan"},
	}, [][3]string{
		{"main.tf:24", "error", "dependency cycle: local.a → local.b → local.a"},
		{"main.tf:49", "warning", "is a list"},
		{"main.tf:55", "warning", "missing.json"},
		{"main.tf:58", "warning", "has no Terraform files"},
	}},
	{"policies", [][3]string{
		{"aws_kms_key.main", "policy.Statement[0].Principal.AWS", "data.aws_caller_identity.current.account_id is read from the provider"},
	}, nil},
	{"providers", [][3]string{
		{"provider.aws.audit", "profile", "var.audit_profile has no default and no value"},
	}, nil},
}

func TestAssumptionsAndDiagnostics(t *testing.T) {
	for _, tt := range assumptionTests {
		t.Run(tt.fixture, func(t *testing.T) {
			facts := extractDir(t, tt.fixture, optionsFor(tt.fixture))
			for _, a := range facts.Assumptions {
				if onlyComputed(strings.Split(a.Reason, "; ")) {
					t.Errorf("a reference to a computed attribute is an edge, not an assumption: %+v", a)
				}
			}
			for _, want := range tt.assumptions {
				found := false
				for _, a := range facts.Assumptions {
					if a.Subject == want[0] && a.Attribute == want[1] && strings.Contains(a.Reason, want[2]) &&
						a.Assumed != "" && a.Prov.Line > 0 {
						found = true
					}
				}
				if !found {
					t.Errorf("missing assumption %q", want)
				}
			}
			for _, want := range tt.diags {
				found := false
				for _, d := range facts.Diagnostics {
					if d.File+":"+itoa(d.Line) == want[0] && string(d.Severity) == want[1] && strings.Contains(d.Message, want[2]) {
						found = true
					}
				}
				if !found {
					t.Errorf("missing diagnostic %q in %v", want, facts.Diagnostics)
				}
			}
		})
	}
}

func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"main.tf": true, "infra/net/vpc.tf": true, "x.tf.json": true, "terraform.tfvars": true,
		"prod.auto.tfvars.json": true, "main.tftest.hcl": false, "README.md": false, "tf": false, "main.tf.bak": false,
	}
	for p, want := range tests {
		if got := New().FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestDeterministic extracts the same tree twice, the second time with the paths in reverse order.
func TestDeterministic(t *testing.T) {
	fsys := os.DirFS("testdata/realistic")
	paths := wantedPaths(t, fsys)
	a, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: paths, MaxFileSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	rev := make([]string, len(paths))
	for i, p := range paths {
		rev[len(paths)-1-i] = p
	}
	b, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: rev, MaxFileSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(factsJSON(t, a), factsJSON(t, b)) {
		t.Error("two extractions of the same files differ")
	}
}

// TestBadInput feeds files a real repository may hold by accident; each must become a diagnostic, never a
// failure, and the good file beside them must still be read.
func TestBadInput(t *testing.T) {
	fsys := fstest.MapFS{
		"good.tf":          {Data: []byte(`resource "aws_s3_bucket" "ok" { bucket = "ok" }`)},
		"binary.tf":        {Data: []byte{0xff, 0xfe, 0x00, 0x01, '{', '}'}},
		"empty.tf":         {Data: nil},
		"huge.tf":          {Data: bytes.Repeat([]byte("# padding\n"), 300)},
		"bad.tf.json":      {Data: []byte(`{"resource": `)},
		"terraform.tfvars": {Data: []byte(`x = var.y`)},
		"labels.tf":        {Data: []byte(`resource "aws_s3_bucket" { }` + "\n" + `variable "a" "b" {}`)},
	}
	facts, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: wantedPaths(t, fsys), MaxFileSize: 1000})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if len(facts.Nodes) != 1 || facts.Nodes[0].ID != "aws_s3_bucket.ok" {
		t.Errorf("nodes = %v, want only aws_s3_bucket.ok", facts.Nodes)
	}
	files := map[string]bool{}
	for _, d := range facts.Diagnostics {
		files[d.File] = true
	}
	for _, f := range []string{"binary.tf", "huge.tf", "bad.tf.json", "terraform.tfvars", "labels.tf"} {
		if !files[f] {
			t.Errorf("no diagnostic for %s; got %v", f, facts.Diagnostics)
		}
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fsys := os.DirFS("testdata/realistic")
	if _, err := New().Extract(ctx, extract.Input{FS: fsys, Paths: wantedPaths(t, fsys)}); err == nil {
		t.Error("a cancelled extraction returned no error")
	}
}
