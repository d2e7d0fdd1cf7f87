# METADATA
# title: Containers do not set runAsUser 0
# description: >-
#   runAsUser: 0 asks for root explicitly, whatever the image says; the restricted Pod Security Standard forbids
#   it.
# custom:
#   id: SEAM-K8S-PSR-002
#   severity: high
#   remediation: Set runAsUser to a non-zero UID the image supports.
#   frameworks:
#     cis-kubernetes: ["5.2.7"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.run_as_user_root

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	x := k8s.effective(n, c, "run_as_user")
	x == 0
	v := k8s.result(n, k8s.effective_field(n, p, c, "run_as_user", "runAsUser"), sprintf("%s: container %s runs as UID 0", [n.id, k8s.name(c)]))
}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	x := k8s.effective(n, c, "run_as_user")
	k8s.unknown(x)
	v := k8s.unknown_result(n, k8s.effective_field(n, p, c, "run_as_user", "runAsUser"), sprintf("%s: container %s may run as UID 0", [n.id, k8s.name(c)]), x)
}
