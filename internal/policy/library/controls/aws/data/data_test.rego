# Tests of the Secrets Manager, SSM, DynamoDB, SNS, SQS and ECR controls. Nodes are from `seam graph
# internal/policy/library/testdata/aws --format json` (data.tf) in the policy engine's input shape: each
# *_good passes its service's controls, each *_bad fails them (param_bad is an API token as a plain String
# with a literal value; queue_bad has encryption off and an inline policy for {"AWS": "*"}; topic_bad and
# repo_bad have companion policies for Principal "*").
package seam.controls.aws.data_test

import rego.v1

import data.seam.controls.aws.dynamodb_kms
import data.seam.controls.aws.dynamodb_pitr
import data.seam.controls.aws.ecr_immutable_tags
import data.seam.controls.aws.ecr_public
import data.seam.controls.aws.ecr_scan_on_push
import data.seam.controls.aws.secrets_kms
import data.seam.controls.aws.secrets_rotation
import data.seam.controls.aws.sns_encryption
import data.seam.controls.aws.sns_public
import data.seam.controls.aws.sqs_encryption
import data.seam.controls.aws.sqs_public
import data.seam.controls.aws.ssm_secure_string
import data.seam.controls.aws.ssm_value_in_code

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

secret_good := {
	"id": "aws_secretsmanager_secret.good",
	"kind": "datastore",
	"type": "aws_secretsmanager_secret",
	"file": "data.tf",
	"line": 95,
	"attrs": {"kms_key_id": {"$unknown": "aws_kms_key.good.arn"}, "name": "orders-db", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "holds", "to": "data-class:credentials", "attrs": {}}, {"kind": "protected-by", "to": "aws_kms_key.good", "attrs": {"attribute": "kms_key_id"}}],
	"in": [{"kind": "connects-to", "from": "aws_ecs_task_definition.good", "attrs": {}}, {"kind": "references", "from": "aws_ecs_task_definition.good", "attrs": {"attribute": "container_definitions"}}, {"kind": "attached-to", "from": "aws_secretsmanager_secret_rotation.good", "attrs": {"attribute": "secret_id"}}],
	"neighbours": {
		"aws_secretsmanager_secret_rotation.good": {"id": "aws_secretsmanager_secret_rotation.good", "kind": "resource", "type": "aws_secretsmanager_secret_rotation", "attrs": {"rotation_lambda_arn": {"$unknown": "aws_lambda_function.good.arn"}, "rotation_rules": [{"automatically_after_days": 30}], "secret_id": {"$unknown": "aws_secretsmanager_secret.good.id"}, "tags_all": {"owner": "platform"}}},
	},
}

secret_bad := {
	"id": "aws_secretsmanager_secret.bad",
	"kind": "datastore",
	"type": "aws_secretsmanager_secret",
	"file": "data.tf",
	"line": 108,
	"attrs": {"name": "legacy-api-key", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "holds", "to": "data-class:credentials", "attrs": {}}],
	"in": [],
	"neighbours": {
	},
}

param_good := {
	"id": "aws_ssm_parameter.good",
	"kind": "datastore",
	"type": "aws_ssm_parameter",
	"file": "data.tf",
	"line": 112,
	"attrs": {"name": "/orders/db_password", "tags_all": {"owner": "platform"}, "type": "SecureString", "value": {"$unknown": "var.tokens"}},
	"out": [{"kind": "holds", "to": "data-class:credentials", "attrs": {}}],
	"in": [],
	"neighbours": {
	},
}

param_bad := {
	"id": "aws_ssm_parameter.bad",
	"kind": "datastore",
	"type": "aws_ssm_parameter",
	"file": "data.tf",
	"line": 118,
	"attrs": {"name": "/orders/api_token", "tags_all": {"owner": "platform"}, "type": "String", "value": "[redacted]"},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

table_good := {
	"id": "aws_dynamodb_table.good",
	"kind": "datastore",
	"type": "aws_dynamodb_table",
	"file": "data.tf",
	"line": 42,
	"attrs": {"attribute": [{"name": "id", "type": "S"}], "hash_key": "id", "name": "sessions", "point_in_time_recovery": [{"enabled": true}], "server_side_encryption": [{"enabled": true, "kms_key_arn": {"$unknown": "aws_kms_key.good.arn"}}], "tags_all": {"owner": "platform"}},
	"out": [{"kind": "protected-by", "to": "aws_kms_key.good", "attrs": {"attribute": "server_side_encryption[0].kms_key_arn"}}],
	"in": [],
	"neighbours": {
	},
}

table_bad := {
	"id": "aws_dynamodb_table.bad",
	"kind": "datastore",
	"type": "aws_dynamodb_table",
	"file": "data.tf",
	"line": 58,
	"attrs": {"attribute": [{"name": "id", "type": "S"}], "hash_key": "id", "name": "carts", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

topic_good := {
	"id": "aws_sns_topic.good",
	"kind": "resource",
	"type": "aws_sns_topic",
	"file": "data.tf",
	"line": 124,
	"attrs": {"kms_master_key_id": {"$unknown": "aws_kms_key.good.id"}, "name": "alerts", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "protected-by", "to": "aws_kms_key.good", "attrs": {"attribute": "kms_master_key_id"}}],
	"in": [],
	"neighbours": {
	},
}

topic_bad := {
	"id": "aws_sns_topic.bad",
	"kind": "resource",
	"type": "aws_sns_topic",
	"file": "data.tf",
	"line": 129,
	"attrs": {"name": "events", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "attached-to", "from": "aws_sns_topic_policy.bad", "attrs": {"attribute": "arn"}}, {"kind": "references", "from": "aws_sns_topic_policy.bad", "attrs": {"attribute": "policy"}}],
	"neighbours": {
		"aws_sns_topic_policy.bad": {"id": "aws_sns_topic_policy.bad", "kind": "grant", "type": "aws_sns_topic_policy", "attrs": {"arn": {"$unknown": "aws_sns_topic.bad.arn"}, "policy": {"Statement": [{"Action": "sns:Publish", "Effect": "Allow", "Principal": "*", "Resource": {"$unknown": "aws_sns_topic.bad.arn"}}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}}},
	},
}

queue_good := {
	"id": "aws_sqs_queue.good",
	"kind": "datastore",
	"type": "aws_sqs_queue",
	"file": "data.tf",
	"line": 146,
	"attrs": {"name": "jobs", "sqs_managed_sse_enabled": true, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

queue_bad := {
	"id": "aws_sqs_queue.bad",
	"kind": "datastore",
	"type": "aws_sqs_queue",
	"file": "data.tf",
	"line": 151,
	"attrs": {"name": "legacy", "policy": {"Statement": [{"Action": "sqs:SendMessage", "Effect": "Allow", "Principal": {"AWS": "*"}, "Resource": "*"}], "Version": "2012-10-17"}, "sqs_managed_sse_enabled": false, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

repo_good := {
	"id": "aws_ecr_repository.good",
	"kind": "datastore",
	"type": "aws_ecr_repository",
	"file": "data.tf",
	"line": 165,
	"attrs": {"image_scanning_configuration": [{"scan_on_push": true}], "image_tag_mutability": "IMMUTABLE", "name": "api", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

repo_bad := {
	"id": "aws_ecr_repository.bad",
	"kind": "datastore",
	"type": "aws_ecr_repository",
	"file": "data.tf",
	"line": 173,
	"attrs": {"name": "legacy", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "attached-to", "from": "aws_ecr_repository_policy.bad", "attrs": {"attribute": "repository"}}],
	"neighbours": {
		"aws_ecr_repository_policy.bad": {"id": "aws_ecr_repository_policy.bad", "kind": "grant", "type": "aws_ecr_repository_policy", "attrs": {"policy": {"Statement": [{"Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Effect": "Allow", "Principal": "*"}], "Version": "2012-10-17"}, "repository": "legacy", "tags_all": {"owner": "platform"}}},
	},
}

test_secrets_rotation if {
	hits(secrets_rotation.deny) == {["aws_secretsmanager_secret.bad", "", false]} with input as {"nodes": [secret_good, secret_bad]}
}

test_secrets_kms if {
	hits(secrets_kms.deny) == {["aws_secretsmanager_secret.bad", "kms_key_id", false]} with input as {"nodes": [secret_good, secret_bad]}
}

test_ssm_secure_string if {
	hits(ssm_secure_string.deny) == {["aws_ssm_parameter.bad", "type", false]} with input as {"nodes": [param_good, param_bad]}
	hits(ssm_secure_string.deny) == {["aws_ssm_parameter.bad", "type", true]} with input as {"nodes": [json.patch(param_bad, [{"op": "replace", "path": "/attrs/type", "value": {"$unknown": "var.type"}}])]}
}

test_ssm_value_in_code if {
	hits(ssm_value_in_code.deny) == {["aws_ssm_parameter.bad", "value", false], ["aws_ssm_parameter.good", "value", true]} with input as {"nodes": [param_good, param_bad]}
	count(ssm_value_in_code.deny) == 0 with input as {"nodes": [json.patch(param_good, [{"op": "replace", "path": "/attrs/value", "value": {"$unknown": "random_password.db.result"}}])]}
}

test_dynamodb_pitr if {
	hits(dynamodb_pitr.deny) == {["aws_dynamodb_table.bad", "point_in_time_recovery[0].enabled", false]} with input as {"nodes": [table_good, table_bad]}
	hits(dynamodb_pitr.deny) == {["aws_dynamodb_table.good", "point_in_time_recovery[0].enabled", true]} with input as {"nodes": [json.patch(table_good, [{"op": "replace", "path": "/attrs/point_in_time_recovery/0/enabled", "value": {"$unknown": "var.pitr"}}])]}
}

test_dynamodb_kms if {
	pii := json.patch(table_bad, [{"op": "add", "path": "/attrs/tags_all/data_classification", "value": "pii"}])
	hits(dynamodb_kms.deny) == {["aws_dynamodb_table.bad", "server_side_encryption[0].kms_key_arn", false]} with input as {"nodes": [table_good, table_bad, pii]}
}

test_sns_encryption if {
	hits(sns_encryption.deny) == {["aws_sns_topic.bad", "kms_master_key_id", false]} with input as {"nodes": [topic_good, topic_bad]}
}

test_sns_public if {
	hits(sns_public.deny) == {["aws_sns_topic_policy.bad", "policy.Statement[0]", false]} with input as {"nodes": [topic_good, topic_bad]}
	unknown := json.patch(topic_bad, [{"op": "replace", "path": "/neighbours/aws_sns_topic_policy.bad/attrs/policy", "value": {"$unknown": "data.aws_iam_policy_document.events.json"}}])
	hits(sns_public.deny) == {["aws_sns_topic_policy.bad", "policy", true]} with input as {"nodes": [unknown]}
}

test_sqs_encryption if {
	hits(sqs_encryption.deny) == {["aws_sqs_queue.bad", "sqs_managed_sse_enabled", false]} with input as {"nodes": [queue_good, queue_bad]}
	count(sqs_encryption.deny) == 0 with input as {"nodes": [json.patch(queue_bad, [{"op": "add", "path": "/attrs/kms_master_key_id", "value": "alias/aws/sqs"}])]}
}

test_sqs_public if {
	hits(sqs_public.deny) == {["aws_sqs_queue.bad", "policy.Statement[0]", false]} with input as {"nodes": [queue_good, queue_bad]}
}

test_ecr_scan_on_push if {
	hits(ecr_scan_on_push.deny) == {["aws_ecr_repository.bad", "image_scanning_configuration[0].scan_on_push", false]} with input as {"nodes": [repo_good, repo_bad]}
	registry := {"id": "aws_ecr_registry_scanning_configuration.this", "type": "aws_ecr_registry_scanning_configuration", "attrs": {"scan_type": "ENHANCED", "rule": [{"scan_frequency": "CONTINUOUS_SCAN"}]}}
	count(ecr_scan_on_push.deny) == 0 with input as {"nodes": [repo_good, repo_bad, registry]}
}

test_ecr_immutable_tags if {
	hits(ecr_immutable_tags.deny) == {["aws_ecr_repository.bad", "image_tag_mutability", false]} with input as {"nodes": [repo_good, repo_bad]}
	hits(ecr_immutable_tags.deny) == {["aws_ecr_repository.good", "image_tag_mutability", true]} with input as {"nodes": [json.patch(repo_good, [{"op": "replace", "path": "/attrs/image_tag_mutability", "value": {"$unknown": "var.mutability"}}])]}
}

test_ecr_public if {
	hits(ecr_public.deny) == {["aws_ecr_repository_policy.bad", "policy.Statement[0]", false]} with input as {"nodes": [repo_good, repo_bad]}
}
