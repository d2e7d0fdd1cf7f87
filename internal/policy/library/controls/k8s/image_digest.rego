# METADATA
# title: Container images are pinned by digest
# description: >-
#   A tag can be moved to another image at any time by whoever can push to the registry; only a digest names the
#   exact image that was reviewed and scanned.
# custom:
#   id: SEAM-K8S-IMG-002
#   severity: low
#   remediation: Add the image digest to the reference (name:tag@sha256:…), e.g. by resolving it in CI.
#   frameworks:
#     nist-800-53: ["CM-14", "SI-7"]
#     pci-dss: ["6.3.2"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.image_digest

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	is_string(c.image)
	[_, tag, digest] := k8s.image_parts(c.image)
	digest == ""
	not tag in {"", "latest"}
	v := k8s.result(n, sprintf("%s.image", [p]), sprintf("%s: container %s runs %s without a digest", [n.id, k8s.name(c), c.image]))
}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	k8s.unknown(c.image)
	v := k8s.unknown_result(n, sprintf("%s.image", [p]), sprintf("%s: container %s may run an image without a digest", [n.id, k8s.name(c)]), c.image)
}
