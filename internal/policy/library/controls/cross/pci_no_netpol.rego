# METADATA
# title: Card-data stores are not reachable from namespaces without a NetworkPolicy
# description: >-
#   PCI DSS requires the cardholder data environment to be segmented; a workload in a namespace with no
#   NetworkPolicy at all can be reached by, and reach from, every pod in the cluster, so a foothold anywhere
#   becomes a path to the card data. Relies on the stores' holds edges (link/data), connects-to and network-
#   reach edges from workloads (link/access, link/exposure), and the NetworkPolicies of the selection.
# custom:
#   id: SEAM-CROSS-NET-001
#   severity: high
#   remediation: Add default-deny NetworkPolicies to the namespace and allow only the flows to the card-data store that are needed.
#   frameworks:
#     cis-kubernetes: ["5.3.2"]
#     nist-800-53: ["SC-7", "AC-4"]
#     pci-dss: ["1.3.1", "1.3.2", "1.2.1"]
#   select:
#     kinds: [workload, datastore, network]
#     edges: {out: [connects-to, holds, network-reach], neighbours: false}
package seam.controls.cross.pci_no_netpol

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

# policed is the set of namespaces that have at least one NetworkPolicy.
policed := {k8s.namespace(p) | some p in input.nodes; p.type == "NetworkPolicy"}

# reached lists [store, workload] for the workloads of unpoliced namespaces with a connection or network
# reach to a store.
reached := [[s, w.id] |
	some w in input.nodes
	k8s.is_workload(w)
	not k8s.namespace(w) in policed
	some s in graph.out(w, "connects-to") | graph.out(w, "network-reach")
]

deny contains v if {
	some s in input.nodes
	s.kind == "datastore"
	"data-class:pci" in graph.out(s, "holds")
	ws := sort({w | some [t, w] in reached; t == s.id})
	count(ws) > 0
	nss := sort({k8s.namespace(graph.node(w)) | some w in ws})
	v := {"node": s.id, "msg": sprintf("%s holds card data and is reached from namespace(s) %s, which have no NetworkPolicy", [s.id, concat(", ", nss)]), "related": ws}
}
