# METADATA
# title: Web-identity trust names its subject
# description: >-
#   A role assumable with sts:AssumeRoleWithWebIdentity and no condition on the token's sub claim trusts every
#   identity of the provider: every GitHub repository in the world for GitHub Actions, every service account
#   of the cluster for EKS IRSA. The sub condition is what ties the role to one repository or workload.
# custom:
#   id: SEAM-AWS-IAM-016
#   severity: critical
#   remediation: Add Condition StringEquals (or StringLike without a bare "*") on "<provider>:sub", e.g. "repo:org/repo:ref:refs/heads/main" or "system:serviceaccount:ns:name".
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "IA-2", "IA-8"]
#     pci-dss: ["7.2.1", "8.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [identity]
#     types: [aws_iam_role]
#     edges: []
package seam.controls.aws.iam_trust_web_identity

import rego.v1

import data.seam.lib
import data.seam.lib.aws

web_identity(s) if aws.grants_action(s, "sts:AssumeRoleWithWebIdentity")

# subject_pinned(s): some condition operator tests a key ending in ":sub" with values that are not all "*".
subject_pinned(s) if {
	some _, keys in object.get(s, "Condition", {})
	some key, values in keys
	endswith(key, ":sub")
	some x in lib.as_list(values)
	not x in {"*", "repo:*"}
}

deny contains v if {
	some n in input.nodes
	some [i, s] in aws.statements(aws.trust_doc(n))
	web_identity(s)
	not subject_pinned(s)
	v := {"node": n.id, "field": sprintf("assume_role_policy.Statement[%d]", [i]), "msg": sprintf("%s: trust statement %d lets any identity of %v assume the role (no condition on sub)", [n.id, i, object.get(object.get(s, "Principal", {}), "Federated", "the provider")])}
}
