# METADATA
# title: Pods do not set custom SELinux user, role or type
# description: >-
#   Setting an SELinux user or role, or a type outside container_t and its siblings, lets a container out of the
#   label that confines it; the baseline Pod Security Standard forbids it. Seam records seLinuxOptions by line:
#   a user or role fails, a type is an unknown to check.
# custom:
#   id: SEAM-K8S-PSS-009
#   severity: medium
#   remediation: Remove seLinuxOptions.user and .role; use type container_t, container_init_t, container_kvm_t or container_engine_t, or leave it unset.
#   frameworks:
#     nist-800-53: ["SC-39", "AC-3"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.selinux

import rego.v1

import data.seam.lib.k8s

# contexts are the manifest paths of the pod's and each container's securityContext.
contexts(n) := {sprintf("%s.securityContext", [k8s.pod_path(n)])} | {sprintf("%s.securityContext", [p]) | some [p, _] in k8s.containers(n)}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some ctx in contexts(n)
	some key in ["user", "role"]
	field := sprintf("%s.seLinuxOptions.%s", [ctx, key])
	k8s.has_line(n, field)
	v := k8s.result(n, field, sprintf("%s: %s sets a custom SELinux %s", [n.id, ctx, key]))
}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some ctx in contexts(n)
	field := sprintf("%s.seLinuxOptions.type", [ctx])
	k8s.has_line(n, field)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s may set an SELinux type outside container_t", [n.id, ctx]), "unknown": sprintf("%s is set, but Seam records only its line, not its value", [field])}
}
