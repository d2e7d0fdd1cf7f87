# METADATA
# title: Every workload is selected by a NetworkPolicy
# description: >-
#   A pod that no NetworkPolicy selects accepts connections from every pod of the cluster. Relies on the link
#   stage's derived.reachable_from_cluster, which evaluates the NetworkPolicies of the scanned files.
# custom:
#   id: SEAM-K8S-NET-003
#   severity: medium
#   remediation: Add a NetworkPolicy that selects the workload's pods and allows only the callers it needs.
#   frameworks:
#     cis-kubernetes: ["5.3.2"]
#     nist-800-53: ["SC-7", "AC-4"]
#     pci-dss: ["1.3.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.netpol_unselected

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	r := k8s.derived(n, "reachable_from_cluster")
	r.all_pods == true
	v := k8s.result(n, "spec.selector", sprintf("%s: %s", [n.id, r.reason]))
}
