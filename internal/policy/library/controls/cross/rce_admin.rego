# METADATA
# title: Workloads with a code-execution vulnerability do not hold an admin-equivalent identity
# description: >-
#   A package with a remote-code-execution class vulnerability in a workload's image gives an attacker code in
#   the pod; if the pod's identity is admin-equivalent (cluster-admin through RBAC, or a cloud role that can
#   change identities' permissions), that is the cluster or the account. Walks workload → runs → image →
#   contains → module → contains → package, and package → affected-by → vulnerability from the vulnerability's in-edges (classes) and workload → uses-identity
#   → ServiceAccount → uses-identity → IAM role, between the selected nodes.
# custom:
#   id: SEAM-CROSS-VULN-001
#   severity: critical
#   remediation: Upgrade the affected package; give the workload an identity scoped to what it does.
#   frameworks:
#     nist-800-53: ["SI-2", "AC-6", "RA-5"]
#     pci-dss: ["6.3.3", "7.2.2"]
#   select:
#     kinds: [workload, image, module, vulnerability, identity]
#     edges: {out: [can-escalate-to, contains, runs, uses-identity], in: [affected-by], neighbours: false}
package seam.controls.cross.rce_admin

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some id in graph.identities(n)
	graph.admin_equivalent(id)
	vulns := graph.rce_vulnerabilities(n)
	count(vulns) > 0
	related := sort({x | some pair in vulns; some x in pair} | {id})
	v := {"node": n.id, "msg": sprintf("%s runs %d package(s) with a code-execution vulnerability and uses admin-equivalent identity %s", [n.id, count({p | some [p, _] in vulns}), id]), "related": related}
}
