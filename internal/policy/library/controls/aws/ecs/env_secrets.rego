# METADATA
# title: ECS container environments hold no plain-text secrets
# description: >-
#   Values in a container definition's environment are visible to anyone who can describe the task
#   definition, are kept in every revision forever, and sit in the Terraform state. ECS injects secrets from
#   Secrets Manager or Parameter Store through the secrets field instead.
# custom:
#   id: SEAM-AWS-ECS-003
#   severity: high
#   remediation: Move the value to Secrets Manager or SSM Parameter Store and reference it in the container's secrets (valueFrom) instead of environment.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-5", "SC-28"]
#     pci-dss: ["8.6.2", "3.5.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_ecs_task_definition]
#     edges: []
package seam.controls.aws.ecs_env_secrets

import rego.v1

import data.seam.lib

# containers lists the container definitions of a task with their index; a definition list Seam could not
# know (templatefile, a variable) is reported by unknown_definitions.
containers(n) := [[i, c] | some i, c in lib.blocks(object.get(n.attrs, "container_definitions", []))]

unknown_definitions(n, what) := v if {
	x := n.attrs.container_definitions
	lib.unknown(x)
	v := {"node": n.id, "field": "container_definitions", "msg": sprintf("%s may %s", [n.id, what]), "unknown": lib.unknown_msg("container_definitions", x)}
}

deny contains v if {
	some n in input.nodes
	some [i, c] in containers(n)
	some j, e in lib.blocks(object.get(c, "environment", []))
	lib.secret_name(e.name)
	is_string(e.value)
	e.value != ""
	v := {"node": n.id, "field": sprintf("container_definitions[%d].environment[%d]", [i, j]), "msg": sprintf("%s: container %v (%d) has the secret %s in plain text in its environment", [n.id, c.name, i, e.name])}
}

deny contains v if {
	some n in input.nodes
	some [i, c] in containers(n)
	some j, e in lib.blocks(object.get(c, "environment", []))
	lib.secret_name(e.name)
	lib.unknown(e.value)
	not lib.reference_expr(e.value)
	v := {"node": n.id, "field": sprintf("container_definitions[%d].environment[%d]", [i, j]), "msg": sprintf("%s: container %v (%d) may have the secret %s in plain text", [n.id, c.name, i, e.name]), "unknown": sprintf("the value of %s is %s, which Seam cannot know from the files", [e.name, lib.expr(e.value)])}
}

deny contains v if {
	some n in input.nodes
	v := unknown_definitions(n, "have secrets in its container environments")
}
