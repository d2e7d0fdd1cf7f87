# METADATA
# title: ECS containers are not privileged
# description: >-
#   A privileged container has every Linux capability and the host's devices: escaping to the EC2 host, and
#   from there to its instance role and every other task on it, is a matter of one command.
# custom:
#   id: SEAM-AWS-ECS-001
#   severity: high
#   remediation: Remove privileged = true; add only the Linux capabilities the container needs (linuxParameters.capabilities.add).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-6", "CM-7"]
#     pci-dss: ["2.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_ecs_task_definition]
#     edges: []
package seam.controls.aws.ecs_privileged

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
	lib.is_true(object.get(c, "privileged", false))
	v := {"node": n.id, "field": sprintf("container_definitions[%d].privileged", [i]), "msg": sprintf("%s: container %v (%d) is privileged", [n.id, c.name, i])}
}

deny contains v if {
	some n in input.nodes
	v := unknown_definitions(n, "run a privileged container")
}
