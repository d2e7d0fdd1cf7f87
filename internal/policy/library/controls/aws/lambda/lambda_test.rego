# Tests of the Lambda controls. Nodes are from `seam graph internal/policy/library/testdata/aws --format json`
# (compute.tf) in the policy engine's input shape: good is traced, on python3.12, with no secrets; bad runs
# nodejs14.x with a password and an API key in its environment (redacted by the extractor, still literals),
# a function URL without authentication and a permission for principal "*".
package seam.controls.aws.lambda_test

import rego.v1

import data.seam.controls.aws.lambda_env_secrets
import data.seam.controls.aws.lambda_public_permission
import data.seam.controls.aws.lambda_runtime
import data.seam.controls.aws.lambda_tracing
import data.seam.controls.aws.lambda_url_auth

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

good := {
	"id": "aws_lambda_function.good",
	"kind": "workload",
	"type": "aws_lambda_function",
	"file": "compute.tf",
	"line": 2,
	"attrs": {"environment": [{"variables": {"LOG_LEVEL": "info"}}], "filename": "rotate.zip", "function_name": "rotate", "handler": "main.handler", "kms_key_arn": {"$unknown": "aws_kms_key.good.arn"}, "role": {"$unknown": "aws_iam_role.partner.arn"}, "runtime": "python3.12", "tags_all": {"owner": "platform"}, "tracing_config": [{"mode": "Active"}]},
	"out": [{"kind": "protected-by", "to": "aws_kms_key.good", "attrs": {"attribute": "kms_key_arn"}}, {"kind": "uses-identity", "to": "aws_iam_role.partner", "attrs": {"attribute": "role"}}],
	"in": [{"kind": "references", "from": "aws_secretsmanager_secret_rotation.good", "attrs": {"attribute": "rotation_lambda_arn"}}],
	"neighbours": {
		"aws_iam_role.partner": {"id": "aws_iam_role.partner", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "partner", "tags_all": {"owner": "platform"}}},
		"aws_kms_key.good": {"id": "aws_kms_key.good", "kind": "key", "type": "aws_kms_key", "attrs": {"description": "records", "enable_key_rotation": true, "policy": {"Statement": [{"Action": "kms:*", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Resource": "*", "Sid": "Root"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}}},
		"aws_secretsmanager_secret_rotation.good": {"id": "aws_secretsmanager_secret_rotation.good", "kind": "resource", "type": "aws_secretsmanager_secret_rotation", "attrs": {"rotation_lambda_arn": {"$unknown": "aws_lambda_function.good.arn"}, "rotation_rules": [{"automatically_after_days": 30}], "secret_id": {"$unknown": "aws_secretsmanager_secret.good.id"}, "tags_all": {"owner": "platform"}}},
	},
}

bad := {
	"id": "aws_lambda_function.bad",
	"kind": "workload",
	"type": "aws_lambda_function",
	"file": "compute.tf",
	"line": 19,
	"attrs": {"environment": [{"variables": {"DB_PASSWORD": "[redacted]", "STRIPE_API_KEY": "[redacted]"}}], "filename": "legacy.zip", "function_name": "legacy", "handler": "index.handler", "role": {"$unknown": "aws_iam_role.partner.arn"}, "runtime": "nodejs14.x", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "uses-identity", "to": "aws_iam_role.partner", "attrs": {"attribute": "role"}}],
	"in": [{"kind": "exposes", "from": "aws_lambda_function_url.bad", "attrs": {"attribute": "function_name"}}, {"kind": "routes-to", "from": "aws_lambda_function_url.bad", "attrs": {}}, {"kind": "attached-to", "from": "aws_lambda_permission.bad", "attrs": {"attribute": "function_name"}}],
	"neighbours": {
		"aws_iam_role.partner": {"id": "aws_iam_role.partner", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "partner", "tags_all": {"owner": "platform"}}},
		"aws_lambda_function_url.bad": {"id": "aws_lambda_function_url.bad", "kind": "exposure", "type": "aws_lambda_function_url", "attrs": {"authorization_type": "NONE", "function_name": "legacy", "tags_all": {"owner": "platform"}}},
		"aws_lambda_permission.bad": {"id": "aws_lambda_permission.bad", "kind": "grant", "type": "aws_lambda_permission", "attrs": {"action": "lambda:InvokeFunction", "function_name": "legacy", "principal": "*", "statement_id": "AllowAnyone", "tags_all": {"owner": "platform"}}},
	},
}

url := {
	"id": "aws_lambda_function_url.bad",
	"kind": "exposure",
	"type": "aws_lambda_function_url",
	"file": "compute.tf",
	"line": 33,
	"attrs": {"authorization_type": "NONE", "function_name": "legacy", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "exposes", "to": "aws_lambda_function.bad", "attrs": {"attribute": "function_name"}}, {"kind": "routes-to", "to": "aws_lambda_function.bad", "attrs": {}}],
	"in": [{"kind": "exposes", "from": "internet", "attrs": {}}],
	"neighbours": {
		"aws_lambda_function.bad": {"id": "aws_lambda_function.bad", "kind": "workload", "type": "aws_lambda_function", "attrs": {"environment": [{"variables": {"DB_PASSWORD": "[redacted]", "STRIPE_API_KEY": "[redacted]"}}], "filename": "legacy.zip", "function_name": "legacy", "handler": "index.handler", "role": {"$unknown": "aws_iam_role.partner.arn"}, "runtime": "nodejs14.x", "tags_all": {"owner": "platform"}}},
		"internet": {"id": "internet", "kind": "entry-point", "type": "internet", "attrs": {"source": "built-in", "type": "internet"}},
	},
}

permission := {
	"id": "aws_lambda_permission.bad",
	"kind": "grant",
	"type": "aws_lambda_permission",
	"file": "compute.tf",
	"line": 38,
	"attrs": {"action": "lambda:InvokeFunction", "function_name": "legacy", "principal": "*", "statement_id": "AllowAnyone", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "attached-to", "to": "aws_lambda_function.bad", "attrs": {"attribute": "function_name"}}],
	"in": [],
	"neighbours": {
		"aws_lambda_function.bad": {"id": "aws_lambda_function.bad", "kind": "workload", "type": "aws_lambda_function", "attrs": {"environment": [{"variables": {"DB_PASSWORD": "[redacted]", "STRIPE_API_KEY": "[redacted]"}}], "filename": "legacy.zip", "function_name": "legacy", "handler": "index.handler", "role": {"$unknown": "aws_iam_role.partner.arn"}, "runtime": "nodejs14.x", "tags_all": {"owner": "platform"}}},
	},
}

test_url_auth if {
	hits(lambda_url_auth.deny) == {["aws_lambda_function_url.bad", "authorization_type", false]} with input as {"nodes": [url]}
	count(lambda_url_auth.deny) == 0 with input as {"nodes": [json.patch(url, [{"op": "replace", "path": "/attrs/authorization_type", "value": "AWS_IAM"}])]}
	hits(lambda_url_auth.deny) == {["aws_lambda_function_url.bad", "authorization_type", true]} with input as {"nodes": [json.patch(url, [{"op": "replace", "path": "/attrs/authorization_type", "value": {"$unknown": "var.auth"}}])]}
}

test_env_secrets if {
	hits(lambda_env_secrets.deny) == {
		["aws_lambda_function.bad", "environment[0].variables.DB_PASSWORD", false],
		["aws_lambda_function.bad", "environment[0].variables.STRIPE_API_KEY", false],
	} with input as {"nodes": [good, bad]}
	refs := json.patch(good, [
		{"op": "add", "path": "/attrs/environment/0/variables/DB_PASSWORD_ARN", "value": {"$unknown": "aws_secretsmanager_secret.db.arn"}},
		{"op": "add", "path": "/attrs/environment/0/variables/API_TOKEN", "value": {"$unknown": "var.api_token"}},
	])
	hits(lambda_env_secrets.deny) == {["aws_lambda_function.good", "environment[0].variables.API_TOKEN", true]} with input as {"nodes": [refs]}
}

test_tracing if {
	hits(lambda_tracing.deny) == {["aws_lambda_function.bad", "tracing_config[0].mode", false]} with input as {"nodes": [good, bad]}
	hits(lambda_tracing.deny) == {["aws_lambda_function.good", "tracing_config[0].mode", true]} with input as {"nodes": [json.patch(good, [{"op": "replace", "path": "/attrs/tracing_config/0/mode", "value": {"$unknown": "var.tracing"}}])]}
}

test_public_permission if {
	hits(lambda_public_permission.deny) == {["aws_lambda_permission.bad", "principal", false]} with input as {"nodes": [permission]}
	scoped := json.patch(permission, [{"op": "add", "path": "/attrs/source_account", "value": "123456789012"}])
	count(lambda_public_permission.deny) == 0 with input as {"nodes": [scoped]}
}

test_runtime if {
	hits(lambda_runtime.deny) == {["aws_lambda_function.bad", "runtime", false]} with input as {"nodes": [good, bad]}
	hits(lambda_runtime.deny) == {["aws_lambda_function.good", "runtime", true]} with input as {"nodes": [json.patch(good, [{"op": "replace", "path": "/attrs/runtime", "value": {"$unknown": "var.runtime"}}])]}
}

test_env_secrets_unknown if {
	from_var := json.patch(good, [{"op": "replace", "path": "/attrs/environment/0/variables", "value": {"$unknown": "var.env"}}])
	hits(lambda_env_secrets.deny) == {["aws_lambda_function.good", "environment[0].variables", true]} with input as {"nodes": [from_var]}
}
