# Tests of the IAM controls. Nodes are from `seam graph internal/policy/library/testdata/aws --format json`
# (iam.tf) in the policy engine's input shape. admin allows "*" on "*"; deployer allows iam:PassRole on "*"
# and NotAction; ci is a user with an inline policy, an attached policy and an access key; the roles trust
# everyone (any_account), a partner with an ExternalId (partner), an account with no condition (cross), every
# service (svc), one GitHub repository (deploy) and every GitHub repository (any_repo). The password
# policies are strict and weak (the extractor withholds some of their numbers as "[redacted]").
package seam.controls.aws.iam_test

import rego.v1

import data.seam.controls.aws.iam_access_key
import data.seam.controls.aws.iam_admin_attached
import data.seam.controls.aws.iam_admin_policy
import data.seam.controls.aws.iam_escalation
import data.seam.controls.aws.iam_notaction
import data.seam.controls.aws.iam_passrole
import data.seam.controls.aws.iam_password_length
import data.seam.controls.aws.iam_password_policy
import data.seam.controls.aws.iam_password_reuse
import data.seam.controls.aws.iam_provider_credentials
import data.seam.controls.aws.iam_support_role
import data.seam.controls.aws.iam_trust_account
import data.seam.controls.aws.iam_trust_everyone
import data.seam.controls.aws.iam_trust_service_wildcard
import data.seam.controls.aws.iam_trust_web_identity
import data.seam.controls.aws.iam_user_attached_policy
import data.seam.controls.aws.iam_user_inline_policy

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

provider := {"id": "provider.aws", "kind": "account", "type": "provider.aws", "attrs": {"region": "eu-west-1"}, "out": [], "in": [], "neighbours": {}}

policies := [admin, deployer, user_policy, svc_policy, deploy]

roles := [any_account, partner, cross, svc, deploy, any_repo]

admin := {
	"id": "aws_iam_policy.admin",
	"kind": "grant",
	"type": "aws_iam_policy",
	"file": "iam.tf",
	"line": 3,
	"attrs": {"name": "admin", "policy": {"Statement": [{"Action": "*", "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

deployer := {
	"id": "aws_iam_policy.deployer",
	"kind": "grant",
	"type": "aws_iam_policy",
	"file": "iam.tf",
	"line": 11,
	"attrs": {"name": "deployer", "policy": {"Statement": [{"Action": ["iam:PassRole"], "Effect": "Allow", "Resource": "*"}, {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "references", "from": "aws_iam_user_policy_attachment.ci", "attrs": {"attribute": "policy_arn"}}],
	"neighbours": {
		"aws_iam_user_policy_attachment.ci": {"id": "aws_iam_user_policy_attachment.ci", "kind": "grant", "type": "aws_iam_user_policy_attachment", "attrs": {"policy_arn": {"$unknown": "aws_iam_policy.deployer.arn"}, "tags_all": {"owner": "platform"}, "user": "ci"}},
	},
}

user_policy := {
	"id": "aws_iam_user_policy.ci",
	"kind": "grant",
	"type": "aws_iam_user_policy",
	"file": "iam.tf",
	"line": 26,
	"attrs": {"name": "ci", "policy": {"Statement": [{"Action": ["s3:PutObject"], "Effect": "Allow", "Resource": [{"$unknown": "${aws_s3_bucket.logs.arn}/*"}]}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}, "user": "ci"},
	"out": [{"kind": "attached-to", "to": "aws_iam_user.ci", "attrs": {"attribute": "user"}}, {"kind": "references", "to": "data.aws_iam_policy_document.ci", "attrs": {"attribute": "policy"}}],
	"in": [],
	"neighbours": {
		"aws_iam_user.ci": {"id": "aws_iam_user.ci", "kind": "identity", "type": "aws_iam_user", "attrs": {"name": "ci", "tags_all": {"owner": "platform"}}},
		"data.aws_iam_policy_document.ci": {"id": "data.aws_iam_policy_document.ci", "kind": "grant", "type": "data.aws_iam_policy_document", "attrs": {"json": {"Statement": [{"Action": ["s3:PutObject"], "Effect": "Allow", "Resource": [{"$unknown": "${aws_s3_bucket.logs.arn}/*"}]}], "Version": "2012-10-17"}, "statement": [{"actions": ["s3:PutObject"], "resources": [{"$unknown": "${aws_s3_bucket.logs.arn}/*"}]}]}},
	},
}

user_attachment := {
	"id": "aws_iam_user_policy_attachment.ci",
	"kind": "grant",
	"type": "aws_iam_user_policy_attachment",
	"file": "iam.tf",
	"line": 39,
	"attrs": {"policy_arn": {"$unknown": "aws_iam_policy.deployer.arn"}, "tags_all": {"owner": "platform"}, "user": "ci"},
	"out": [{"kind": "attached-to", "to": "aws_iam_user.ci", "attrs": {"attribute": "user"}}, {"kind": "references", "to": "aws_iam_policy.deployer", "attrs": {"attribute": "policy_arn"}}],
	"in": [],
	"neighbours": {
		"aws_iam_policy.deployer": {"id": "aws_iam_policy.deployer", "kind": "grant", "type": "aws_iam_policy", "attrs": {"name": "deployer", "policy": {"Statement": [{"Action": ["iam:PassRole"], "Effect": "Allow", "Resource": "*"}, {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}}},
		"aws_iam_user.ci": {"id": "aws_iam_user.ci", "kind": "identity", "type": "aws_iam_user", "attrs": {"name": "ci", "tags_all": {"owner": "platform"}}},
	},
}

key := {
	"id": "aws_iam_access_key.ci",
	"kind": "identity",
	"type": "aws_iam_access_key",
	"file": "iam.tf",
	"line": 44,
	"attrs": {"tags_all": {"owner": "platform"}, "user": "ci"},
	"out": [{"kind": "uses-identity", "to": "aws_iam_user.ci", "attrs": {"attribute": "user"}}],
	"in": [],
	"neighbours": {
		"aws_iam_user.ci": {"id": "aws_iam_user.ci", "kind": "identity", "type": "aws_iam_user", "attrs": {"name": "ci", "tags_all": {"owner": "platform"}}},
	},
}

strict := {
	"id": "aws_iam_account_password_policy.strict",
	"kind": "resource",
	"type": "aws_iam_account_password_policy",
	"file": "iam.tf",
	"line": 48,
	"attrs": {"allow_users_to_change_password": true, "max_password_age": "[redacted]", "minimum_password_length": 14, "password_reuse_prevention": "[redacted]", "require_lowercase_characters": true, "require_numbers": true, "require_symbols": true, "require_uppercase_characters": true, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

weak := {
	"id": "aws_iam_account_password_policy.weak",
	"kind": "resource",
	"type": "aws_iam_account_password_policy",
	"file": "iam.tf",
	"line": 191,
	"attrs": {"minimum_password_length": 8, "password_reuse_prevention": "[redacted]", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

any_account := {
	"id": "aws_iam_role.any_account",
	"kind": "identity",
	"type": "aws_iam_role",
	"file": "iam.tf",
	"line": 59,
	"attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"AWS": "*"}}], "Version": "2012-10-17"}, "name": "any-account", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

partner := {
	"id": "aws_iam_role.partner",
	"kind": "identity",
	"type": "aws_iam_role",
	"file": "iam.tf",
	"line": 71,
	"attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "partner", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "uses-identity", "from": "aws_config_configuration_recorder.main", "attrs": {"attribute": "role_arn"}}, {"kind": "uses-identity", "from": "aws_ecs_task_definition.good", "attrs": {"attribute": "task_role_arn"}}, {"kind": "uses-identity", "from": "aws_eks_cluster.bad", "attrs": {"attribute": "role_arn"}}, {"kind": "uses-identity", "from": "aws_eks_cluster.good", "attrs": {"attribute": "role_arn"}}, {"kind": "uses-identity", "from": "aws_eks_node_group.ssh", "attrs": {"attribute": "node_role_arn"}}, {"kind": "uses-identity", "from": "aws_eks_node_group.workers", "attrs": {"attribute": "node_role_arn"}}, {"kind": "uses-identity", "from": "aws_lambda_function.bad", "attrs": {"attribute": "role"}}, {"kind": "uses-identity", "from": "aws_lambda_function.good", "attrs": {"attribute": "role"}}],
	"neighbours": {
		"aws_config_configuration_recorder.main": {"id": "aws_config_configuration_recorder.main", "kind": "logging", "type": "aws_config_configuration_recorder", "attrs": {"name": "default", "recording_group": [{"all_supported": true, "include_global_resource_types": true}], "role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "tags_all": {"owner": "platform"}}},
		"aws_ecs_task_definition.good": {"id": "aws_ecs_task_definition.good", "kind": "workload", "type": "aws_ecs_task_definition", "attrs": {"container_definitions": [{"image": "acme/api:1.4.2", "name": "api", "secrets": [{"name": "DB_PASSWORD", "valueFrom": {"$unknown": "aws_secretsmanager_secret.good.arn"}}]}], "family": "api", "tags_all": {"owner": "platform"}, "task_role_arn": {"$unknown": "aws_iam_role.partner.arn"}}},
		"aws_eks_cluster.bad": {"id": "aws_eks_cluster.bad", "kind": "cluster", "type": "aws_eks_cluster", "attrs": {"name": "legacy", "role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "tags_all": {"owner": "platform"}, "vpc_config": [{"endpoint_public_access": true, "subnet_ids": ["subnet-1", "subnet-2"]}]}},
		"aws_eks_cluster.good": {"id": "aws_eks_cluster.good", "kind": "cluster", "type": "aws_eks_cluster", "attrs": {"enabled_cluster_log_types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "encryption_config": [{"provider": [{"key_arn": {"$unknown": "aws_kms_key.good.arn"}}], "resources": ["secrets"]}], "name": "prod", "role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "tags_all": {"owner": "platform"}, "vpc_config": [{"endpoint_private_access": true, "endpoint_public_access": false, "subnet_ids": ["subnet-1", "subnet-2"]}]}},
		"aws_eks_node_group.ssh": {"id": "aws_eks_node_group.ssh", "kind": "host", "type": "aws_eks_node_group", "attrs": {"cluster_name": "legacy", "node_group_name": "ssh", "node_role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "remote_access": [{"ec2_ssh_key": "ops"}], "scaling_config": [{"desired_size": 1, "max_size": 1, "min_size": 1}], "subnet_ids": ["subnet-1"], "tags_all": {"owner": "platform"}}},
		"aws_eks_node_group.workers": {"id": "aws_eks_node_group.workers", "kind": "host", "type": "aws_eks_node_group", "attrs": {"cluster_name": "prod", "launch_template": [{"id": {"$unknown": "aws_launch_template.eks.id"}, "version": {"$unknown": "aws_launch_template.eks.latest_version"}}], "node_group_name": "workers", "node_role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "scaling_config": [{"desired_size": 2, "max_size": 3, "min_size": 1}], "subnet_ids": ["subnet-1"], "tags_all": {"owner": "platform"}}},
		"aws_lambda_function.bad": {"id": "aws_lambda_function.bad", "kind": "workload", "type": "aws_lambda_function", "attrs": {"environment": [{"variables": {"DB_PASSWORD": "[redacted]", "STRIPE_API_KEY": "[redacted]"}}], "filename": "legacy.zip", "function_name": "legacy", "handler": "index.handler", "role": {"$unknown": "aws_iam_role.partner.arn"}, "runtime": "nodejs14.x", "tags_all": {"owner": "platform"}}},
		"aws_lambda_function.good": {"id": "aws_lambda_function.good", "kind": "workload", "type": "aws_lambda_function", "attrs": {"environment": [{"variables": {"LOG_LEVEL": "info"}}], "filename": "rotate.zip", "function_name": "rotate", "handler": "main.handler", "kms_key_arn": {"$unknown": "aws_kms_key.good.arn"}, "role": {"$unknown": "aws_iam_role.partner.arn"}, "runtime": "python3.12", "tags_all": {"owner": "platform"}, "tracing_config": [{"mode": "Active"}]}},
	},
}

cross := {
	"id": "aws_iam_role.cross_no_condition",
	"kind": "identity",
	"type": "aws_iam_role",
	"file": "iam.tf",
	"line": 84,
	"attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "cross", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

svc := {
	"id": "aws_iam_role.svc_wildcard",
	"kind": "identity",
	"type": "aws_iam_role",
	"file": "iam.tf",
	"line": 96,
	"attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "*"}}], "Version": "2012-10-17"}, "name": "svc", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "attached-to", "from": "aws_iam_role_policy.svc", "attrs": {"attribute": "role"}}, {"kind": "attached-to", "from": "aws_iam_role_policy_attachment.svc_admin", "attrs": {"attribute": "role"}}],
	"neighbours": {
		"aws_iam_role_policy.svc": {"id": "aws_iam_role_policy.svc", "kind": "grant", "type": "aws_iam_role_policy", "attrs": {"name": "svc", "policy": {"Statement": [{"Action": "s3:*", "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"}, "role": "svc", "tags_all": {"owner": "platform"}}},
		"aws_iam_role_policy_attachment.svc_admin": {"id": "aws_iam_role_policy_attachment.svc_admin", "kind": "grant", "type": "aws_iam_role_policy_attachment", "attrs": {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess", "role": "svc", "tags_all": {"owner": "platform"}}},
	},
}

svc_admin := {
	"id": "aws_iam_role_policy_attachment.svc_admin",
	"kind": "grant",
	"type": "aws_iam_role_policy_attachment",
	"file": "iam.tf",
	"line": 108,
	"attrs": {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess", "role": "svc", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "attached-to", "to": "aws_iam_role.svc_wildcard", "attrs": {"attribute": "role"}}],
	"in": [],
	"neighbours": {
		"aws_iam_role.svc_wildcard": {"id": "aws_iam_role.svc_wildcard", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "*"}}], "Version": "2012-10-17"}, "name": "svc", "tags_all": {"owner": "platform"}}},
	},
}

svc_policy := {
	"id": "aws_iam_role_policy.svc",
	"kind": "grant",
	"type": "aws_iam_role_policy",
	"file": "iam.tf",
	"line": 113,
	"attrs": {"name": "svc", "policy": {"Statement": [{"Action": "s3:*", "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"}, "role": "svc", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "attached-to", "to": "aws_iam_role.svc_wildcard", "attrs": {"attribute": "role"}}],
	"in": [],
	"neighbours": {
		"aws_iam_role.svc_wildcard": {"id": "aws_iam_role.svc_wildcard", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "*"}}], "Version": "2012-10-17"}, "name": "svc", "tags_all": {"owner": "platform"}}},
	},
}

deploy := {
	"id": "aws_iam_role.deploy",
	"kind": "identity",
	"type": "aws_iam_role",
	"file": "iam.tf",
	"line": 123,
	"attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/infra:ref:refs/heads/main"}}, "Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}}], "Version": "2012-10-17"}, "inline_policy": [{"name": "escalate", "policy": {"Statement": [{"Action": ["iam:AttachRolePolicy", "iam:CreatePolicyVersion"], "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"}}], "managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "name": "deploy", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

any_repo := {
	"id": "aws_iam_role.any_repo",
	"kind": "identity",
	"type": "aws_iam_role",
	"file": "iam.tf",
	"line": 147,
	"attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}, "Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}}], "Version": "2012-10-17"}, "name": "any-repo", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

admins := {
	"id": "aws_iam_group_policy_attachment.admins",
	"kind": "grant",
	"type": "aws_iam_group_policy_attachment",
	"file": "iam.tf",
	"line": 164,
	"attrs": {"group": "admins", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "attached-to", "to": "aws_iam_group.admins", "attrs": {"attribute": "group"}}],
	"in": [],
	"neighbours": {
		"aws_iam_group.admins": {"id": "aws_iam_group.admins", "kind": "identity", "type": "aws_iam_group", "attrs": {"name": "admins", "tags_all": {"owner": "platform"}}},
	},
}

support := {
	"id": "aws_iam_role_policy_attachment.support",
	"kind": "grant",
	"type": "aws_iam_role_policy_attachment",
	"file": "iam.tf",
	"line": 182,
	"attrs": {"policy_arn": "arn:aws:iam::aws:policy/AWSSupportAccess", "role": "support", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "attached-to", "to": "aws_iam_role.support", "attrs": {"attribute": "role"}}],
	"in": [],
	"neighbours": {
		"aws_iam_role.support": {"id": "aws_iam_role.support", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}], "Version": "2012-10-17"}, "name": "support", "tags_all": {"owner": "platform"}}},
	},
}

test_admin_policy if {
	hits(iam_admin_policy.deny) == {["aws_iam_policy.admin", "policy.Statement[0]", false]} with input as {"nodes": policies}
	unknown := json.patch(svc_policy, [{"op": "replace", "path": "/attrs/policy", "value": {"$unknown": "var.policy"}}])
	hits(iam_admin_policy.deny) == {["aws_iam_role_policy.svc", "policy", true]} with input as {"nodes": [unknown]}
	# A policy written as a JSON string (a heredoc) is parsed.
	heredoc := json.patch(svc_policy, [{"op": "replace", "path": "/attrs/policy", "value": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}])
	hits(iam_admin_policy.deny) == {["aws_iam_role_policy.svc", "policy.Statement[0]", false]} with input as {"nodes": [heredoc]}
}

test_passrole if {
	hits(iam_passrole.deny) == {["aws_iam_policy.deployer", "policy.Statement[0]", false]} with input as {"nodes": policies}
	scoped := json.patch(deployer, [{"op": "replace", "path": "/attrs/policy/Statement/0/Resource", "value": "arn:aws:iam::123456789012:role/app"}])
	count(iam_passrole.deny) == 0 with input as {"nodes": [scoped]}
}

test_notaction if {
	hits(iam_notaction.deny) == {["aws_iam_policy.deployer", "policy.Statement[1]", false]} with input as {"nodes": policies}
}

test_escalation if {
	hits(iam_escalation.deny) == {["aws_iam_role.deploy", "inline_policy[0].policy.Statement[0]", false]} with input as {"nodes": policies}
}

test_admin_attached if {
	hits(iam_admin_attached.deny) == {
		["aws_iam_role_policy_attachment.svc_admin", "policy_arn", false],
		["aws_iam_group_policy_attachment.admins", "policy_arn", false],
	} with input as {"nodes": [svc_admin, admins, support, user_attachment, deploy]}
	unknown := json.patch(support, [{"op": "replace", "path": "/attrs/policy_arn", "value": {"$unknown": "var.policy_arn"}}])
	hits(iam_admin_attached.deny) == {["aws_iam_role_policy_attachment.support", "policy_arn", true]} with input as {"nodes": [unknown]}
}

test_user_inline_policy if {
	hits(iam_user_inline_policy.deny) == {["aws_iam_user_policy.ci", "user", false]} with input as {"nodes": [user_policy]}
	count(iam_user_inline_policy.deny) == 0 with input as {"nodes": []}
}

test_user_attached_policy if {
	hits(iam_user_attached_policy.deny) == {["aws_iam_user_policy_attachment.ci", "user", false]} with input as {"nodes": [user_attachment]}
	count(iam_user_attached_policy.deny) == 0 with input as {"nodes": [{"id": "aws_iam_policy_attachment.roles", "type": "aws_iam_policy_attachment", "attrs": {"roles": ["app"]}}]}
}

test_access_key if {
	hits(iam_access_key.deny) == {["aws_iam_access_key.ci", "user", false]} with input as {"nodes": [key]}
	count(iam_access_key.deny) == 0 with input as {"nodes": [json.patch(key, [{"op": "add", "path": "/attrs/status", "value": "Inactive"}])]}
	hits(iam_access_key.deny) == {["aws_iam_access_key.ci", "status", true]} with input as {"nodes": [json.patch(key, [{"op": "add", "path": "/attrs/status", "value": {"$unknown": "var.key_status"}}])]}
}

test_provider_credentials if {
	count(iam_provider_credentials.deny) == 0 with input as {"nodes": [provider]}
	static := json.patch(provider, [{"op": "add", "path": "/attrs/access_key", "value": "AKIAIOSFODNN7EXAMPLE"}, {"op": "add", "path": "/attrs/secret_key", "value": "[redacted]"}])
	hits(iam_provider_credentials.deny) == {["provider.aws", "access_key", false], ["provider.aws", "secret_key", false]} with input as {"nodes": [static]}
	from_var := json.patch(provider, [{"op": "add", "path": "/attrs/access_key", "value": {"$unknown": "var.access_key"}}])
	hits(iam_provider_credentials.deny) == {["provider.aws", "access_key", true]} with input as {"nodes": [from_var]}
}

test_password_policy if {
	hits(iam_password_policy.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider]}
	count(iam_password_policy.deny) == 0 with input as {"nodes": [provider, strict]}
}

test_password_length if {
	count(iam_password_length.deny) == 0 with input as {"nodes": [strict]}
	hits(iam_password_length.deny) == {["aws_iam_account_password_policy.weak", "minimum_password_length", false]} with input as {"nodes": [weak]}
	hits(iam_password_length.deny) == {["p", "minimum_password_length", true]} with input as {"nodes": [{"id": "p", "attrs": {"minimum_password_length": {"$unknown": "var.len"}}}]}
}

test_password_reuse if {
	# The extractor withholds password_reuse_prevention as "[redacted]": the result is unknown, never a pass.
	hits(iam_password_reuse.deny) == {["aws_iam_account_password_policy.strict", "password_reuse_prevention", true]} with input as {"nodes": [strict]}
	hits(iam_password_reuse.deny) == {["p", "password_reuse_prevention", false]} with input as {"nodes": [{"id": "p", "attrs": {"password_reuse_prevention": 3}}]}
	count(iam_password_reuse.deny) == 0 with input as {"nodes": [{"id": "p", "attrs": {"password_reuse_prevention": 24}}]}
}

test_trust_everyone if {
	hits(iam_trust_everyone.deny) == {["aws_iam_role.any_account", "assume_role_policy.Statement[0]", false]} with input as {"nodes": roles}
	org := json.patch(any_account, [{"op": "add", "path": "/attrs/assume_role_policy/Statement/0/Condition", "value": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}])
	count(iam_trust_everyone.deny) == 0 with input as {"nodes": [org]}
	unknown := json.patch(any_account, [{"op": "replace", "path": "/attrs/assume_role_policy", "value": {"$unknown": "var.trust"}}])
	hits(iam_trust_everyone.deny) == {["aws_iam_role.any_account", "assume_role_policy", true]} with input as {"nodes": [unknown]}
}

test_trust_account if {
	hits(iam_trust_account.deny) == {["aws_iam_role.cross_no_condition", "assume_role_policy.Statement[0]", false]} with input as {"nodes": roles}
	unknown := json.patch(cross, [{"op": "replace", "path": "/attrs/assume_role_policy/Statement/0/Principal/AWS", "value": {"$unknown": "var.partner_account"}}])
	hits(iam_trust_account.deny) == {["aws_iam_role.cross_no_condition", "assume_role_policy.Statement[0]", true]} with input as {"nodes": [unknown]}
}

test_trust_service_wildcard if {
	hits(iam_trust_service_wildcard.deny) == {["aws_iam_role.svc_wildcard", "assume_role_policy.Statement[0]", false]} with input as {"nodes": roles}
}

test_trust_web_identity if {
	hits(iam_trust_web_identity.deny) == {["aws_iam_role.any_repo", "assume_role_policy.Statement[0]", false]} with input as {"nodes": roles}
	star := json.patch(deploy, [{"op": "replace", "path": "/attrs/assume_role_policy/Statement/0/Condition/StringLike/token.actions.githubusercontent.com:sub", "value": "*"}])
	hits(iam_trust_web_identity.deny) == {["aws_iam_role.deploy", "assume_role_policy.Statement[0]", false]} with input as {"nodes": [star]}
}

test_support_role if {
	hits(iam_support_role.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider, svc_admin]}
	count(iam_support_role.deny) == 0 with input as {"nodes": [provider, support]}
}

test_passrole_unknown if {
	unknown := json.patch(deployer, [{"op": "replace", "path": "/attrs/policy", "value": {"$unknown": "data.aws_iam_policy_document.deployer.json"}}])
	hits(iam_passrole.deny) == {["aws_iam_policy.deployer", "policy", true]} with input as {"nodes": [unknown]}
}

test_notaction_unknown if {
	unknown := json.patch(deployer, [{"op": "replace", "path": "/attrs/policy", "value": {"$unknown": "var.policy"}}])
	hits(iam_notaction.deny) == {["aws_iam_policy.deployer", "policy", true]} with input as {"nodes": [unknown]}
}

test_escalation_unknown if {
	unknown := json.patch(deploy, [{"op": "replace", "path": "/attrs/inline_policy/0/policy", "value": {"$unknown": "var.policy"}}])
	hits(iam_escalation.deny) == {["aws_iam_role.deploy", "inline_policy[0].policy", true]} with input as {"nodes": [unknown]}
}

test_provider_credentials_unknown if {
	from_var := json.patch(provider, [{"op": "add", "path": "/attrs/secret_key", "value": {"$unknown": "var.secret_key"}}])
	hits(iam_provider_credentials.deny) == {["provider.aws", "secret_key", true]} with input as {"nodes": [from_var]}
}
