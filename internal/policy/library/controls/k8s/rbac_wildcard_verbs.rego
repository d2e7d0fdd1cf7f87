# METADATA
# title: Roles do not grant every verb
# description: >-
#   A '*' in verbs grants every present and future verb, including escalate, bind, impersonate and
#   deletecollection; least privilege names the verbs the subject needs.
# custom:
#   id: SEAM-K8S-RBAC-001
#   severity: high
#   remediation: List the verbs the subject needs instead of '*'.
#   frameworks:
#     cis-kubernetes: ["5.1.3"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_wildcard_verbs

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	"*" in k8s.rule_set(r, "verbs")
	v := k8s.result(n, sprintf("rules[%d].verbs", [i]), sprintf("%s: rule %d grants every verb ('*')", [n.id, i]))
}
