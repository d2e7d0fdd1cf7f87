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
package seam.controls.aws.iam_trust_account

import rego.v1

import data.seam.lib
import data.seam.lib.aws

account_principal(p) if regex.match(`^(arn:aws[a-z-]*:iam::[0-9]{12}:root|[0-9]{12})$`, p)

deny contains v if {
	some n in input.nodes
	some [i, s] in aws.statements(aws.trust_doc(n))
	aws.allows(s)
	not aws.conditioned(s)
	some p in lib.as_list(object.get(object.get(s, "Principal", {}), "AWS", []))
	is_string(p)
	account_principal(p)
	v := {"node": n.id, "field": "assume_role_policy", "msg": sprintf("%s: trust statement %d delegates the role to every principal of %s with no condition", [n.id, i, p])}
}

deny contains v if {
	some n in input.nodes
	some [i, s] in aws.statements(aws.trust_doc(n))
	aws.allows(s)
	not aws.conditioned(s)
	some p in lib.as_list(object.get(object.get(s, "Principal", {}), "AWS", []))
	lib.unknown(p)
	v := {"node": n.id, "field": "assume_role_policy", "msg": sprintf("%s: trust statement %d may delegate the role to a whole account with no condition", [n.id, i]), "unknown": sprintf("a principal of trust statement %d is %s, which Seam cannot know from the files", [i, lib.expr(p)])}
}
