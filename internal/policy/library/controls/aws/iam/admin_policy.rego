# METADATA
# title: Identity policies do not allow every action on every resource
# description: >-
#   A statement allowing Action "*" on Resource "*" makes its holder an administrator of the account: every
#   data store, every key, every other identity. An SSRF or leaked key on such a workload or user is a
#   compromise of the whole account.
# custom:
#   id: SEAM-AWS-IAM-001
#   severity: critical
#   remediation: Replace the statement with the actions and resources the role needs; keep administration to a break-glass role behind MFA.
#   frameworks:
#     cis-aws: ["1.16"]
#     nist-800-53: ["AC-6", "AC-6(1)"]
#     pci-dss: ["7.2.1", "7.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant, identity]
#     types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role]
#     edges: []
package seam.controls.aws.iam_admin_policy

import rego.v1

import data.seam.lib
import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some p in aws.identity_docs(n)
	some [i, s] in aws.statements(p.doc)
	aws.admin_statement(s)
	v := {"node": n.id, "field": sprintf("%s.Statement[%d]", [p.field, i]), "msg": sprintf("%s: statement %d allows every action on every resource", [n.id, i])}
}

deny contains v if {
	some n in input.nodes
	some p in aws.identity_docs(n)
	lib.unknown(p.doc)
	v := {"node": n.id, "field": p.field, "msg": sprintf("%s may allow every action on every resource", [n.id]), "unknown": lib.unknown_msg(p.field, p.doc)}
}
