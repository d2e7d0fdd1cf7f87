# METADATA
# title: Containers do not run AppArmor unconfined
# description: >-
#   AppArmor confines what a container process may do on the node; an unconfined profile removes that layer,
#   which the baseline Pod Security Standard forbids. Seam reads the beta annotation's value; a
#   securityContext.appArmorProfile is recorded by line only, so an unknown result asks for its type to be
#   checked.
# custom:
#   id: SEAM-K8S-PSS-008
#   severity: medium
#   remediation: Use the runtime/default (RuntimeDefault) or a localhost AppArmor profile.
#   frameworks:
#     nist-800-53: ["SC-39", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.apparmor

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some key, val in object.get(n.attrs, "pod_annotations", {})
	startswith(key, "container.apparmor.security.beta.kubernetes.io/")
	lower(val) == "unconfined"
	v := k8s.result(n, sprintf("%s.annotations.%s", [k8s.pod_meta(n), key]), sprintf("%s: container %s runs AppArmor unconfined (annotation %s)", [n.id, trim_prefix(key, "container.apparmor.security.beta.kubernetes.io/"), key]))
}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some field in {sprintf("%s.securityContext.appArmorProfile.type", [k8s.pod_path(n)])} | {f | some [p, _] in k8s.containers(n); f := sprintf("%s.securityContext.appArmorProfile.type", [p])}
	k8s.has_line(n, field)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s may be Unconfined", [n.id, field]), "unknown": sprintf("%s is set, but Seam records only its line, not its value", [field])}
}
