# METADATA
# title: ECS containers have read-only root file systems
# description: >-
#   A writable root file system lets an attacker who gets code execution drop tools, change binaries and
#   persist in the container. Read-only roots, with volumes for the paths that must be written, make that
#   much harder.
# custom:
#   id: SEAM-AWS-ECS-004
#   severity: low
#   remediation: Set readonlyRootFilesystem = true in each container definition and mount writable volumes where needed.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["CM-7", "SI-7"]
#     pci-dss: ["2.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_ecs_task_definition]
#     edges: []
package seam.controls.aws.ecs_readonly_root

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
	not lib.is_true(object.get(c, "readonlyRootFilesystem", false))
	v := {"node": n.id, "field": sprintf("container_definitions[%d].readonlyRootFilesystem", [i]), "msg": sprintf("%s: container %v (%d) has a writable root file system", [n.id, c.name, i])}
}

deny contains v if {
	some n in input.nodes
	v := unknown_definitions(n, "run a container with a writable root file system")
}
