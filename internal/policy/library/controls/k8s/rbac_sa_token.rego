# METADATA
# title: Roles do not create ServiceAccount tokens
# description: >-
#   create on serviceaccounts/token mints a token for any ServiceAccount in scope: every permission of every
#   ServiceAccount there.
# custom:
#   id: SEAM-K8S-RBAC-009
#   severity: high
#   remediation: Remove create on serviceaccounts/token.
#   frameworks:
#     cis-kubernetes: ["5.1.13"]
#     nist-800-53: ["AC-6", "IA-5"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_sa_token

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	k8s.grants(r, {"create"}, {"serviceaccounts/token"})
	v := k8s.result(n, sprintf("rules[%d].resources", [i]), sprintf("%s: rule %d can mint ServiceAccount tokens", [n.id, i]))
}
