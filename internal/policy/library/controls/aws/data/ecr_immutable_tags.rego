# METADATA
# title: ECR image tags are immutable
# description: >-
#   With mutable tags anyone who can push can replace what api:1.4.2 means, and every cluster that pulls the
#   tag runs the new image. Immutable tags make a tag a fixed reference to reviewed content.
# custom:
#   id: SEAM-AWS-ECR-002
#   severity: medium
#   remediation: Set image_tag_mutability = "IMMUTABLE" (and deploy by digest where possible).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["CM-3", "SI-7"]
#     pci-dss: []
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_ecr_repository]
#     edges: []
package seam.controls.aws.ecr_immutable_tags

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, "image_tag_mutability", "MUTABLE")
	not lib.unknown(x)
	x != "IMMUTABLE"
	v := {"node": n.id, "field": "image_tag_mutability", "msg": sprintf("%s lets pushed tags be overwritten (%s)", [n.id, x])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.image_tag_mutability)
	v := {"node": n.id, "field": "image_tag_mutability", "msg": sprintf("%s may let pushed tags be overwritten", [n.id]), "unknown": lib.unknown_msg("image_tag_mutability", n.attrs.image_tag_mutability)}
}
