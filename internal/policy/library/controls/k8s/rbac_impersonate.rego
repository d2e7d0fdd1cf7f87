# METADATA
# title: Roles do not grant impersonate
# description: >-
#   impersonate lets the subject act as any user, group or ServiceAccount it names, system:masters included.
# custom:
#   id: SEAM-K8S-RBAC-007
#   severity: critical
#   remediation: Remove impersonate; grant the needed permissions directly.
#   frameworks:
#     cis-kubernetes: ["5.1.8"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_impersonate

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	k8s.grants(r, {"impersonate"}, {"users", "groups", "serviceaccounts", "userextras"})
	v := k8s.result(n, sprintf("rules[%d].verbs", [i]), sprintf("%s: rule %d can impersonate users, groups or ServiceAccounts", [n.id, i]))
}
