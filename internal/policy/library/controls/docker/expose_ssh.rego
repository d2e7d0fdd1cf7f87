# METADATA
# title: Images do not expose SSH
# description: >-
#   EXPOSE 22 means the image runs or expects an SSH server: a second way in with its own credentials, outside
#   the orchestrator's exec and audit.
# custom:
#   id: SEAM-DOCKER-EXPOSE-001
#   severity: medium
#   remediation: Remove the SSH server and EXPOSE 22; use kubectl exec or a bastion for access.
#   frameworks:
#     nist-800-53: ["CM-7", "AC-17"]
#     pci-dss: ["2.2.4", "2.2.5"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.expose_ssh

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some i, e in k8s.list(object.get(n.attrs, "expose", []))
	e.port == 22
	v := k8s.result(n, sprintf("expose[%d]", [i]), sprintf("%s exposes port 22 (SSH)", [n.id]))
}

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some i, e in k8s.list(object.get(n.attrs, "expose", []))
	k8s.unknown(e.port)
	v := k8s.unknown_result(n, sprintf("expose[%d]", [i]), sprintf("%s may expose port 22 (SSH)", [n.id]), e.port)
}
