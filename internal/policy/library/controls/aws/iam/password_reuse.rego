# METADATA
# title: Passwords cannot be reused
# description: >-
#   Without reuse prevention a user forced to change a leaked password can set it back. CIS asks that the
#   last 24 passwords be remembered; PCI DSS at least the last four.
# custom:
#   id: SEAM-AWS-IAM-012
#   severity: low
#   remediation: Set password_reuse_prevention = 24.
#   frameworks:
#     cis-aws: ["1.9"]
#     nist-800-53: ["IA-5(1)"]
#     pci-dss: ["8.3.7"]
#     cis-kubernetes: []
#   select:
#     kinds: [resource]
#     types: [aws_iam_account_password_policy]
#     edges: []
package seam.controls.aws.iam_password_reuse

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, "password_reuse_prevention", 0)
	is_number(x)
	x < 24
	v := {"node": n.id, "field": "password_reuse_prevention", "msg": sprintf("%s remembers only %d previous passwords", [n.id, x])}
}

deny contains v if {
	some n in input.nodes
	x := n.attrs.password_reuse_prevention
	not is_number(x)
	v := {"node": n.id, "field": "password_reuse_prevention", "msg": sprintf("%s may allow passwords to be reused", [n.id]), "unknown": unknown_msg(x)}
}

unknown_msg(x) := lib.unknown_msg("password_reuse_prevention", x) if lib.unknown(x)

unknown_msg(x) := sprintf("password_reuse_prevention is %v in the graph (withheld by the extractor), so Seam cannot compare it", [x]) if not lib.unknown(x)
