# METADATA
# title: Roles do not read Secrets
# description: >-
#   get, list or watch on Secrets reads every credential in scope, including other ServiceAccounts' tokens; list
#   and watch return the values, not just names.
# custom:
#   id: SEAM-K8S-RBAC-003
#   severity: high
#   remediation: Remove get/list/watch on secrets, or restrict the rule to named Secrets (resourceNames).
#   frameworks:
#     cis-kubernetes: ["5.1.2"]
#     nist-800-53: ["AC-6", "IA-5"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_secrets

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	k8s.grants(r, {"get", "list", "watch"}, {"secrets"})
	count(k8s.rule_set(r, "resource_names")) == 0
	v := k8s.result(n, sprintf("rules[%d].verbs", [i]), sprintf("%s: rule %d can read Secrets", [n.id, i]))
}
