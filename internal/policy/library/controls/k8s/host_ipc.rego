# METADATA
# title: Pods do not share hostIPC
# description: >-
#   A pod with hostIPC shares the host's IPC namespace: it can read and write the shared memory of every process
#   on the node. Kubernetes Pod Security Standards (baseline) forbid it.
# custom:
#   id: SEAM-K8S-PSS-003
#   severity: high
#   remediation: "Remove hostIPC: true from the pod spec."
#   frameworks:
#     cis-kubernetes: ["5.2.4"]
#     nist-800-53: ["SC-39", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.host_ipc

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	x := object.get(n.attrs, "host_ipc", false)
	k8s.true_or_unknown(x)
	v := k8s.verdict(n, k8s.pod_field(n, "hostIPC"), sprintf("%s: the pod shares the host's IPC namespace (hostIPC: true)", [n.id]), x)
}
