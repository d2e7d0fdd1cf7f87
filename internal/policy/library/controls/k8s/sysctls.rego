# METADATA
# title: Pods set only safe sysctls
# description: >-
#   A sysctl outside the safe, namespaced set changes the kernel of the whole node, for every pod on it. The
#   baseline Pod Security Standard allows only kernel.shm_rmid_forced, net.ipv4.ip_local_port_range,
#   net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range,
#   net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout,
#   net.ipv4.tcp_keepalive_intvl and net.ipv4.tcp_keepalive_probes.
# custom:
#   id: SEAM-K8S-PSS-012
#   severity: medium
#   remediation: Remove the sysctl from securityContext.sysctls, or set it on dedicated nodes outside the pod spec.
#   frameworks:
#     nist-800-53: ["SC-39", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.sysctls

import rego.v1

import data.seam.lib.k8s

# safe is the baseline allow-list (kubernetes.io/docs/concepts/security/pod-security-standards, "Sysctls").
safe := {"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	ss := k8s.pod_sc(n, "sysctls")
	is_array(ss)
	some i, s in ss
	not safe[s]
	v := k8s.verdict(n, sprintf("%s.securityContext.sysctls[%d]", [k8s.pod_path(n), i]), sprintf("%s: the pod sets sysctl %v, which is not in the safe set", [n.id, s]), s)
}
