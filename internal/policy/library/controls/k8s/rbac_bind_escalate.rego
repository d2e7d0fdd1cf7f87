# METADATA
# title: Roles do not grant bind or escalate
# description: >-
#   bind lets the subject bind any role, escalate lets it edit a role beyond its own permissions: either is a
#   path to cluster-admin.
# custom:
#   id: SEAM-K8S-RBAC-006
#   severity: critical
#   remediation: Remove bind and escalate on roles and clusterroles.
#   frameworks:
#     cis-kubernetes: ["5.1.8"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_bind_escalate

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	k8s.grants(r, {"bind", "escalate"}, {"roles", "clusterroles"})
	v := k8s.result(n, sprintf("rules[%d].verbs", [i]), sprintf("%s: rule %d can bind or escalate roles", [n.id, i]))
}
