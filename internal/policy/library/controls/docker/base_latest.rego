# METADATA
# title: "Base images are not :latest or untagged"
# description: >-
#   FROM an untagged or :latest image builds on whatever was pushed last: builds are not reproducible and a
#   compromised or broken upstream push enters the next build silently.
# custom:
#   id: SEAM-DOCKER-BASE-001
#   severity: medium
#   remediation: Pin the base image to a version tag and its digest (FROM name:1.2.3@sha256:…).
#   frameworks:
#     nist-800-53: ["CM-2", "CM-14", "SR-11"]
#     pci-dss: ["6.3.2"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.base_latest

import rego.v1

import data.seam.lib.k8s

# images lists [i, stage, reference] for the stages built FROM an image (not scratch, not another stage).
images(n) := [[i, s, object.get(s, "base_resolved", s.base)] |
	some i, s in k8s.list(object.get(n.attrs, "stages", []))
	object.get(s, "base_kind", "image") == "image"
]

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some [i, s, ref] in images(n)
	is_string(ref)
	[_, tag, digest] := k8s.image_parts(ref)
	digest == ""
	tag in {"", "latest"}
	v := k8s.result(n, sprintf("stages[%d]", [i]), sprintf("%s: stage %d is FROM %s, a moving tag", [n.id, i, ref]))
}

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some [i, s, ref] in images(n)
	k8s.unknown(ref)
	v := k8s.unknown_result(n, sprintf("stages[%d]", [i]), sprintf("%s: stage %d may build FROM a moving tag", [n.id, i]), ref)
}
