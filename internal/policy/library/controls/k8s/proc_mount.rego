# METADATA
# title: Containers use the default /proc mount
# description: >-
#   procMount: Unmasked exposes the host's /proc paths that the runtime normally masks (kernel memory, sysrq-
#   trigger, keys). Kubernetes Pod Security Standards (baseline) forbid it.
# custom:
#   id: SEAM-K8S-PSS-011
#   severity: high
#   remediation: Remove securityContext.procMount or set it to Default.
#   frameworks:
#     nist-800-53: ["SC-39", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.proc_mount

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	x := k8s.sc(c, "proc_mount")
	x != null
	x != "Default"
	v := k8s.verdict(n, sprintf("%s.securityContext.procMount", [p]), sprintf("%s: container %s mounts /proc %v", [n.id, k8s.name(c), x]), x)
}
