# METADATA
# title: Internet-exposed workloads do not mount a cluster-admin token
# description: >-
#   A pod the internet reaches that mounts the token of a cluster-admin-equivalent ServiceAccount puts the whole
#   cluster one file read away from any flaw in it. Relies on automount_effective (kubernetes extractor),
#   derived.exposure and the ServiceAccount's derived RBAC summary (link/rbac) as a neighbour.
# custom:
#   id: SEAM-CROSS-K8S-001
#   severity: critical
#   remediation: "Set automountServiceAccountToken: false, and move the admin permissions to an identity no exposed workload uses."
#   frameworks:
#     cis-kubernetes: ["5.1.1", "5.1.6"]
#     nist-800-53: ["AC-6", "SC-7"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [workload]
#     edges: {out: [uses-identity]}
package seam.controls.cross.exposed_token_admin

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	k8s.internet_exposed(n)
	object.get(n.attrs, "automount_effective", true) != false
	some e in graph.edges_out(n, "uses-identity")
	sa := n.neighbours[e.to]
	sa.derived.rbac.cluster_admin == true
	v := {"node": n.id, "field": k8s.pod_field(n, "automountServiceAccountToken"), "msg": sprintf("%s is reachable from the internet and mounts the token of %s, which is cluster-admin equivalent", [n.id, sa.id]), "related": [sa.id]}
}
