# METADATA
# title: Pods do not mount hostPath volumes
# description: >-
#   A hostPath volume gives the container a directory of the node: the root filesystem, the kubelet's
#   credentials or the container runtime's socket are a step from node takeover. Kubernetes Pod Security
#   Standards (baseline) forbid it.
# custom:
#   id: SEAM-K8S-PSS-005
#   severity: high
#   remediation: Replace the hostPath volume with a persistentVolumeClaim, emptyDir, configMap or secret volume.
#   frameworks:
#     cis-kubernetes: ["5.2.12"]
#     nist-800-53: ["AC-6", "SC-39"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.host_path

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, vol] in k8s.volumes(n)
	vol.type == "hostPath"
	v := k8s.verdict(n, sprintf("%s.hostPath", [p]), sprintf("%s: volume %s mounts the node's %v", [n.id, vol.name, object.get(vol, "path", "?")]), object.get(vol, "path", ""))
}
