# METADATA
# title: Roles do not trust every AWS principal
# description: >-
#   A trust policy that allows Principal "*" (or {"AWS": "*"}) to assume the role without a condition lets
#   any AWS account in the world take its permissions. Seam's path search treats such a role as reachable
#   straight from the internet.
# custom:
#   id: SEAM-AWS-IAM-013
#   severity: critical
#   remediation: Name the accounts or roles that may assume it, or add a condition such as aws:PrincipalOrgID.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6", "IA-2"]
#     pci-dss: ["7.2.1", "8.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [identity]
#     types: [aws_iam_role]
#     edges: []
package seam.controls.aws.iam_trust_everyone

import rego.v1

import data.seam.lib
import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some [i, s] in aws.statements(aws.trust_doc(n))
	aws.public_statement(s)
	v := {"node": n.id, "field": sprintf("assume_role_policy.Statement[%d]", [i]), "msg": sprintf("%s: trust statement %d lets every AWS principal assume the role", [n.id, i])}
}

deny contains v if {
	some n in input.nodes
	d := aws.trust_doc(n)
	lib.unknown(d)
	v := {"node": n.id, "field": "assume_role_policy", "msg": sprintf("%s may trust every AWS principal", [n.id]), "unknown": lib.unknown_msg("assume_role_policy", d)}
}
