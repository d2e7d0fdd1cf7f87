# METADATA
# title: IAM users have no long-lived access keys made by Terraform
# description: >-
#   An aws_iam_access_key puts a permanent secret in the Terraform state, where everyone who can read the
#   state (CI, backends, laptops) holds it, and it never expires. Workloads should use roles; people should use
#   federated, short-lived sessions.
# custom:
#   id: SEAM-AWS-IAM-008
#   severity: medium
#   remediation: Replace the key with a role (instance profile, IRSA, OIDC federation for CI); if a key is unavoidable, create it outside Terraform and rotate it within 90 days.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-5", "IA-5(1)", "AC-2"]
#     pci-dss: ["8.3.9", "8.6.3"]
#     cis-kubernetes: []
#   select:
#     kinds: [identity]
#     types: [aws_iam_access_key]
#     edges: []
package seam.controls.aws.iam_access_key

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	status := object.get(n.attrs, "status", "Active")
	not lib.unknown(status)
	status == "Active"
	v := {"node": n.id, "field": "user", "msg": sprintf("%s is a long-lived access key for user %v, kept in the Terraform state", [n.id, n.attrs.user])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.status)
	v := {"node": n.id, "field": "status", "msg": sprintf("%s may be an active long-lived access key", [n.id]), "unknown": lib.unknown_msg("status", n.attrs.status)}
}
