# METADATA
# title: Users get permissions through groups, not inline policies
# description: >-
#   Permissions written into one user are invisible when reviewing groups and roles, survive role changes
#   and are forgotten when the person leaves. Granting through groups (or, better, federated roles) keeps one
#   place to review and revoke.
# custom:
#   id: SEAM-AWS-IAM-006
#   severity: low
#   remediation: Move the statements to a group policy (or an SSO permission set) and add the user to the group.
#   frameworks:
#     cis-aws: ["1.15"]
#     nist-800-53: ["AC-2", "AC-6"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant]
#     types: [aws_iam_user_policy]
#     edges: []
package seam.controls.aws.iam_user_inline_policy

import rego.v1

deny contains v if {
	some n in input.nodes
	v := {"node": n.id, "field": "user", "msg": sprintf("%s gives user %v an inline policy", [n.id, n.attrs.user])}
}
