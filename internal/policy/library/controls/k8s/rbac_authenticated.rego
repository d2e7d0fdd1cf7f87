# METADATA
# title: Nothing beyond discovery is bound to all authenticated users
# description: >-
#   system:authenticated is every user and every ServiceAccount of the cluster (and on some managed clusters any
#   account of the cloud provider); a role bound to it is granted to every pod's token.
# custom:
#   id: SEAM-K8S-RBAC-012
#   severity: high
#   remediation: Bind the role to the users or groups that need it.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [RoleBinding, ClusterRoleBinding]
#     edges: []
package seam.controls.k8s.rbac_authenticated

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, s] in k8s.subjects(n)
	s.name == "system:authenticated"
	not k8s.role_name(n) in {"system:basic-user", "system:discovery", "system:public-info-viewer"}
	v := k8s.result(n, sprintf("subjects[%d]", [i]), sprintf("%s binds %s to %s %s: every authenticated identity", [n.id, k8s.role_name(n), s.kind, s.name]))
}
