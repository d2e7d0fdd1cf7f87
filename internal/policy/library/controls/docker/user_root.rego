# METADATA
# title: Images do not run as USER root
# description: >-
#   A final USER root (or UID 0) starts the container's process as root: every application flaw becomes root in
#   the container, one kernel or runtime bug from root on the node.
# custom:
#   id: SEAM-DOCKER-USER-001
#   severity: high
#   remediation: End the final stage with USER <non-root user> (a numeric UID works with runAsNonRoot).
#   frameworks:
#     cis-kubernetes: ["5.2.7"]
#     nist-800-53: ["AC-6", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.user_root

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	u := object.get(n.attrs, "user", null)
	is_string(u)
	n.attrs.runs_as_root == true
	v := k8s.result(n, "user", sprintf("%s: the final stage runs as USER %s", [n.id, u]))
}

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	x := object.get(n.attrs, "runs_as_root", false)
	k8s.unknown(x)
	v := k8s.unknown_result(n, "user", sprintf("%s may run as root", [n.id]), x)
}
