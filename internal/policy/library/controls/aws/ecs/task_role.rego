# METADATA
# title: ECS tasks have their own task role
# description: >-
#   A task without task_role_arn has no AWS identity of its own; on the EC2 launch type its containers reach
#   the instance metadata service and act with the container instance's role, shared by every task on the
#   host. A task role scopes each service to what it needs.
# custom:
#   id: SEAM-AWS-ECS-002
#   severity: medium
#   remediation: Set task_role_arn to a role made for the task (even an empty one), and block IMDS from tasks (ECS_AWSVPC_BLOCK_IMDS or hop limit 1 on the host).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-6", "IA-2"]
#     pci-dss: ["7.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_ecs_task_definition]
#     edges: []
package seam.controls.aws.ecs_task_role

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
	not n.attrs.task_role_arn
	v := {"node": n.id, "field": "task_role_arn", "msg": sprintf("%s has no task role: its containers fall back to the host's instance role", [n.id])}
}
