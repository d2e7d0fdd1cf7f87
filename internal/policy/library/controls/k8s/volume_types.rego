# METADATA
# title: Pods use only the volume types the restricted standard allows
# description: >-
#   The restricted Pod Security Standard allows configMap, csi, downwardAPI, emptyDir, ephemeral,
#   persistentVolumeClaim, projected and secret volumes; other in-tree types (nfs, iscsi, gitRepo, hostPath …)
#   reach storage or code outside the cluster's control with the node's credentials.
# custom:
#   id: SEAM-K8S-PSR-007
#   severity: low
#   remediation: Use a persistentVolumeClaim (with a StorageClass) instead of the in-tree volume type.
#   frameworks:
#     nist-800-53: ["CM-7", "AC-3"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.volume_types

import rego.v1

import data.seam.lib.k8s

allowed := {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, vol] in k8s.volumes(n)
	not vol.type in allowed
	v := k8s.result(n, p, sprintf("%s: volume %s is of type %s, which the restricted standard does not allow", [n.id, vol.name, vol.type]))
}
