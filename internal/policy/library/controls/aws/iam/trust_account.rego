# METADATA
# title: Roles trusting a whole account require a condition
# description: >-
#   Trusting "arn:aws:iam::<account>:root" delegates the role to every principal of that account that its
#   administrators allow sts:AssumeRole. For a third party this is the confused-deputy problem, which an
#   sts:ExternalId condition solves; for people, aws:MultiFactorAuthPresent or aws:PrincipalArn narrow it.
# custom:
#   id: SEAM-AWS-IAM-014
#   severity: medium
#   remediation: Add a Condition (sts:ExternalId for third parties, aws:PrincipalArn or aws:MultiFactorAuthPresent otherwise), or trust specific role ARNs.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6", "IA-2"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [identity]
#     types: [aws_iam_role]
#     edges: []
package seam.controls.aws.iam_trust_account

import rego.v1

import data.seam.lib
import data.seam.lib.aws

account_principal(p) if regex.match(`^(arn:aws[a-z-]*:iam::[0-9]{12}:root|[0-9]{12})$`, p)

# open_statements(n) are the unconditioned Allow statements of role n's trust policy with their AWS principals.
open_statements(n) := [[i, ps] |
	some [i, s] in aws.statements(aws.trust_doc(n))
	aws.allows(s)
	not aws.conditioned(s)
	ps := lib.as_list(object.get(object.get(s, "Principal", {}), "AWS", []))
]

deny contains v if {
	some n in input.nodes
	some [i, ps] in open_statements(n)
	accounts := [p | some p in ps; is_string(p); account_principal(p)]
	count(accounts) > 0
	v := {"node": n.id, "field": sprintf("assume_role_policy.Statement[%d]", [i]), "msg": sprintf("%s: trust statement %d delegates the role to every principal of %s with no condition", [n.id, i, concat(", ", accounts)])}
}

deny contains v if {
	some n in input.nodes
	some [i, ps] in open_statements(n)
	not some_account(ps)
	unknowns := [lib.expr(p) | some p in ps; lib.unknown(p)]
	count(unknowns) > 0
	v := {"node": n.id, "field": sprintf("assume_role_policy.Statement[%d]", [i]), "msg": sprintf("%s: trust statement %d may delegate the role to a whole account with no condition", [n.id, i]), "unknown": sprintf("principals of trust statement %d are %s, which Seam cannot know from the files", [i, concat(", ", unknowns)])}
}

some_account(ps) if {
	some p in ps
	is_string(p)
	account_principal(p)
}
