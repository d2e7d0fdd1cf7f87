# METADATA
# title: Roles carry an owner tag
# description: >-
#   The organisation routes every finding about a role to its owner; a role without an owner tag lands on
#   nobody's desk.
# custom:
#   id: SEAM-ORG-TAG-001
#   severity: low
#   remediation: Add tags = { owner = "<team>" } to the role.
#   frameworks:
#     nist-800-53: ["CM-8"]
#   select:
#     types: [aws_iam_role]
package seam.controls.org.owner_tag

import data.acme.tags
import rego.v1

deny contains v if {
	some n in input.nodes
	not tags.has_owner(n)
	v := {"node": n.id, "msg": sprintf("%s has no owner tag", [n.name]), "field": "tags.owner"}
}
