# METADATA
# title: Dockerfiles do not ADD from a URL
# description: >-
#   ADD <url> downloads at build time with no checksum and no signature check: whoever controls the server or
#   the path to it controls what goes into the image.
# custom:
#   id: SEAM-DOCKER-ADD-001
#   severity: medium
#   remediation: Download with curl and verify a pinned checksum in a RUN step, or use ADD --checksum=sha256:….
#   frameworks:
#     nist-800-53: ["SI-7", "SR-11", "CM-14"]
#     pci-dss: ["6.3.2"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.add_url

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some i, c in k8s.list(object.get(n.attrs, "copies", []))
	c.instruction == "ADD"
	c.remote == true
	object.get(c, "checksum", "") == ""
	v := k8s.result(n, sprintf("copies[%d]", [i]), sprintf("%s: ADD downloads %v at build time without a checksum", [n.id, concat(", ", c.sources)]))
}
