# METADATA
# title: iam:PassRole is limited to named roles
# description: >-
#   iam:PassRole on "*" lets the holder hand any role in the account — including administrator roles — to a
#   new EC2 instance, Lambda function or ECS task it controls, and then act with that role's permissions.
#   It is the most common AWS privilege escalation step.
# custom:
#   id: SEAM-AWS-IAM-002
#   severity: high
#   remediation: List the ARNs of the roles that may be passed in Resource and add a Condition on iam:PassedToService.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-6", "AC-6(10)"]
#     pci-dss: ["7.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant, identity]
#     types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role]
#     edges: []
package seam.controls.aws.iam_passrole

import rego.v1

import data.seam.lib

import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some p in aws.identity_docs(n)
	some [i, s] in aws.statements(p.doc)
	aws.grants_action(s, "iam:PassRole")
	aws.resource_matches_all(s)
	not aws.admin_statement(s)
	v := {"node": n.id, "field": sprintf("%s.Statement[%d]", [p.field, i]), "msg": sprintf("%s: statement %d allows iam:PassRole on every role", [n.id, i])}
}

deny contains v if {
	some n in input.nodes
	some p in aws.identity_docs(n)
	lib.unknown(p.doc)
	v := {"node": n.id, "field": p.field, "msg": sprintf("%s may allow iam:PassRole on every role", [n.id]), "unknown": lib.unknown_msg(p.field, p.doc)}
}
