# METADATA
# title: IAM write actions that escalate privilege are not granted on every resource
# description: >-
#   Actions such as iam:AttachRolePolicy, iam:PutRolePolicy, iam:CreatePolicyVersion, iam:CreateAccessKey or
#   iam:UpdateAssumeRolePolicy on "*" let the holder give itself or another principal any permission. The
#   identity is administrator in all but name.
# custom:
#   id: SEAM-AWS-IAM-004
#   severity: high
#   remediation: Scope IAM write actions to specific ARNs (or a permissions boundary condition), or move them to a deployment role behind review.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-6", "AC-6(10)", "AC-2"]
#     pci-dss: ["7.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant, identity]
#     types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role]
#     edges: []
package seam.controls.aws.iam_escalation

import rego.v1

import data.seam.lib

import data.seam.lib.aws

# escalating are IAM actions with a documented path to more privilege (Rhino Security Labs' AWS IAM
# privilege escalation methods).
escalating := [
	"iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:CreateAccessKey",
	"iam:CreateLoginProfile", "iam:CreatePolicyVersion", "iam:PutGroupPolicy", "iam:PutRolePolicy",
	"iam:PutUserPolicy", "iam:SetDefaultPolicyVersion", "iam:UpdateAssumeRolePolicy", "iam:UpdateLoginProfile",
	"iam:AddUserToGroup",
]

deny contains v if {
	some n in input.nodes
	some p in aws.identity_docs(n)
	some [i, s] in aws.statements(p.doc)
	aws.resource_matches_all(s)
	not aws.admin_statement(s)
	found := [a | some a in escalating; aws.grants_action(s, a)]
	count(found) > 0
	v := {"node": n.id, "field": sprintf("%s.Statement[%d]", [p.field, i]), "msg": sprintf("%s: statement %d allows %s on every resource", [n.id, i, concat(", ", found)])}
}

deny contains v if {
	some n in input.nodes
	some p in aws.identity_docs(n)
	lib.unknown(p.doc)
	v := {"node": n.id, "field": p.field, "msg": sprintf("%s may allow IAM actions that escalate privilege on every resource", [n.id]), "unknown": lib.unknown_msg(p.field, p.doc)}
}
