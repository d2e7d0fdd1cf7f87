# METADATA
# title: Container images are pinned
# description: >-
#   The organisation requires every workload's image to name a version, so that what runs is what was
#   reviewed. An enforced bundle: a repository cannot disable or except it.
# custom:
#   id: SEAM-ORG-IMG-001
#   severity: medium
#   remediation: Use an image tag other than latest, or a digest.
#   frameworks:
#     nist-800-53: ["CM-2"]
#   select:
#     types: [Deployment]
package seam.controls.org.no_latest

import rego.v1

deny contains v if {
	some n in input.nodes
	some i, c in n.attrs.containers
	endswith(c.image, ":latest")
	v := {"node": n.id, "msg": sprintf("%s runs %s", [n.name, c.image]), "field": sprintf("spec.template.spec.containers[%d].image", [i])}
}
