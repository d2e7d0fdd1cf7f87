# METADATA
# title: Allow statements do not use NotAction
# description: >-
#   Allow with NotAction grants every action except the listed ones, including every action AWS adds later.
#   "Everything but IAM" still includes reading every bucket and secret, and usually a way back into IAM.
# custom:
#   id: SEAM-AWS-IAM-003
#   severity: medium
#   remediation: List the allowed actions explicitly; use NotAction only in Deny statements.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant, identity]
#     types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role]
#     edges: []
package seam.controls.aws.iam_notaction

import rego.v1

import data.seam.lib

import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some p in aws.identity_docs(n)
	some [i, s] in aws.statements(p.doc)
	aws.allows(s)
	s.NotAction
	v := {"node": n.id, "field": sprintf("%s.Statement[%d]", [p.field, i]), "msg": sprintf("%s: statement %d allows every action except %v", [n.id, i, s.NotAction])}
}

deny contains v if {
	some n in input.nodes
	some p in aws.identity_docs(n)
	lib.unknown(p.doc)
	v := {"node": n.id, "field": p.field, "msg": sprintf("%s may allow every action but a few with NotAction", [n.id]), "unknown": lib.unknown_msg(p.field, p.doc)}
}
