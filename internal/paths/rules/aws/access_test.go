package aws

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// appRole is a role whose inline policy is the given statements (HCL list elements), with a bucket, a
// DynamoDB table and a secret for them to name.
func appRole(statements string) map[string]string {
	return map[string]string{"main.tf": provider + `
resource "aws_s3_bucket" "docs" {
  bucket = "docs"
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_secretsmanager_secret" "api_key" {
  name = "api-key"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "app" {
  name = "app"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [` + statements + `]
  })
}
`}
}

func TestIAMAccess(t *testing.T) {
	const (
		bucket = "aws_s3_bucket.docs"
		narrow = "narrow:aws_iam_role_policy.app"
	)
	for _, tc := range []struct {
		name       string
		statements string
		rule       paths.Rule
		want       []got
	}{
		{"read of objects is read of the bucket", `{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "${aws_s3_bucket.docs.arn}/*" }`,
			iamAccess{}, []got{{"read(" + bucket + ")", 0.9, narrow, "main.tf:32", 0}}},
		{"a put is a write", `{ Effect = "Allow", Action = ["s3:PutObject"], Resource = "${aws_s3_bucket.docs.arn}/*" }`,
			iamAccess{}, []got{{"write(" + bucket + ")", 0.9, narrow, "main.tf:32", 0}}},
		{"s3:* is admin: read and write", `{ Effect = "Allow", Action = ["s3:*"], Resource = [aws_s3_bucket.docs.arn, "${aws_s3_bucket.docs.arn}/*"] }`,
			iamAccess{}, []got{{"read(" + bucket + ")", 0.9, narrow, "main.tf:32", 0}, {"write(" + bucket + ")", 0.9, narrow, "main.tf:32", 0}}},
		{"listing is neither", `{ Effect = "Allow", Action = ["s3:ListBucket"], Resource = aws_s3_bucket.docs.arn }`,
			iamAccess{}, nil},
		{"rewriting the bucket policy is a write", `{ Effect = "Allow", Action = ["s3:PutBucketPolicy"], Resource = aws_s3_bucket.docs.arn }`,
			iamAccess{}, []got{{"write(" + bucket + ")", 0.9, narrow, "main.tf:32", 0}}},
		{"part of the bucket: lower, and said", `{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "${aws_s3_bucket.docs.arn}/invoices/*" }`,
			iamAccess{}, []got{{"read(" + bucket + ")", 0.81, narrow, "main.tf:32", 1}}},
		{"an explicit deny wins", `{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }, { Effect = "Deny", Action = ["s3:*"], Resource = "*" }`,
			iamAccess{}, nil},
		{"a condition the files cannot decide: assumed, lower", `{ Effect = "Allow", Action = ["dynamodb:GetItem"], Resource = aws_dynamodb_table.orders.arn, Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1" } } }`,
			iamAccess{}, []got{{"read(aws_dynamodb_table.orders)", 0.72, narrow, "main.tf:32", 1}}},
		{"secrets are the secrets rule's", `{ Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = aws_secretsmanager_secret.api_key.arn }`,
			iamAccess{}, nil},
		{"the secrets rule reads them", `{ Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = aws_secretsmanager_secret.api_key.arn }`,
			iamAccess{secrets: true}, []got{{"read(aws_secretsmanager_secret.api_key)", 0.9, narrow, "main.tf:32", 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tfGraph(t, appRole(tc.statements))
			if diff := cmp.Diff(tc.want, run(g, tc.rule, st(paths.Creds, "aws_iam_role.app"))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

// A partial grant says which part it covers, from the granting statement's resources.
func TestIAMAccessNamesThePart(t *testing.T) {
	g := tfGraph(t, appRole(`{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "${aws_s3_bucket.docs.arn}/invoices/*" }`))
	ss := steps(g, iamAccess{}, st(paths.Creds, "aws_iam_role.app"))
	if len(ss) != 1 || !strings.Contains(ss[0].Reason, "arn:aws:s3:::docs/invoices/*") {
		t.Errorf("the reason must name the part: %+v", ss)
	}
}

// Kubernetes RBAC can edges are not IAM grants.
func TestIAMAccessIgnoresRBAC(t *testing.T) {
	s := &sys{}
	s.node("sa", model.KindIdentity, "ServiceAccount", "api", nil)
	s.node("secret", model.KindDataStore, "Secret", "db", nil)
	s.edge("sa", model.EdgeCan, "secret", map[string]any{"method": "rbac", "access": []any{"read"}})
	if got := run(s.graph(), iamAccess{}, st(paths.Creds, "sa")); got != nil {
		t.Errorf("got %v from an RBAC grant", got)
	}
}

// trustSystem is a user allowed sts:AssumeRole on every role, and two roles: one whose trust names the user,
// one whose trust names another account.
const trustSystem = provider + `
resource "aws_iam_user" "dev" {
  name = "dev"
}

resource "aws_iam_user_policy" "dev" {
  name   = "assume"
  user   = aws_iam_user.dev.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "*" }] })
}

resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = aws_iam_user.dev.arn } }]
  })
}

resource "aws_iam_role" "partner" {
  name = "partner"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::999999999999:root" } }]
  })
}
`

func TestAssumeRole(t *testing.T) {
	g := tfGraph(t, map[string]string{"main.tf": trustSystem})
	want := []got{{"creds(aws_iam_role.deploy)", 0.9, "trust:aws_iam_role.deploy", "main.tf:17", 0}}
	if diff := cmp.Diff(want, run(g, assumeRole{}, st(paths.Creds, "aws_iam_user.dev"))); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
}

// admins is a user with the given grants (HCL resources attached to aws_iam_user.u).
func admins(grants string, withProvider bool) map[string]string {
	p := provider
	if !withProvider {
		p = ""
	}
	return map[string]string{"main.tf": p + `
resource "aws_iam_user" "u" {
  name = "u"
}
` + grants}
}

func attach(policy string) string {
	return `
resource "aws_iam_user_policy_attachment" "u" {
  user       = aws_iam_user.u.name
  policy_arn = "arn:aws:iam::aws:policy/` + policy + `"
}
`
}

func inline(statements string) string {
	return `
resource "aws_iam_user_policy" "u" {
  name   = "u"
  user   = aws_iam_user.u.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [` + statements + `] })
}
`
}

// A role of another account that a bucket policy names is outside the files: the model lets its own policies
// allow anything (for the bucket's sake), which makes it no administrator here.
func TestAdminIdentityOutsideTheScan(t *testing.T) {
	g := tfGraph(t, map[string]string{"main.tf": provider + `
resource "aws_s3_bucket" "shared" {
  bucket = "shared"
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject",
    Principal = { AWS = "arn:aws:iam::999988887777:role/partner" }, Resource = "${aws_s3_bucket.shared.arn}/*" }] })
}
`})
	partner := "arn:aws:iam::999988887777:role/partner"
	if _, ok := g.Node(partner); !ok {
		t.Fatalf("the access builder made no node for the partner role")
	}
	if got := run(g, adminIdentity{}, st(paths.Creds, partner)); got != nil {
		t.Errorf("an outside principal is no administrator of this account: %v", got)
	}
}

func TestAdminIdentity(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		want     []got
		evidence string
	}{
		{"AdministratorAccess", admins(attach("AdministratorAccess"), true), []got{{"admin(provider.aws)", 0.95, "narrow:aws_iam_user_policy_attachment.u", "main.tf:11", 0}}, ""},
		{"iam:* on *", admins(inline(`{ Effect = "Allow", Action = "iam:*", Resource = "*" }`), true), []got{{"admin(provider.aws)", 0.95, "narrow:aws_iam_user_policy.u", "main.tf:11", 0}}, ""},
		{"PowerUserAccess keeps IAM out", admins(attach("PowerUserAccess"), true), nil, ""},
		{"* on * but a Deny of iam:*", admins(inline(`{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", Action = "iam:*", Resource = "*" }`), true), nil, ""},
		{"iam:* on some roles only", admins(inline(`{ Effect = "Allow", Action = "iam:*", Resource = "arn:aws:iam::111122223333:role/app-*" }`), true), nil, ""},
		{"no account node: the identity itself", admins(attach("AdministratorAccess"), false), []got{{"admin(aws_iam_user.u)", 0.76, "narrow:aws_iam_user_policy_attachment.u", "main.tf:6", 1}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tfGraph(t, tc.files)
			if diff := cmp.Diff(tc.want, run(g, adminIdentity{}, st(paths.Creds, "aws_iam_user.u"))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}
