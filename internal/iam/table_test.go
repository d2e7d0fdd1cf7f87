package iam

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTableServices checks that the table covers every service Seam models.
func TestTableServices(t *testing.T) {
	want := []string{"cloudtrail", "dynamodb", "ec2", "ecr", "ecs", "eks", "elasticfilesystem", "iam", "kinesis", "kms",
		"lambda", "logs", "rds", "rds-db", "s3", "secretsmanager", "sns", "sqs", "ssm", "sts"}
	if diff := cmp.Diff(want, Services()); diff != "" {
		t.Errorf("Services (-want +got):\n%s", diff)
	}
}

// TestTableWellFormed checks the curated text: every line parses, no action twice, and every resource type
// an action names is one ResourceTypeOf can recognise from an ARN (else no resource could ever get it).
func TestTableWellFormed(t *testing.T) {
	if _, err := buildTable(serviceTables()); err != nil {
		t.Fatal(err)
	}
	recognised := map[string]bool{}
	for _, r := range resourceTypeRules {
		recognised[r.svc+":"+r.typ] = true
	}
	for _, svc := range Services() {
		for _, a := range Actions(svc) {
			for _, rt := range a.Resources {
				if !recognised[rt] && !unrecognisedTypes[rt] {
					t.Errorf("%s names resource type %q, which no ARN rule recognises", a, rt)
				}
			}
		}
	}
	if _, err := buildTable([]serviceTable{{service: "x", arn: "x", text: "Foo Q bucket"}}); err == nil {
		t.Error("a bad level letter must fail the table")
	}
	if _, err := buildTable([]serviceTable{{service: "x", arn: "x", text: "Foo R a\nfoo W b"}}); err == nil {
		t.Error("an action listed twice (in any case) must fail the table")
	}
}

// unrecognisedTypes are resource types the table names whose ARNs Seam does not model (no rule needed).
var unrecognisedTypes = map[string]bool{"s3-object-lambda:objectlambdaaccesspoint": true}

// escalationActions are the actions the known AWS privilege-escalation techniques use, with their access
// level and a resource type (AWS Service Authorization Reference).
var escalationActions = []struct {
	action string
	level  Level
	typ    string
}{
	{"iam:PassRole", LevelWrite, "iam:role"},
	{"iam:CreatePolicyVersion", LevelPermissions, "iam:policy"},
	{"iam:SetDefaultPolicyVersion", LevelPermissions, "iam:policy"},
	{"iam:AttachUserPolicy", LevelPermissions, "iam:user"},
	{"iam:AttachGroupPolicy", LevelPermissions, "iam:group"},
	{"iam:AttachRolePolicy", LevelPermissions, "iam:role"},
	{"iam:PutUserPolicy", LevelPermissions, "iam:user"},
	{"iam:PutGroupPolicy", LevelPermissions, "iam:group"},
	{"iam:PutRolePolicy", LevelPermissions, "iam:role"},
	{"iam:UpdateAssumeRolePolicy", LevelPermissions, "iam:role"},
	{"iam:CreateAccessKey", LevelWrite, "iam:user"},
	{"iam:CreateLoginProfile", LevelWrite, "iam:user"},
	{"iam:UpdateLoginProfile", LevelWrite, "iam:user"},
	{"iam:AddUserToGroup", LevelWrite, "iam:group"},
	{"iam:DeleteRolePermissionsBoundary", LevelPermissions, "iam:role"},
	{"lambda:CreateFunction", LevelWrite, "lambda:function"},
	{"lambda:UpdateFunctionCode", LevelWrite, "lambda:function"},
	{"lambda:InvokeFunction", LevelWrite, "lambda:function"},
	{"lambda:AddPermission", LevelPermissions, "lambda:function"},
	{"ec2:RunInstances", LevelWrite, "ec2:instance"},
	{"ec2:AssociateIamInstanceProfile", LevelWrite, "ec2:instance"},
	{"ec2:ModifyInstanceMetadataOptions", LevelWrite, "ec2:instance"},
	{"ec2:AuthorizeSecurityGroupIngress", LevelWrite, "ec2:security-group"},
	{"ec2:CreateSnapshot", LevelWrite, "ec2:volume"},
	{"ec2:ModifySnapshotAttribute", LevelPermissions, "ec2:snapshot"},
	{"ecs:RunTask", LevelWrite, "ecs:task-definition"},
	{"ecs:RegisterTaskDefinition", LevelWrite, ""},
	{"ssm:SendCommand", LevelWrite, "ec2:instance"},
	{"ssm:StartSession", LevelWrite, "ec2:instance"},
	{"ssm:GetParameter", LevelRead, "ssm:parameter"},
	{"sts:AssumeRole", LevelWrite, "iam:role"},
	{"sts:AssumeRoleWithWebIdentity", LevelWrite, "iam:role"},
	{"sts:AssumeRoleWithSAML", LevelWrite, "iam:role"},
	{"secretsmanager:GetSecretValue", LevelRead, "secretsmanager:secret"},
	{"kms:Decrypt", LevelWrite, "kms:key"},
	{"kms:CreateGrant", LevelPermissions, "kms:key"},
	{"kms:PutKeyPolicy", LevelPermissions, "kms:key"},
	{"s3:GetObject", LevelRead, "s3:object"},
	{"s3:ListBucket", LevelList, "s3:bucket"},
	{"s3:PutBucketPolicy", LevelPermissions, "s3:bucket"},
	{"rds-db:connect", LevelPermissions, "rds-db:dbuser"},
	{"eks:AccessKubernetesApi", LevelRead, "eks:cluster"},
	{"cloudtrail:StopLogging", LevelWrite, "cloudtrail:trail"},
	{"dynamodb:Scan", LevelRead, "dynamodb:table"},
	{"ecr:BatchGetImage", LevelRead, "ecr:repository"},
	{"sqs:ReceiveMessage", LevelRead, "sqs:queue"},
	{"sns:Publish", LevelWrite, "sns:topic"},
	{"kinesis:GetRecords", LevelRead, "kinesis:stream"},
	{"elasticfilesystem:ClientRootAccess", LevelWrite, "elasticfilesystem:file-system"},
	{"logs:GetLogEvents", LevelRead, "logs:log-stream"},
	{"eks:CreateAccessEntry", LevelWrite, "eks:cluster"},
}

// TestPrivilegeEscalationActions checks the actions the known AWS privilege-escalation techniques use, with
// their access level and resource type (AWS Service Authorization Reference).
func TestPrivilegeEscalationActions(t *testing.T) {
	for _, tt := range escalationActions {
		a, ok := LookupAction(strings.ToUpper(tt.action[:1]) + tt.action[1:]) // lookups ignore case
		if !ok {
			t.Errorf("%s is not in the table", tt.action)
			continue
		}
		if a.Level != tt.level {
			t.Errorf("%s: level %s, want %s", tt.action, a.Level, tt.level)
		}
		if tt.typ == "" && len(a.Resources) != 0 || tt.typ != "" && !containsString(a.Resources, tt.typ) {
			t.Errorf("%s: resource types %v, want %q among them", tt.action, a.Resources, tt.typ)
		}
	}
}

func TestExpandAction(t *testing.T) {
	names := func(as []ActionInfo) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.String())
		}
		return out
	}
	// s3:Get* on objects: the object reads, not the bucket configuration reads.
	got := names(ExpandAction("s3:Get*", "s3:object"))
	want := []string{"s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectAttributes", "s3:GetObjectLegalHold",
		"s3:GetObjectRetention", "s3:GetObjectTagging", "s3:GetObjectTorrent", "s3:GetObjectVersion",
		"s3:GetObjectVersionAcl", "s3:GetObjectVersionAttributes", "s3:GetObjectVersionForReplication",
		"s3:GetObjectVersionTagging", "s3:GetObjectVersionTorrent"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ExpandAction(s3:Get*, s3:object) (-want +got):\n%s", diff)
	}
	// iam:*RolePolicy on roles: the role's policy actions, attach, put and delete alike, and
	// UpdateAssumeRolePolicy, whose name ends the same way (a trap of such patterns).
	got = names(ExpandAction("IAM:*rolepolicy", "iam:role"))
	want = []string{"iam:AttachRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:GetRolePolicy",
		"iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ExpandAction(IAM:*rolepolicy, iam:role) (-want +got):\n%s", diff)
	}
	// sts:AssumeRole* on roles: the three ways to assume a role.
	got = names(ExpandAction("sts:AssumeRole*", "iam:role"))
	want = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ExpandAction(sts:AssumeRole*, iam:role) (-want +got):\n%s", diff)
	}
	if got := ExpandAction("s3:Get*", "no:such-type"); got != nil {
		t.Errorf("unknown type expands to %v", got)
	}
	if n := len(ExpandAction("*", "")); n != len(table().actions) {
		t.Errorf("* expands to %d actions, the table has %d", n, len(table().actions))
	}
}

func TestResourceTypeOf(t *testing.T) {
	tests := []struct{ arn, want string }{
		{"arn:aws:s3:::docs", "s3:bucket"},
		{"arn:aws:s3:::docs/*", "s3:object"},
		{"arn:aws:s3:::docs/a/b.pdf", "s3:object"},
		{"arn:aws:s3:eu-west-1:123456789012:accesspoint/ap", "s3:accesspoint"},
		{"arn:aws:iam::123456789012:role/path/app", "iam:role"},
		{"arn:aws:iam::123456789012:user/alice", "iam:user"},
		{"arn:aws:iam::aws:policy/AdministratorAccess", "iam:policy"},
		{"arn:aws:kms:eu-west-1:123456789012:key/${aws_kms_key.documents.key_id}", "kms:key"},
		{"arn:aws:kms:eu-west-1:123456789012:alias/docs", "kms:alias"},
		{"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf", "secretsmanager:secret"},
		{"arn:aws:ssm:eu-west-1:123456789012:parameter/app/db", "ssm:parameter"},
		{"arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "dynamodb:table"},
		{"arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/by-user", "dynamodb:index"},
		{"arn:aws:rds:eu-west-1:123456789012:db:orders", "rds:db"},
		{"arn:aws:rds-db:eu-west-1:123456789012:dbuser:db-ABC/app", "rds-db:dbuser"},
		{"arn:aws:lambda:eu-west-1:123456789012:function:thumbs", "lambda:function"},
		{"arn:aws:lambda:eu-west-1:123456789012:function:thumbs:live", "lambda:function"},
		{"arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc", "ec2:instance"},
		{"arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1", "ec2:security-group"},
		{"arn:aws:eks:eu-west-1:123456789012:cluster/prod", "eks:cluster"},
		{"arn:aws:ecs:eu-west-1:123456789012:task-definition/api:3", "ecs:task-definition"},
		{"arn:aws:ecr:eu-west-1:123456789012:repository/webshop/api", "ecr:repository"},
		{"arn:aws:logs:eu-west-1:123456789012:log-group:/app", "logs:log-group"},
		{"arn:aws:logs:eu-west-1:123456789012:log-group:/app:log-stream:x", "logs:log-stream"},
		{"arn:aws:cloudtrail:eu-west-1:123456789012:trail/main", "cloudtrail:trail"},
		{"arn:aws:sqs:eu-west-1:123456789012:jobs", "sqs:queue"},
		{"arn:aws:sns:eu-west-1:123456789012:alerts", "sns:topic"},
		{"arn:aws:kinesis:eu-west-1:123456789012:stream/clicks", "kinesis:stream"},
		{"arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1", "elasticfilesystem:file-system"},
		{"arn:aws:glue:eu-west-1:123456789012:database/x", ""}, // not a service of the table
		{"*", ""},
		{"not an arn", ""},
	}
	for _, tt := range tests {
		if got := ResourceTypeOf(tt.arn); got != tt.want {
			t.Errorf("ResourceTypeOf(%q) = %q, want %q", tt.arn, got, tt.want)
		}
	}
}
