# Tests of the ECS controls. Nodes are from `seam graph internal/policy/library/testdata/aws --format json`
# (compute.tf) in the policy engine's input shape: good has a task role and takes its password from Secrets
# Manager; bad is privileged, has no task role and a password in its environment (redacted by the
# extractor, still a literal).
package seam.controls.aws.ecs_test

import rego.v1

import data.seam.controls.aws.ecs_env_secrets
import data.seam.controls.aws.ecs_host_network
import data.seam.controls.aws.ecs_privileged
import data.seam.controls.aws.ecs_readonly_root
import data.seam.controls.aws.ecs_task_role

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

# templated: container definitions from templatefile(), which Seam cannot evaluate.
templated := json.patch(good, [{"op": "replace", "path": "/attrs/container_definitions", "value": {"$unknown": "templatefile(\"api.json.tftpl\", {})"}}])

good := {
	"id": "aws_ecs_task_definition.good",
	"kind": "workload",
	"type": "aws_ecs_task_definition",
	"file": "compute.tf",
	"line": 90,
	"attrs": {"container_definitions": [{"image": "acme/api:1.4.2", "name": "api", "secrets": [{"name": "DB_PASSWORD", "valueFrom": {"$unknown": "aws_secretsmanager_secret.good.arn"}}]}], "family": "api", "tags_all": {"owner": "platform"}, "task_role_arn": {"$unknown": "aws_iam_role.partner.arn"}},
	"out": [{"kind": "connects-to", "to": "aws_secretsmanager_secret.good", "attrs": {}}, {"kind": "handles", "to": "data-class:credentials", "attrs": {}}, {"kind": "references", "to": "aws_secretsmanager_secret.good", "attrs": {"attribute": "container_definitions"}}, {"kind": "runs", "to": "image:docker.io/acme/api:1.4.2", "attrs": {"attribute": "container_definitions"}}, {"kind": "uses-identity", "to": "aws_iam_role.partner", "attrs": {"attribute": "task_role_arn"}}],
	"in": [],
	"neighbours": {
		"aws_iam_role.partner": {"id": "aws_iam_role.partner", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "partner", "tags_all": {"owner": "platform"}}},
		"aws_secretsmanager_secret.good": {"id": "aws_secretsmanager_secret.good", "kind": "datastore", "type": "aws_secretsmanager_secret", "attrs": {"kms_key_id": {"$unknown": "aws_kms_key.good.arn"}, "name": "orders-db", "tags_all": {"owner": "platform"}}},
	},
}

bad := {
	"id": "aws_ecs_task_definition.bad",
	"kind": "workload",
	"type": "aws_ecs_task_definition",
	"file": "compute.tf",
	"line": 77,
	"attrs": {"container_definitions": [{"environment": [{"name": "DB_PASSWORD", "value": "[redacted]"}, {"name": "PORT", "value": "8080"}], "image": "acme/legacy:latest", "name": "app", "privileged": true}], "family": "legacy", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "runs", "to": "image:docker.io/acme/legacy:latest", "attrs": {"attribute": "container_definitions"}}],
	"in": [],
	"neighbours": {
	},
}

test_privileged if {
	hits(ecs_privileged.deny) == {["aws_ecs_task_definition.bad", "container_definitions[0].privileged", false]} with input as {"nodes": [good, bad]}
	hits(ecs_privileged.deny) == {["aws_ecs_task_definition.good", "container_definitions", true]} with input as {"nodes": [templated]}
}

test_task_role if {
	hits(ecs_task_role.deny) == {["aws_ecs_task_definition.bad", "task_role_arn", false]} with input as {"nodes": [good, bad]}
}

test_env_secrets if {
	hits(ecs_env_secrets.deny) == {["aws_ecs_task_definition.bad", "container_definitions[0].environment[0]", false]} with input as {"nodes": [good, bad]}
	hits(ecs_env_secrets.deny) == {["aws_ecs_task_definition.good", "container_definitions", true]} with input as {"nodes": [templated]}
	from_var := json.patch(good, [{"op": "add", "path": "/attrs/container_definitions/0/environment", "value": [{"name": "API_TOKEN", "value": {"$unknown": "var.api_token"}}]}])
	hits(ecs_env_secrets.deny) == {["aws_ecs_task_definition.good", "container_definitions[0].environment[0]", true]} with input as {"nodes": [from_var]}
}

test_readonly_root if {
	hits(ecs_readonly_root.deny) == {["aws_ecs_task_definition.bad", "container_definitions[0].readonlyRootFilesystem", false], ["aws_ecs_task_definition.good", "container_definitions[0].readonlyRootFilesystem", false]} with input as {"nodes": [good, bad]}
	count(ecs_readonly_root.deny) == 0 with input as {"nodes": [json.patch(good, [{"op": "add", "path": "/attrs/container_definitions/0/readonlyRootFilesystem", "value": true}])]}
}

test_host_network if {
	count(ecs_host_network.deny) == 0 with input as {"nodes": [good, bad]}
	hits(ecs_host_network.deny) == {["aws_ecs_task_definition.bad", "network_mode", false]} with input as {"nodes": [json.patch(bad, [{"op": "add", "path": "/attrs/network_mode", "value": "host"}])]}
	hits(ecs_host_network.deny) == {["aws_ecs_task_definition.bad", "network_mode", true]} with input as {"nodes": [json.patch(bad, [{"op": "add", "path": "/attrs/network_mode", "value": {"$unknown": "var.mode"}}])]}
}
