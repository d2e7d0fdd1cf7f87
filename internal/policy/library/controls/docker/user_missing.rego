# METADATA
# title: Images set a USER in their final stage
# description: >-
#   Without a USER instruction in the final stage (or the stages it builds on) the image runs as its base
#   image's user, root for nearly every base image.
# custom:
#   id: SEAM-DOCKER-USER-002
#   severity: medium
#   remediation: Add USER <non-root user> to the final stage.
#   frameworks:
#     nist-800-53: ["AC-6", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.user_missing

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	not "user" in object.keys(n.attrs)
	n.attrs.runs_as_root == true
	v := k8s.result(n, "runs_as_root", sprintf("%s: the final stage sets no USER, so it runs as the base image's (root)", [n.id]))
}
