# METADATA
# title: Workloads that need no API access do not mount a ServiceAccount token
# description: >-
#   A mounted ServiceAccount token is the first thing an attacker in a pod reads; when the ServiceAccount holds
#   no RBAC permissions the workload does not use the Kubernetes API, and the token only helps the attacker (it
#   still authenticates, and system:authenticated grants apply). Relies on the link stage's RBAC summary of the
#   ServiceAccount (derived.rbac) as a neighbour.
# custom:
#   id: SEAM-K8S-SA-001
#   severity: medium
#   remediation: "Set automountServiceAccountToken: false in the pod spec (or on its ServiceAccount)."
#   frameworks:
#     cis-kubernetes: ["5.1.6"]
#     nist-800-53: ["AC-6", "IA-5"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: {out: [uses-identity]}
package seam.controls.k8s.automount_unneeded

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	x := object.get(n.attrs, "automount_effective", true)
	x != false
	some e in n.out
	e.kind == "uses-identity"
	sa := n.neighbours[e.to]
	sa.type == "ServiceAccount"
	rbac := object.get(object.get(sa, "derived", {}), "rbac", {})
	object.get(rbac, "permissions", 0) == 0
	v := k8s.verdict(n, k8s.pod_field(n, "automountServiceAccountToken"), sprintf("%s mounts the token of %s, which has no RBAC permissions to use", [n.id, e.to]), x)
}
