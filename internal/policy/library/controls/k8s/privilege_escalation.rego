# METADATA
# title: "Containers set allowPrivilegeEscalation: false"
# description: >-
#   Unless allowPrivilegeEscalation is false, a setuid binary or file capability in the image lets the process
#   gain privileges it did not start with (no_new_privs is not set). Unset counts as allowed, as it does at
#   runtime. The restricted Pod Security Standard requires it.
# custom:
#   id: SEAM-K8S-PSR-003
#   severity: medium
#   remediation: "Set securityContext.allowPrivilegeEscalation: false on every container."
#   frameworks:
#     cis-kubernetes: ["5.2.6"]
#     nist-800-53: ["AC-6", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.privilege_escalation

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	x := k8s.sc(c, "allow_privilege_escalation")
	x != false
	v := k8s.verdict(n, sprintf("%s.securityContext.allowPrivilegeEscalation", [p]), sprintf("%s: container %s allows privilege escalation (%v)", [n.id, k8s.name(c), x]), x)
}
