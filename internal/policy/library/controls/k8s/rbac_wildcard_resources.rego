# METADATA
# title: Roles do not grant every resource
# description: >-
#   A '*' in resources covers Secrets, pods/exec, RBAC objects and every custom resource installed later.
# custom:
#   id: SEAM-K8S-RBAC-002
#   severity: high
#   remediation: List the resources the subject needs instead of '*'.
#   frameworks:
#     cis-kubernetes: ["5.1.3"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_wildcard_resources

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	"*" in k8s.rule_set(r, "resources")
	v := k8s.result(n, sprintf("rules[%d].resources", [i]), sprintf("%s: rule %d grants every resource ('*')", [n.id, i]))
}
