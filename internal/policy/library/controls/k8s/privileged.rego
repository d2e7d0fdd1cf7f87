# METADATA
# title: Containers are not privileged
# description: >-
#   A privileged container has every Linux capability and the host's devices: one mount or one nsenter and the
#   attacker is root on the node, with every other pod's Service Account token and the node's cloud role.
#   Kubernetes Pod Security Standards (baseline) forbid it.
# custom:
#   id: SEAM-K8S-PSS-001
#   severity: critical
#   remediation: "Remove securityContext.privileged: true; grant only the capabilities the container needs."
#   frameworks:
#     cis-kubernetes: ["5.2.2"]
#     nist-800-53: ["AC-6", "CM-7", "SC-39"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.privileged

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	x := k8s.sc(c, "privileged")
	k8s.true_or_unknown(x)
	v := k8s.verdict(n, sprintf("%s.securityContext.privileged", [p]), sprintf("%s: container %s runs privileged", [n.id, k8s.name(c)]), x)
}
