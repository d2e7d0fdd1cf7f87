# METADATA
# title: Containers set a cpu limit
# description: >-
#   A container without a CPU limit can starve the other pods of its node; an attacker mining or flooding inside
#   it degrades everything scheduled beside it. Seam reads the limit from the manifest paths the extractor
#   records.
# custom:
#   id: SEAM-K8S-WL-002
#   severity: low
#   remediation: Set resources.limits.cpu on every container (and a LimitRange per namespace as a default).
#   frameworks:
#     nist-800-53: ["SC-6"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.cpu_limit

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	not startswith(p, sprintf("%s.ephemeralContainers", [k8s.pod_path(n)]))
	not k8s.has_line(n, sprintf("%s.resources.limits.cpu", [p]))
	v := k8s.result(n, p, sprintf("%s: container %s sets no cpu limit", [n.id, k8s.name(c)]))
}
