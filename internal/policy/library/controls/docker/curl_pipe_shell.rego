# METADATA
# title: RUN does not pipe a download into a shell
# description: >-
#   curl … | sh runs whatever the server sends, unverified, as the build user (usually root); a compromised or
#   spoofed server owns the image and everything built from it.
# custom:
#   id: SEAM-DOCKER-RUN-001
#   severity: high
#   remediation: Download to a file, verify a pinned checksum or signature, then run it.
#   frameworks:
#     nist-800-53: ["SI-7", "SR-11"]
#     pci-dss: ["6.3.2"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.curl_pipe_shell

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some [i, cmd] in k8s.runs(n)
	regex.match(`(curl|wget)[^|;&]*\|\s*(sudo\s+)?(ba|z|da)?sh\b`, cmd)
	v := k8s.result(n, sprintf("run[%d]", [i]), sprintf("%s: RUN %d pipes a download into a shell", [n.id, i]))
}

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	k8s.runs_unrecorded(n)
	v := k8s.runs_unknown(n, "pipe a download into a shell")
}
