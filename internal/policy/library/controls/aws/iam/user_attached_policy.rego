# METADATA
# title: Users get permissions through groups, not attached policies
# description: >-
#   A managed policy attached straight to a user is a per-person grant that group reviews miss. Attach
#   policies to groups or roles so that access follows the job, not the individual.
# custom:
#   id: SEAM-AWS-IAM-007
#   severity: low
#   remediation: Attach the policy to a group and add the user to it, or use IAM Identity Center permission sets.
#   frameworks:
#     cis-aws: ["1.15"]
#     nist-800-53: ["AC-2", "AC-6"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant]
#     types: [aws_iam_user_policy_attachment, aws_iam_policy_attachment]
#     edges: []
package seam.controls.aws.iam_user_attached_policy

import rego.v1

deny contains v if {
	some n in input.nodes
	n.type == "aws_iam_user_policy_attachment"
	v := {"node": n.id, "field": "user", "msg": sprintf("%s attaches a policy to user %v", [n.id, n.attrs.user])}
}

deny contains v if {
	some n in input.nodes
	n.type == "aws_iam_policy_attachment"
	count(object.get(n.attrs, "users", [])) > 0
	v := {"node": n.id, "field": "users", "msg": sprintf("%s attaches a policy to users", [n.id])}
}
