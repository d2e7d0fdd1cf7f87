# METADATA
# title: Pods do not share hostPID
# description: >-
#   A pod with hostPID shares the host's process namespace: it sees and can signal or ptrace every process on
#   the node, and read their environment. Kubernetes Pod Security Standards (baseline) forbid it.
# custom:
#   id: SEAM-K8S-PSS-002
#   severity: high
#   remediation: "Remove hostPID: true from the pod spec."
#   frameworks:
#     cis-kubernetes: ["5.2.3"]
#     nist-800-53: ["SC-39", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.host_pid

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	x := object.get(n.attrs, "host_pid", false)
	k8s.true_or_unknown(x)
	v := k8s.verdict(n, k8s.pod_field(n, "hostPID"), sprintf("%s: the pod shares the host's PID namespace (hostPID: true)", [n.id]), x)
}
