# Tests of the restricted Pod Security Standard controls and the other workload controls over the shared
# fixtures. The CronJob sets nothing, so it shows what the defaults are taken to be (root possible,
# escalation allowed, no seccomp profile, writable root, no limits).
package seam.controls.k8s.restricted_test

import rego.v1

import data.seam.controls.k8s.automount_unneeded
import data.seam.controls.k8s.capabilities_drop_all
import data.seam.controls.k8s.capabilities_restricted
import data.seam.controls.k8s.cpu_limit
import data.seam.controls.k8s.default_namespace
import data.seam.controls.k8s.default_sa
import data.seam.controls.k8s.env_literal_secret
import data.seam.controls.k8s.fixtures_test as f
import data.seam.controls.k8s.image_digest
import data.seam.controls.k8s.image_latest
import data.seam.controls.k8s.memory_limit
import data.seam.controls.k8s.privilege_escalation
import data.seam.controls.k8s.readonly_root
import data.seam.controls.k8s.run_as_non_root
import data.seam.controls.k8s.run_as_user_root
import data.seam.controls.k8s.sa_automount
import data.seam.controls.k8s.seccomp_required
import data.seam.controls.k8s.secret_env
import data.seam.controls.k8s.volume_types

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

good := {"nodes": [f.good]}

bad := {"nodes": [f.bad]}

cron := {"nodes": [f.cronjob]}

ds := "k8s:ops/DaemonSet/agent"

cj := "k8s:ops/CronJob/backup"

cjc := "spec.jobTemplate.spec.template.spec.containers[0]"

test_run_as_non_root if {
	count(run_as_non_root.deny) == 0 with input as good
	hits(run_as_non_root.deny) == {[cj, "spec.jobTemplate.spec.template.spec.securityContext.runAsNonRoot", false]} with input as cron
	unk := {"nodes": [json.patch(f.good, [{"op": "replace", "path": "/attrs/security_context", "value": {"run_as_non_root": {"$unknown": "${NON_ROOT}"}}}])]}
	hits(run_as_non_root.deny) == {["k8s:shop/Deployment/api", "spec.template.spec.securityContext.runAsNonRoot", true]} with input as unk
}

test_run_as_user_root if {
	count(run_as_user_root.deny) == 0 with input as good
	hits(run_as_user_root.deny) == {
		[ds, "spec.template.spec.securityContext.runAsUser", false],
		[ds, "spec.template.spec.securityContext.runAsUser", false],
	} with input as bad
}

test_privilege_escalation if {
	count(privilege_escalation.deny) == 0 with input as good
	hits(privilege_escalation.deny) == {[cj, concat(".", [cjc, "securityContext.allowPrivilegeEscalation"]), false]} with input as cron
}

test_capabilities_drop_all if {
	count(capabilities_drop_all.deny) == 0 with input as good
	hits(capabilities_drop_all.deny) == {[cj, concat(".", [cjc, "securityContext.capabilities"]), false]} with input as cron
}

test_capabilities_restricted if {
	count(capabilities_restricted.deny) == 0 with input as good
	some v in capabilities_restricted.deny with input as bad
	contains(v.msg, "CHOWN, NET_RAW, SYS_ADMIN")
}

test_seccomp_required if {
	count(seccomp_required.deny) == 0 with input as good
	hits(seccomp_required.deny) == {[cj, "spec.jobTemplate.spec.template.spec.securityContext.seccompProfile", false]} with input as cron
}

test_volume_types if {
	count(volume_types.deny) == 0 with input as good
	hits(volume_types.deny) == {[ds, "spec.template.spec.volumes[0]", false], [ds, "spec.template.spec.volumes[1]", false]} with input as bad
}

test_limits if {
	count(memory_limit.deny) == 0 with input as good
	count(cpu_limit.deny) == 0 with input as good
	hits(cpu_limit.deny) == {[cj, cjc, false]} with input as cron

	# the DaemonSet sets a CPU limit on its container but no memory limit, and its init container sets neither
	hits(memory_limit.deny) == {[ds, "spec.template.spec.containers[0]", false], [ds, "spec.template.spec.initContainers[0]", false]} with input as bad
	hits(cpu_limit.deny) == {[ds, "spec.template.spec.initContainers[0]", false]} with input as bad
}

test_image_latest if {
	count(image_latest.deny) == 0 with input as good
	count(image_latest.deny) == 0 with input as cron
	hits(image_latest.deny) == {[ds, "spec.template.spec.containers[0].image", false], [ds, "spec.template.spec.initContainers[0].image", true]} with input as bad
	untagged := {"nodes": [json.patch(f.good, [{"op": "replace", "path": "/attrs/containers/0/image", "value": "registry.example.com:5000/shop/api"}])]}
	count(image_latest.deny) == 1 with input as untagged
}

test_image_digest if {
	count(image_digest.deny) == 0 with input as good
	tagged := {"nodes": [json.patch(f.good, [{"op": "replace", "path": "/attrs/containers/0/image", "value": "registry.example.com:5000/shop/api:1.4.2"}])]}
	hits(image_digest.deny) == {["k8s:shop/Deployment/api", "spec.template.spec.containers[0].image", false]} with input as tagged
	hits(image_digest.deny) == {[ds, "spec.template.spec.initContainers[0].image", true]} with input as bad
}

test_readonly_root if {
	count(readonly_root.deny) == 0 with input as good
	hits(readonly_root.deny) == {[cj, concat(".", [cjc, "securityContext.readOnlyRootFilesystem"]), false]} with input as cron
}

# sa is the DaemonSet's default ServiceAccount as the engine shows it: a neighbour with no RBAC permissions.
sa := {"id": "k8s:ops/ServiceAccount/default", "kind": "identity", "type": "ServiceAccount", "name": "default", "attrs": {"namespace": "ops"}, "derived": {"rbac": {"bindings": [], "capabilities": [], "cluster_admin": false, "dangerous": [], "permissions": 0, "scopes": []}}}

with_sa(n, s) := json.patch(n, [
	{"op": "replace", "path": "/out", "value": [{"kind": "uses-identity", "to": s.id, "attrs": null}]},
	{"op": "replace", "path": "/neighbours", "value": {s.id: s}},
])

test_automount_unneeded if {
	count(automount_unneeded.deny) == 0 with input as {"nodes": [with_sa(f.good, sa)]}
	hits(automount_unneeded.deny) == {[ds, "spec.template.spec.automountServiceAccountToken", false]} with input as {"nodes": [with_sa(f.bad, sa)]}
	busy := json.patch(sa, [{"op": "replace", "path": "/derived/rbac/permissions", "value": 3}])
	count(automount_unneeded.deny) == 0 with input as {"nodes": [with_sa(f.bad, busy)]}
}

sa_node(x) := {"id": "k8s:ops/ServiceAccount/builder", "kind": "identity", "type": "ServiceAccount", "name": "builder", "file": "sa.yaml", "line": 1, "attrs": {"api_version": "v1", "automount_service_account_token": x, "lines": {"automountServiceAccountToken": 4}, "namespace": "ops"}}

test_sa_automount if {
	count(sa_automount.deny) == 0 with input as {"nodes": [sa_node(false)]}
	hits(sa_automount.deny) == {["k8s:ops/ServiceAccount/builder", "automountServiceAccountToken", false]} with input as {"nodes": [sa_node(null)]}
	hits(sa_automount.deny) == {["k8s:ops/ServiceAccount/builder", "automountServiceAccountToken", true]} with input as {"nodes": [sa_node({"$unknown": "${AUTOMOUNT}"})]}
}

test_default_sa if {
	count(default_sa.deny) == 0 with input as good
	hits(default_sa.deny) == {[ds, "spec.template.spec.serviceAccountName", false]} with input as bad
}

test_env_literal_secret if {
	count(env_literal_secret.deny) == 0 with input as good
	hits(env_literal_secret.deny) == {[ds, "spec.template.spec.containers[0].env[0]", false]} with input as bad
}

test_secret_env if {
	count(secret_env.deny) == 0 with input as good
	ref := {"nodes": [json.patch(f.good, [{"op": "add", "path": "/attrs/containers/0/env", "value": [{"line": 30, "name": "DATABASE_URL", "value_from": {"key": "DATABASE_URL", "optional": null, "secret": "orders-db"}}]}])]}
	hits(secret_env.deny) == {["k8s:shop/Deployment/api", "spec.template.spec.containers[0].env[0]", false]} with input as ref
}

test_default_namespace if {
	count(default_namespace.deny) == 0 with input as good
	dflt := {"nodes": [json.patch(f.good, [{"op": "replace", "path": "/attrs/namespace", "value": "default"}])]}
	hits(default_namespace.deny) == {["k8s:shop/Deployment/api", "metadata.namespace", false]} with input as dflt
}
