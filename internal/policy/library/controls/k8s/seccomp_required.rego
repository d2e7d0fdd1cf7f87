# METADATA
# title: Containers run with a RuntimeDefault or Localhost seccomp profile
# description: >-
#   Without a seccomp profile most runtimes run containers unconfined, with every system call of the kernel open
#   to an exploit. The restricted Pod Security Standard requires RuntimeDefault or Localhost, on the pod or on
#   every container.
# custom:
#   id: SEAM-K8S-PSR-006
#   severity: medium
#   remediation: "Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod."
#   frameworks:
#     cis-kubernetes: ["5.7.2"]
#     nist-800-53: ["SC-39", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.seccomp_required

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	x := k8s.effective(n, c, "seccomp_profile")
	not x in {"RuntimeDefault", "Localhost", "Unconfined"}
	v := k8s.verdict(n, k8s.effective_field(n, p, c, "seccomp_profile", "seccompProfile"), sprintf("%s: container %s has no seccomp profile (RuntimeDefault or Localhost required)", [n.id, k8s.name(c)]), x)
}
