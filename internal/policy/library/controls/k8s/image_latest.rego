# METADATA
# title: "Container images are not :latest or untagged"
# description: >-
#   An image without a tag, or tagged latest, is whatever was pushed last: the running code cannot be traced to
#   a build, a rollback restores nothing, and a poisoned push reaches production at the next restart.
# custom:
#   id: SEAM-K8S-IMG-001
#   severity: medium
#   remediation: Reference images by an immutable version tag and a digest (name:1.4.2@sha256:…).
#   frameworks:
#     nist-800-53: ["CM-2", "CM-14", "SI-7"]
#     pci-dss: ["6.3.2"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.image_latest

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	ref := c.image
	is_string(ref)
	[_, tag, digest] := k8s.image_parts(ref)
	digest == ""
	tag in {"", "latest"}
	v := k8s.result(n, sprintf("%s.image", [p]), sprintf("%s: container %s runs %s, a moving tag", [n.id, k8s.name(c), ref]))
}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	k8s.unknown(c.image)
	v := k8s.unknown_result(n, sprintf("%s.image", [p]), sprintf("%s: container %s may run a moving tag", [n.id, k8s.name(c)]), c.image)
}
