# METADATA
# title: The account sets a password policy
# description: >-
#   Without an account password policy, IAM users may set short and reused passwords, and console access
#   rests on a guessable secret. The policy is an account-wide setting that belongs in the account baseline.
# custom:
#   id: SEAM-AWS-IAM-010
#   severity: medium
#   remediation: Add aws_iam_account_password_policy with minimum_password_length = 14 and password_reuse_prevention = 24 (or move people to IAM Identity Center).
#   frameworks:
#     cis-aws: ["1.8", "1.9"]
#     nist-800-53: ["IA-5(1)"]
#     pci-dss: ["8.3.6", "8.3.7"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, resource]
#     types: [provider.aws, aws_iam_account_password_policy]
#     edges: []
package seam.controls.aws.iam_password_policy

import rego.v1

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	count([x | some x in input.nodes; x.type == "aws_iam_account_password_policy"]) == 0
	v := {"node": p.id, "msg": sprintf("%s: no aws_iam_account_password_policy in the files", [p.id])}
}
