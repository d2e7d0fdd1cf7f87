# METADATA
# title: Containers add no capability but NET_BIND_SERVICE
# description: >-
#   The restricted Pod Security Standard allows a container to add back only NET_BIND_SERVICE after dropping
#   ALL; any other added capability (even one the baseline set permits, such as CHOWN or SETUID) widens what a
#   compromised process can do.
# custom:
#   id: SEAM-K8S-PSR-005
#   severity: low
#   remediation: Remove every capability but NET_BIND_SERVICE from securityContext.capabilities.add.
#   frameworks:
#     cis-kubernetes: ["5.2.9"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.capabilities_restricted

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	extra := k8s.caps(c, "add") - {"NET_BIND_SERVICE"}
	count(extra) > 0
	v := k8s.result(n, sprintf("%s.securityContext.capabilities.add", [p]), sprintf("%s: container %s adds %s", [n.id, k8s.name(c), concat(", ", sort(extra))]))
}
