# METADATA
# title: Container environment holds no literal secret
# description: >-
#   A password or token written as a literal env value lives in the manifest, the repository's history, and
#   every copy of the Deployment anyone can get or list; it cannot be rotated without a change and a review. The
#   extractor marks such values (masked) by their name or shape.
# custom:
#   id: SEAM-K8S-SEC-001
#   severity: high
#   remediation: Move the value into a Secret (or an external secret store) and reference it with valueFrom.secretKeyRef.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     pci-dss: ["8.6.2", "8.3.2"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.env_literal_secret

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	some i, e in object.get(c, "env", [])
	literal_secret(e)
	v := k8s.result(n, sprintf("%s.env[%d]", [p, i]), sprintf("%s: container %s sets %s to a literal secret value", [n.id, k8s.name(c), e.name]))
}

literal_secret(e) if e.masked == true

literal_secret(e) if {
	not e.value_from
	is_string(e.value)
	e.value != ""
	k8s.secret_name(e.name)
	not endswith(lower(e.name), "_file")
}
