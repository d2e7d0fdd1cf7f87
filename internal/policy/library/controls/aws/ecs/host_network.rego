# METADATA
# title: ECS tasks do not share the host's network
# description: >-
#   With network_mode host a task's containers use the instance's network stack directly: they reach the
#   instance metadata service and the instance role, bind any port on the host and see all its traffic.
#   awsvpc gives each task its own interface and security group.
# custom:
#   id: SEAM-AWS-ECS-005
#   severity: medium
#   remediation: Use network_mode = "awsvpc" (required on Fargate) and a security group per service.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-7", "AC-4"]
#     pci-dss: ["1.3.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_ecs_task_definition]
#     edges: []
package seam.controls.aws.ecs_host_network

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
	n.attrs.network_mode == "host"
	v := {"node": n.id, "field": "network_mode", "msg": sprintf("%s shares the host's network stack (network_mode host)", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.network_mode)
	v := {"node": n.id, "field": "network_mode", "msg": sprintf("%s may share the host's network stack", [n.id]), "unknown": lib.unknown_msg("network_mode", n.attrs.network_mode)}
}
