# METADATA
# title: Passwords are at least 14 characters
# description: >-
#   Length is what makes a password resist guessing and cracking. CIS asks for at least 14 characters; PCI
#   DSS for at least 12. AWS's default minimum, when the policy does not set one, is 8.
# custom:
#   id: SEAM-AWS-IAM-011
#   severity: medium
#   remediation: Set minimum_password_length = 14 (or more).
#   frameworks:
#     cis-aws: ["1.8"]
#     nist-800-53: ["IA-5(1)"]
#     pci-dss: ["8.3.6"]
#     cis-kubernetes: []
#   select:
#     kinds: [resource]
#     types: [aws_iam_account_password_policy]
#     edges: []
package seam.controls.aws.iam_password_length

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, "minimum_password_length", 8)
	is_number(x)
	x < 14
	v := {"node": n.id, "field": "minimum_password_length", "msg": sprintf("%s allows passwords of %d characters", [n.id, x])}
}

deny contains v if {
	some n in input.nodes
	x := n.attrs.minimum_password_length
	not is_number(x)
	v := {"node": n.id, "field": "minimum_password_length", "msg": sprintf("%s may allow passwords shorter than 14 characters", [n.id]), "unknown": unknown_msg(x)}
}

unknown_msg(x) := lib.unknown_msg("minimum_password_length", x) if lib.unknown(x)

unknown_msg(x) := sprintf("minimum_password_length is %v in the graph (withheld by the extractor), so Seam cannot compare it", [x]) if not lib.unknown(x)
