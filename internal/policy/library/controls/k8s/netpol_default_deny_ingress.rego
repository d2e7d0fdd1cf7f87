# METADATA
# title: Namespaces with workloads have a default-deny ingress NetworkPolicy
# description: >-
#   Without a NetworkPolicy that selects every pod and allows no ingress by default, any pod in the cluster — an
#   attacker's foothold in the least important one included — can connect to every pod of the namespace. Seam
#   looks for a NetworkPolicy in the namespace with an empty podSelector and policy type Ingress; the result is
#   on the Namespace when the files define it, else on the first workload of the namespace.
# custom:
#   id: SEAM-K8S-NET-001
#   severity: medium
#   remediation: "Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] to the namespace, then allow the flows the workloads need."
#   frameworks:
#     cis-kubernetes: ["5.3.2"]
#     nist-800-53: ["SC-7", "AC-4"]
#     pci-dss: ["1.3.1", "1.2.1"]
#   select:
#     kinds: [workload, network, resource]
#     edges: []
package seam.controls.k8s.netpol_default_deny_ingress

import rego.v1

import data.seam.lib.k8s

# workloads[ns] is the set of Kubernetes workloads of namespace ns (a partial rule, only ever iterated whole).
workloads[ns] contains n.id if {
	some n in input.nodes
	k8s.is_workload(n)
	ns := k8s.namespace(n)
}

# protected is the set of namespaces with a NetworkPolicy that denies ingress to every pod by default.
protected := {k8s.namespace(p) |
	some p in input.nodes
	p.type == "NetworkPolicy"
	p.attrs.selects_all_pods == true
	p.attrs.default_deny_ingress == true
}

# namespace_nodes maps a namespace's name to its Namespace node (a cluster-scoped ID, one per name).
namespace_nodes := {n.name: n.id | some n in input.nodes; n.type == "Namespace"}

# subject(ns, ids) is the node a result names: the Namespace, else the namespace's first workload.
subject(ns, ids) := object.get(namespace_nodes, ns, min(ids))

deny contains v if {
	some ns, ids in workloads
	not ns in protected
	related := sort(ids)
	v := {"node": subject(ns, ids), "msg": sprintf("namespace %s runs %d workload(s) and has no default-deny ingress NetworkPolicy", [ns, count(related)]), "related": related}
}
