# METADATA
# title: Containers have a read-only root filesystem
# description: >-
#   A writable root filesystem lets an attacker who gets code execution drop tools and persist changes to the
#   image's binaries and configuration; read-only forces writes into declared volumes.
# custom:
#   id: SEAM-K8S-WL-003
#   severity: low
#   remediation: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process must write."
#   frameworks:
#     nist-800-53: ["CM-7", "SI-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.readonly_root

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	x := k8s.sc(c, "read_only_root_filesystem")
	x != true
	v := k8s.verdict(n, sprintf("%s.securityContext.readOnlyRootFilesystem", [p]), sprintf("%s: container %s has a writable root filesystem", [n.id, k8s.name(c)]), x)
}
