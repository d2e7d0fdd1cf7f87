# METADATA
# title: Containers add no capability beyond the baseline set
# description: >-
#   Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE or SYS_MODULE each give a container part of root on
#   the node; the baseline Pod Security Standard allows only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID,
#   KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT.
# custom:
#   id: SEAM-K8S-PSS-007
#   severity: high
#   remediation: Remove the capability from securityContext.capabilities.add; most workloads need none.
#   frameworks:
#     cis-kubernetes: ["5.2.9"]
#     nist-800-53: ["AC-6", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.capabilities_baseline

import rego.v1

import data.seam.lib.k8s

# allowed is the baseline set (kubernetes.io/docs/concepts/security/pod-security-standards, "Capabilities").
allowed := {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	extra := k8s.caps(c, "add") - allowed
	count(extra) > 0
	v := k8s.result(n, sprintf("%s.securityContext.capabilities.add", [p]), sprintf("%s: container %s adds %s", [n.id, k8s.name(c), concat(", ", sort(extra))]))
}
