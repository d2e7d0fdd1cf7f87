# Tests of the Pod Security Standards baseline controls over the shared workload fixtures: good passes every
# control, bad fails each at the manifest path of the offending field, and a value Seam could not know gives
# an unknown result rather than a pass.
package seam.controls.k8s.pss_test

import rego.v1

import data.seam.controls.k8s.apparmor
import data.seam.controls.k8s.capabilities_baseline
import data.seam.controls.k8s.fixtures_test as f
import data.seam.controls.k8s.host_ipc
import data.seam.controls.k8s.host_network
import data.seam.controls.k8s.host_path
import data.seam.controls.k8s.host_pid
import data.seam.controls.k8s.host_ports
import data.seam.controls.k8s.privileged
import data.seam.controls.k8s.proc_mount
import data.seam.controls.k8s.seccomp_unconfined
import data.seam.controls.k8s.selinux
import data.seam.controls.k8s.sysctls

# hits renders results as [node, field, unknown?] for comparison.
hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

good := {"nodes": [f.good, f.cronjob]}

bad := {"nodes": [f.bad]}

ds := "k8s:ops/DaemonSet/agent"

c0 := "spec.template.spec.containers[0]"

# unknown_priv: the privileged flag comes from an unrendered Helm value.
unknown_priv := {"nodes": [json.patch(f.good, [{"op": "replace", "path": "/attrs/containers/0/security_context/privileged", "value": {"$unknown": "${PRIVILEGED}"}}])]}

test_privileged_passes if count(privileged.deny) == 0 with input as good

test_privileged_fails if {
	hits(privileged.deny) == {[ds, concat(".", [c0, "securityContext.privileged"]), false]} with input as bad
}

test_privileged_unknown if {
	hits(privileged.deny) == {["k8s:shop/Deployment/api", concat(".", [c0, "securityContext.privileged"]), true]} with input as unknown_priv
}

test_host_namespaces_pass if {
	count(host_pid.deny) == 0 with input as good
	count(host_ipc.deny) == 0 with input as good
	count(host_network.deny) == 0 with input as good
}

test_host_namespaces_fail if {
	hits(host_pid.deny) == {[ds, "spec.template.spec.hostPID", false]} with input as bad
	hits(host_ipc.deny) == {[ds, "spec.template.spec.hostIPC", false]} with input as bad
	hits(host_network.deny) == {[ds, "spec.template.spec.hostNetwork", false]} with input as bad
}

test_host_network_unknown if {
	inp := {"nodes": [json.patch(f.good, [{"op": "replace", "path": "/attrs/host_network", "value": {"$unknown": "${HOST_NET}"}}])]}
	hits(host_network.deny) == {["k8s:shop/Deployment/api", "spec.template.spec.hostNetwork", true]} with input as inp
}

test_host_path if {
	count(host_path.deny) == 0 with input as good
	hits(host_path.deny) == {[ds, "spec.template.spec.volumes[0].hostPath", false]} with input as bad
}

test_host_ports if {
	count(host_ports.deny) == 0 with input as good
	hits(host_ports.deny) == {[ds, concat(".", [c0, "ports[0].hostPort"]), false]} with input as bad
}

test_capabilities_baseline if {
	count(capabilities_baseline.deny) == 0 with input as good
	some v in capabilities_baseline.deny with input as bad
	v.field == concat(".", [c0, "securityContext.capabilities.add"])
	contains(v.msg, "NET_RAW, SYS_ADMIN")
	not contains(v.msg, "CHOWN")
}

test_apparmor if {
	count(apparmor.deny) == 0 with input as good
	hits(apparmor.deny) == {
		[ds, "spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/agent", false],
		[ds, concat(".", [c0, "securityContext.appArmorProfile.type"]), true],
	} with input as bad
}

test_selinux if {
	count(selinux.deny) == 0 with input as good
	hits(selinux.deny) == {[ds, "spec.template.spec.securityContext.seLinuxOptions.type", true]} with input as bad
	role := {"nodes": [json.patch(f.good, [{"op": "add", "path": "/attrs/lines/spec.template.spec.securityContext.seLinuxOptions.role", "value": 22}])]}
	hits(selinux.deny) == {["k8s:shop/Deployment/api", "spec.template.spec.securityContext.seLinuxOptions.role", false]} with input as role
}

test_seccomp_unconfined if {
	count(seccomp_unconfined.deny) == 0 with input as good
	hits(seccomp_unconfined.deny) == {[ds, "spec.template.spec.securityContext.seccompProfile.type", false]} with input as bad
}

test_proc_mount if {
	count(proc_mount.deny) == 0 with input as good
	hits(proc_mount.deny) == {[ds, concat(".", [c0, "securityContext.procMount"]), false]} with input as bad
}

test_sysctls if {
	count(sysctls.deny) == 0 with input as good
	hits(sysctls.deny) == {[ds, "spec.template.spec.securityContext.sysctls[0]", false]} with input as bad
	safe := {"nodes": [json.patch(f.good, [{"op": "replace", "path": "/attrs/security_context/sysctls", "value": ["net.ipv4.tcp_syncookies"]}])]}
	count(sysctls.deny) == 0 with input as safe
}
