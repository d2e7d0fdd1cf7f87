# METADATA
# title: Containers set a memory limit
# description: >-
#   A container without a memory limit can take the node's memory until the kernel kills its neighbours: one
#   leaking or attacked pod takes others down. Seam reads the limit from the manifest paths the extractor
#   records.
# custom:
#   id: SEAM-K8S-WL-001
#   severity: medium
#   remediation: Set resources.limits.memory on every container (and a LimitRange per namespace as a default).
#   frameworks:
#     nist-800-53: ["SC-6"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.memory_limit

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	not startswith(p, sprintf("%s.ephemeralContainers", [k8s.pod_path(n)]))
	not k8s.has_line(n, sprintf("%s.resources.limits.memory", [p]))
	v := k8s.result(n, p, sprintf("%s: container %s sets no memory limit", [n.id, k8s.name(c)]))
}
