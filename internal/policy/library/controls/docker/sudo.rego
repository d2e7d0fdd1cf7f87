# METADATA
# title: RUN does not use sudo
# description: >-
#   sudo in a Dockerfile means the image ships sudo and a user allowed to use it: an attacker with code
#   execution as that user is root with one command.
# custom:
#   id: SEAM-DOCKER-RUN-002
#   severity: medium
#   remediation: Run privileged build steps before USER switches away from root, and do not install sudo.
#   frameworks:
#     nist-800-53: ["AC-6", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.sudo

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some [i, cmd] in k8s.runs(n)
	regex.match(`(^|[;&|]\s*|\s)sudo\s`, cmd)
	v := k8s.result(n, sprintf("run[%d]", [i]), sprintf("%s: RUN %d uses sudo", [n.id, i]))
}

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	k8s.runs_unrecorded(n)
	v := k8s.runs_unknown(n, "use sudo")
}
