package aws

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// db is an RDS instance; managed makes AWS keep its master password in a secret of its own.
func db(name string, managed bool) string {
	m := ""
	if managed {
		m = "\n  manage_master_user_password = true"
	}
	return `
resource "aws_db_instance" "` + name + `" {
  identifier     = "` + name + `"
  engine         = "postgres"
  instance_class = "db.t4g.small"
  username       = "admin_user"` + m + `
}
`
}

const (
	legacySecret = `
resource "aws_secretsmanager_secret" "legacy" {
  name = "legacy-db"
}

resource "aws_secretsmanager_secret_version" "legacy" {
  secret_id     = aws_secretsmanager_secret.legacy.id
  secret_string = jsonencode({ host = aws_db_instance.billing.address, password = var.db_password })
}

variable "db_password" {
  type      = string
  sensitive = true
}
`
	passwordFromSecret = `
resource "aws_secretsmanager_secret" "app" {
  name = "app-db"
}

data "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
}

resource "aws_db_instance" "app" {
  identifier     = "app"
  engine         = "mysql"
  instance_class = "db.t4g.small"
  username       = "app"
  password       = jsondecode(data.aws_secretsmanager_secret_version.app.secret_string)["password"]
}
`
	passwordParameter = `
resource "aws_ssm_parameter" "billing_password" {
  name  = "/billing/db/password"
  type  = "SecureString"
  value = aws_db_instance.billing.password
}
`
	unrelatedSecret = `
resource "aws_secretsmanager_secret" "other" {
  name = "webhook-token"
}
`
)

func TestSecretDatabase(t *testing.T) {
	// No network path is known to the database: the attacker is assumed to reach it (0.7), and its user to
	// read and write (0.9): 0.85 × 0.7 × 0.9.
	const l = 0.536
	for _, tc := range []struct {
		name  string
		files string
		store string
		want  []got
	}{
		{"a secret version that names the database", db("billing", false) + legacySecret, "aws_secretsmanager_secret.legacy", []got{
			{"read(aws_db_instance.billing)", l, "db-credentials:aws_secretsmanager_secret.legacy", "main.tf:20", 2},
			{"write(aws_db_instance.billing)", l, "db-credentials:aws_secretsmanager_secret.legacy", "main.tf:20", 2}}},
		{"a database whose password the secret gives", passwordFromSecret, "aws_secretsmanager_secret.app", []got{
			{"read(aws_db_instance.app)", l, "db-credentials:aws_secretsmanager_secret.app", "main.tf:20", 2},
			{"write(aws_db_instance.app)", l, "db-credentials:aws_secretsmanager_secret.app", "main.tf:20", 2}}},
		{"a parameter holding the password", db("billing", false) + passwordParameter, "aws_ssm_parameter.billing_password", []got{
			{"read(aws_db_instance.billing)", l, "db-credentials:aws_ssm_parameter.billing_password", "main.tf:17", 2},
			{"write(aws_db_instance.billing)", l, "db-credentials:aws_ssm_parameter.billing_password", "main.tf:17", 2}}},
		{"a secret with nothing of the database", db("billing", false) + unrelatedSecret, "aws_secretsmanager_secret.other", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tfGraph(t, map[string]string{"main.tf": provider + tc.files})
			if diff := cmp.Diff(tc.want, run(g, secretDatabase{}, st(paths.Read, tc.store))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

// A workload that connects to the database with credentials from the secret, and the network reach to it.
func TestSecretDatabaseConnection(t *testing.T) {
	s := &sys{}
	s.node("secret", model.KindDataStore, "aws_secretsmanager_secret", "orders-db", nil)
	s.node("db", model.KindDataStore, "aws_rds_cluster", "orders", nil)
	s.node("svc", model.KindWorkload, "aws_ecs_service", "orders", nil)
	s.node("bucket", model.KindDataStore, "aws_s3_bucket", "docs", nil)
	s.edge("svc", model.EdgeConnectsTo, "db", map[string]any{"credentials_from": "secret"})
	s.edge("svc", model.EdgeNetworkReach, "db", nil)
	g := s.graph()
	// The network admits the service: 0.85 × 0.9 × 0.9.
	want := []got{{"read(db)", 0.689, "db-credentials:secret", "main.tf:1", 2}, {"write(db)", 0.689, "db-credentials:secret", "main.tf:1", 2}}
	if diff := cmp.Diff(want, run(g, secretDatabase{}, st(paths.Read, "secret"))); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	if got := run(g, secretDatabase{}, st(paths.Read, "bucket")); got != nil {
		t.Errorf("a bucket is no secret store: %v", got)
	}
}

// reader is a role whose policy reads secrets as resource says (HCL).
func reader(resource string) string {
	return role("reader", "ec2.amazonaws.com", false) + `
resource "aws_iam_role_policy" "reader" {
  name   = "reader"
  role   = aws_iam_role.reader.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = ` + resource + ` }] })
}
`
}

func TestMasterSecret(t *testing.T) {
	const narrow = "narrow:aws_iam_role_policy.reader"
	// The evidence starts with the granting statement (the reader's policy, after the databases).
	both := func(db string, line string, l float64, assumes int) []got {
		return []got{{"read(" + db + ")", l, narrow, "main.tf:" + line, assumes}, {"write(" + db + ")", l, narrow, "main.tf:" + line, assumes}}
	}
	for _, tc := range []struct {
		name  string
		files string
		want  []got
	}{
		// 0.85 × 0.7 (no network path known).
		{"the grant names the database's master secret", db("billing", true) + db("analytics", true) + reader("aws_db_instance.billing.master_user_secret[0].secret_arn"),
			both("aws_db_instance.billing", "31", 0.595, 1)},
		{"every RDS master secret", db("billing", true) + reader(`"arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!*"`),
			both("aws_db_instance.billing", "23", 0.595, 1)},
		{"a secret ARN from a variable: may be it, assumed and halved", db("billing", true) + reader("var.secret_arn") + "\nvariable \"secret_arn\" {\n  type = string\n}\n",
			both("aws_db_instance.billing", "23", 0.298, 2)},
		{"a database that keeps its own password", db("billing", false) + reader(`"*"`), nil},
		{"secrets of another name", db("billing", true) + reader(`"arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-*"`), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tfGraph(t, map[string]string{"main.tf": provider + tc.files})
			if diff := cmp.Diff(tc.want, run(g, masterSecret{}, st(paths.Creds, "aws_iam_role.reader"))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStoredAccessKey(t *testing.T) {
	key := user("ops", `
resource "aws_iam_access_key" "ops" {
  user = aws_iam_user.ops.name
}
`)
	for _, tc := range []struct {
		name  string
		files string
		store string
		want  []got
	}{
		{"a parameter with the key's secret", key + `
resource "aws_ssm_parameter" "ops_key" {
  name  = "/ci/ops/secret_access_key"
  type  = "SecureString"
  value = aws_iam_access_key.ops.secret
}
`, "aws_ssm_parameter.ops_key", []got{{"creds(aws_iam_user.ops)", 0, "stored-key:aws_iam_access_key.ops", "main.tf:18", 0}}},
		{"a secret version with the key", key + `
resource "aws_secretsmanager_secret" "ops" {
  name = "ops-key"
}

resource "aws_secretsmanager_secret_version" "ops" {
  secret_id     = aws_secretsmanager_secret.ops.id
  secret_string = jsonencode({ id = aws_iam_access_key.ops.id, secret = aws_iam_access_key.ops.secret })
}
`, "aws_secretsmanager_secret.ops", []got{{"creds(aws_iam_user.ops)", 0, "stored-key:aws_iam_access_key.ops", "main.tf:21", 0}}},
		{"an object of a bucket with a credentials file", key + `
resource "aws_s3_bucket" "cfg" {
  bucket = "ci-config"
}

resource "aws_s3_object" "creds" {
  bucket  = aws_s3_bucket.cfg.id
  key     = "ci/credentials"
  content = "[default]\naws_access_key_id=${aws_iam_access_key.ops.id}\naws_secret_access_key=${aws_iam_access_key.ops.secret}\n"
}
`, "aws_s3_bucket.cfg", []got{{"creds(aws_iam_user.ops)", 0, "stored-key:aws_iam_access_key.ops", "main.tf:22", 0}}},
		{"a parameter with something else", key + `
resource "aws_ssm_parameter" "region" {
  name  = "/ci/region"
  type  = "String"
  value = "eu-west-1"
}
`, "aws_ssm_parameter.region", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tfGraph(t, map[string]string{"main.tf": provider + tc.files})
			if diff := cmp.Diff(tc.want, run(g, storedAccessKey{}, st(paths.Read, tc.store))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}
