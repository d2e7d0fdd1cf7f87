# METADATA
# title: Pods do not share hostNetwork
# description: >-
#   A pod with hostNetwork shares the host's network namespace: it bypasses NetworkPolicy, binds node ports,
#   sniffs node traffic and reaches the instance metadata service as the node. Kubernetes Pod Security Standards
#   (baseline) forbid it.
# custom:
#   id: SEAM-K8S-PSS-004
#   severity: high
#   remediation: "Remove hostNetwork: true from the pod spec."
#   frameworks:
#     cis-kubernetes: ["5.2.5"]
#     nist-800-53: ["SC-39", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.host_network

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	x := object.get(n.attrs, "host_network", false)
	k8s.true_or_unknown(x)
	v := k8s.verdict(n, k8s.pod_field(n, "hostNetwork"), sprintf("%s: the pod shares the host's Network namespace (hostNetwork: true)", [n.id]), x)
}
