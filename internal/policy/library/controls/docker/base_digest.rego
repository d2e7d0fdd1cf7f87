# METADATA
# title: Base images are pinned by digest
# description: >-
#   A tag can be re-pointed by whoever controls the upstream repository; only a digest makes the base of a build
#   the image that was reviewed.
# custom:
#   id: SEAM-DOCKER-BASE-002
#   severity: low
#   remediation: Add the digest to the FROM reference (FROM name:tag@sha256:…) and update it with a bot.
#   frameworks:
#     nist-800-53: ["CM-14", "SR-11"]
#     pci-dss: ["6.3.2"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.base_digest

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some i, s in k8s.list(object.get(n.attrs, "stages", []))
	object.get(s, "base_kind", "image") == "image"
	ref := object.get(s, "base_resolved", s.base)
	is_string(ref)
	[_, tag, digest] := k8s.image_parts(ref)
	digest == ""
	not tag in {"", "latest"}
	v := k8s.result(n, sprintf("stages[%d]", [i]), sprintf("%s: stage %d is FROM %s without a digest", [n.id, i, ref]))
}
