# METADATA
# title: cluster-admin is bound only to system subjects
# description: >-
#   cluster-admin is every verb on every resource: a ServiceAccount, user or group bound to it owns the cluster,
#   and a pod with that ServiceAccount is a cluster takeover waiting for one flaw.
# custom:
#   id: SEAM-K8S-RBAC-010
#   severity: critical
#   remediation: Bind a role with the permissions the subject needs; keep cluster-admin for break-glass access.
#   frameworks:
#     cis-kubernetes: ["5.1.1"]
#     nist-800-53: ["AC-6", "AC-2"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [RoleBinding, ClusterRoleBinding]
#     edges: []
package seam.controls.k8s.rbac_cluster_admin

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, s] in k8s.subjects(n)
	k8s.role_name(n) == "cluster-admin"
	not startswith(s.name, "system:")
	v := k8s.result(n, sprintf("subjects[%d]", [i]), sprintf("%s binds %s to %s %s", [n.id, k8s.role_name(n), s.kind, s.name]))
}
