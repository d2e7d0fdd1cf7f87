# METADATA
# title: Nothing is bound to anonymous or unauthenticated users
# description: >-
#   A binding to system:anonymous or system:unauthenticated grants its role to anyone who can reach the API
#   server, with no credentials at all.
# custom:
#   id: SEAM-K8S-RBAC-011
#   severity: critical
#   remediation: Remove the subject from the binding.
#   frameworks:
#     nist-800-53: ["AC-14", "AC-6"]
#     pci-dss: ["7.2.1", "8.2.1"]
#   select:
#     kinds: [grant]
#     types: [RoleBinding, ClusterRoleBinding]
#     edges: []
package seam.controls.k8s.rbac_anonymous

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, s] in k8s.subjects(n)
	s.name in {"system:anonymous", "system:unauthenticated"}
	v := k8s.result(n, sprintf("subjects[%d]", [i]), sprintf("%s binds %s to %s %s: anyone who reaches the API server", [n.id, k8s.role_name(n), s.kind, s.name]))
}
