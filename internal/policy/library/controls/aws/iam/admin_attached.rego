# METADATA
# title: AdministratorAccess is not attached to roles, users or groups
# description: >-
#   The AWS managed AdministratorAccess policy is "*" on "*". Attached to a workload role, a CI role or a user
#   group, it turns any compromise of that principal into a compromise of the account.
# custom:
#   id: SEAM-AWS-IAM-005
#   severity: high
#   remediation: Attach a policy with only the actions needed; keep AdministratorAccess for a break-glass role behind MFA and alerting.
#   frameworks:
#     cis-aws: ["1.16"]
#     nist-800-53: ["AC-6", "AC-6(1)"]
#     pci-dss: ["7.2.1", "7.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant, identity]
#     types: [aws_iam_role_policy_attachment, aws_iam_user_policy_attachment, aws_iam_group_policy_attachment, aws_iam_policy_attachment, aws_iam_role]
#     edges: {out: [references]}
package seam.controls.aws.iam_admin_attached

import rego.v1

import data.seam.lib
import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some m in aws.managed_arns(n)
	is_string(m.arn)
	endswith(m.arn, ":policy/AdministratorAccess")
	v := {"node": n.id, "field": m.field, "msg": sprintf("%s attaches AdministratorAccess", [n.id])}
}

deny contains v if {
	some n in input.nodes
	some m in aws.managed_arns(n)
	lib.unknown(m.arn)
	not refers_to_files(n)
	v := {"node": n.id, "field": m.field, "msg": sprintf("%s may attach AdministratorAccess", [n.id]), "unknown": lib.unknown_msg(m.field, m.arn)}
}

# An unknown ARN that is a reference to a policy in the files is judged by the policy controls instead.
refers_to_files(n) if {
	some e in lib.out_edges(n, "references")
	n.neighbours[e.to].type == "aws_iam_policy"
}
