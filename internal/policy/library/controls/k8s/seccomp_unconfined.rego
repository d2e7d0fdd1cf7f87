# METADATA
# title: Pods and containers do not run seccomp Unconfined
# description: >-
#   Seccomp filters the system calls a container can make; Unconfined exposes the whole kernel interface to a
#   container exploit. Kubernetes Pod Security Standards (baseline) forbid it.
# custom:
#   id: SEAM-K8S-PSS-010
#   severity: high
#   remediation: "Set securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a reviewed profile)."
#   frameworks:
#     cis-kubernetes: ["5.7.2"]
#     nist-800-53: ["SC-39", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.seccomp_unconfined

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	x := k8s.pod_sc(n, "seccomp_profile")
	x == "Unconfined"
	v := k8s.result(n, sprintf("%s.securityContext.seccompProfile.type", [k8s.pod_path(n)]), sprintf("%s: the pod's seccomp profile is Unconfined", [n.id]))
}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	k8s.sc(c, "seccomp_profile") == "Unconfined"
	v := k8s.result(n, sprintf("%s.securityContext.seccompProfile.type", [p]), sprintf("%s: container %s's seccomp profile is Unconfined", [n.id, k8s.name(c)]))
}
