# METADATA
# title: Roles do not grant nodes/proxy
# description: >-
#   nodes/proxy reaches the kubelet API of every node, which runs commands in any pod on it and bypasses the API
#   server's audit log and admission.
# custom:
#   id: SEAM-K8S-RBAC-008
#   severity: high
#   remediation: Remove nodes/proxy from the role.
#   frameworks:
#     cis-kubernetes: ["5.1.10"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_nodes_proxy

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	k8s.grants(r, {"get", "create", "update", "patch"}, {"nodes/proxy"})
	v := k8s.result(n, sprintf("rules[%d].resources", [i]), sprintf("%s: rule %d reaches the kubelet through nodes/proxy", [n.id, i]))
}
