# METADATA
# title: Roles do not allow exec or attach into pods
# description: >-
#   create on pods/exec or pods/attach runs commands in any pod in scope, with that pod's ServiceAccount token,
#   mounted Secrets and network position.
# custom:
#   id: SEAM-K8S-RBAC-004
#   severity: high
#   remediation: Remove pods/exec and pods/attach; use an audited break-glass role for debugging.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-17"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_pods_exec

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	k8s.grants(r, {"create", "get"}, {"pods/exec", "pods/attach"})
	v := k8s.result(n, sprintf("rules[%d].resources", [i]), sprintf("%s: rule %d can exec into pods", [n.id, i]))
}
