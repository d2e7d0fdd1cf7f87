# METADATA
# title: KMS key policies do not allow everyone
# description: >-
#   A key policy statement that allows Principal "*" without a condition lets any AWS principal use or manage
#   the key, subject only to their own IAM policies — the key no longer protects what it encrypts.
# custom:
#   id: SEAM-AWS-KMS-002
#   severity: critical
#   remediation: Name the account root and the roles that use the key; where "*" is needed, add kms:CallerAccount, kms:ViaService or aws:PrincipalOrgID conditions.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6", "SC-12"]
#     pci-dss: ["3.6.1", "7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [key]
#     types: [aws_kms_key]
#     edges: []
package seam.controls.aws.kms_policy_public

import rego.v1

import data.seam.lib
import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some [i, s] in aws.statements(aws.policy_value(n.attrs.policy))
	aws.public_statement(s)
	v := {"node": n.id, "field": sprintf("policy.Statement[%d]", [i]), "msg": sprintf("%s: key policy statement %d allows everyone %v", [n.id, i, aws.actions(s)])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.policy)
	v := {"node": n.id, "field": "policy", "msg": sprintf("%s may allow everyone to use the key", [n.id]), "unknown": lib.unknown_msg("policy", n.attrs.policy)}
}
