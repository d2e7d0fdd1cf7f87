# METADATA
# title: "Nothing is bound to system:masters"
# description: >-
#   Members of system:masters bypass RBAC authorisation entirely and cannot be restricted by any binding;
#   granting to the group hides that.
# custom:
#   id: SEAM-K8S-RBAC-013
#   severity: high
#   remediation: Do not use the system:masters group; bind a scoped role to a dedicated group.
#   frameworks:
#     cis-kubernetes: ["5.1.7"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [RoleBinding, ClusterRoleBinding]
#     edges: []
package seam.controls.k8s.rbac_system_masters

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, s] in k8s.subjects(n)
	s.name == "system:masters"
	v := k8s.result(n, sprintf("subjects[%d]", [i]), sprintf("%s binds %s to %s %s", [n.id, k8s.role_name(n), s.kind, s.name]))
}
