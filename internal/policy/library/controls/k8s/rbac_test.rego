# Tests of the RBAC controls. bad_role, bad_crb and bad_rb are trimmed from `seam graph` over a manifest with
# a ClusterRole granting everything rule by rule ('*' on '*', secrets get/list, pods and pods/exec create,
# bind/escalate on clusterroles, impersonate), a ClusterRoleBinding of cluster-admin to ServiceAccount
# ops/builder and to system:authenticated, and a RoleBinding to system:anonymous. good_role reads configmaps
# and pods and one named Secret; good_rb binds it to a ServiceAccount; discovery binds system:discovery to
# system:authenticated, which Kubernetes itself does.
package seam.controls.k8s.rbac_test

import rego.v1

import data.seam.controls.k8s.rbac_anonymous
import data.seam.controls.k8s.rbac_authenticated
import data.seam.controls.k8s.rbac_bind_escalate
import data.seam.controls.k8s.rbac_cluster_admin
import data.seam.controls.k8s.rbac_create_pods
import data.seam.controls.k8s.rbac_impersonate
import data.seam.controls.k8s.rbac_nodes_proxy
import data.seam.controls.k8s.rbac_pods_exec
import data.seam.controls.k8s.rbac_sa_token
import data.seam.controls.k8s.rbac_secrets
import data.seam.controls.k8s.rbac_system_masters
import data.seam.controls.k8s.rbac_wildcard_resources
import data.seam.controls.k8s.rbac_wildcard_verbs

bad_role := {
	"id": "k8s:_cluster/ClusterRole/everything",
	"kind": "grant",
	"type": "ClusterRole",
	"name": "everything",
	"file": "bad.yaml",
	"line": 94,
	"attrs": {"api_version": "rbac.authorization.k8s.io/v1", "lines": {"rules": 97, "rules[0]": 98, "rules[0].apiGroups": 98, "rules[0].resources": 99, "rules[0].verbs": 100, "rules[1]": 101, "rules[1].apiGroups": 101, "rules[1].resources": 102, "rules[1].verbs": 103, "rules[2]": 104, "rules[2].apiGroups": 104, "rules[2].resources": 105, "rules[2].verbs": 106, "rules[3]": 107, "rules[3].apiGroups": 107, "rules[3].resources": 108, "rules[3].verbs": 109, "rules[4]": 110, "rules[4].apiGroups": 110, "rules[4].resources": 111, "rules[4].verbs": 112}, "rules": [{"api_groups": ["*"], "non_resource_urls": null, "resource_names": null, "resources": ["*"], "verbs": ["*"]}, {"api_groups": [""], "non_resource_urls": null, "resource_names": null, "resources": ["secrets"], "verbs": ["get", "list"]}, {"api_groups": [""], "non_resource_urls": null, "resource_names": null, "resources": ["pods/exec", "pods"], "verbs": ["create"]}, {"api_groups": ["rbac.authorization.k8s.io"], "non_resource_urls": null, "resource_names": null, "resources": ["clusterroles"], "verbs": ["bind", "escalate"]}, {"api_groups": [""], "non_resource_urls": null, "resource_names": null, "resources": ["users", "serviceaccounts"], "verbs": ["impersonate"]}]},
}

bad_crb := {
	"id": "k8s:_cluster/ClusterRoleBinding/builder-admin",
	"kind": "grant",
	"type": "ClusterRoleBinding",
	"name": "builder-admin",
	"file": "bad.yaml",
	"line": 114,
	"attrs": {"api_version": "rbac.authorization.k8s.io/v1", "lines": {"roleRef": 117, "roleRef.apiGroup": 117, "roleRef.kind": 117, "roleRef.name": 117, "subjects": 118, "subjects[0]": 119, "subjects[0].kind": 119, "subjects[0].name": 119, "subjects[0].namespace": 119, "subjects[1]": 120, "subjects[1].apiGroup": 120, "subjects[1].kind": 120, "subjects[1].name": 120}, "role_ref": {"api_group": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"}, "subjects": [{"api_group": "", "kind": "ServiceAccount", "name": "builder", "namespace": "ops"}, {"api_group": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:authenticated", "namespace": ""}]},
}

bad_rb := {
	"id": "k8s:ops/RoleBinding/anon",
	"kind": "grant",
	"type": "RoleBinding",
	"name": "anon",
	"file": "bad.yaml",
	"line": 122,
	"attrs": {"api_version": "rbac.authorization.k8s.io/v1", "lines": {"roleRef": 125, "roleRef.apiGroup": 125, "roleRef.kind": 125, "roleRef.name": 125, "subjects": 126, "subjects[0]": 127, "subjects[0].apiGroup": 127, "subjects[0].kind": 127, "subjects[0].name": 127}, "namespace": "ops", "role_ref": {"api_group": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "everything"}, "subjects": [{"api_group": "rbac.authorization.k8s.io", "kind": "User", "name": "system:anonymous", "namespace": ""}]},
}

good_role := {
	"id": "k8s:ops/Role/reader",
	"kind": "grant",
	"type": "Role",
	"name": "reader",
	"file": "rbac.yaml",
	"line": 1,
	"attrs": {"api_version": "rbac.authorization.k8s.io/v1", "namespace": "ops", "lines": {"rules[0].verbs": 9, "rules[1].verbs": 12}, "rules": [{"api_groups": [""], "non_resource_urls": null, "resource_names": null, "resources": ["configmaps", "pods"], "verbs": ["get", "list", "watch"]}, {"api_groups": [""], "non_resource_urls": null, "resource_names": ["api-tls"], "resources": ["secrets"], "verbs": ["get"]}]},
}

good_rb := {
	"id": "k8s:ops/RoleBinding/reader",
	"kind": "grant",
	"type": "RoleBinding",
	"name": "reader",
	"file": "rbac.yaml",
	"line": 14,
	"attrs": {"api_version": "rbac.authorization.k8s.io/v1", "namespace": "ops", "role_ref": {"api_group": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"}, "subjects": [{"api_group": "", "kind": "ServiceAccount", "name": "api", "namespace": "ops"}]},
}

discovery := {
	"id": "k8s:_cluster/ClusterRoleBinding/discovery",
	"kind": "grant",
	"type": "ClusterRoleBinding",
	"name": "discovery",
	"file": "rbac.yaml",
	"line": 30,
	"attrs": {"role_ref": {"api_group": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "system:discovery"}, "subjects": [{"api_group": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:authenticated", "namespace": ""}]},
}

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

good := {"nodes": [good_role, good_rb, discovery]}

bad := {"nodes": [bad_role, bad_crb, bad_rb]}

role := "k8s:_cluster/ClusterRole/everything"

test_rule_controls_pass if {
	count(rbac_wildcard_verbs.deny) == 0 with input as good
	count(rbac_wildcard_resources.deny) == 0 with input as good
	count(rbac_secrets.deny) == 0 with input as good
	count(rbac_pods_exec.deny) == 0 with input as good
	count(rbac_create_pods.deny) == 0 with input as good
	count(rbac_bind_escalate.deny) == 0 with input as good
	count(rbac_impersonate.deny) == 0 with input as good
	count(rbac_nodes_proxy.deny) == 0 with input as good
	count(rbac_sa_token.deny) == 0 with input as good
}

test_wildcards_fail if {
	hits(rbac_wildcard_verbs.deny) == {[role, "rules[0].verbs", false]} with input as bad
	hits(rbac_wildcard_resources.deny) == {[role, "rules[0].resources", false]} with input as bad
}

# The '*' rule grants each dangerous permission too; each control names it beside the explicit rule.
test_secrets_fail if hits(rbac_secrets.deny) == {[role, "rules[0].verbs", false], [role, "rules[1].verbs", false]} with input as bad

test_pods_exec_fail if hits(rbac_pods_exec.deny) == {[role, "rules[0].resources", false], [role, "rules[2].resources", false]} with input as bad

test_create_pods_fail if hits(rbac_create_pods.deny) == {[role, "rules[0].resources", false], [role, "rules[2].resources", false]} with input as bad

test_bind_escalate_fail if hits(rbac_bind_escalate.deny) == {[role, "rules[0].verbs", false], [role, "rules[3].verbs", false]} with input as bad

test_impersonate_fail if hits(rbac_impersonate.deny) == {[role, "rules[0].verbs", false], [role, "rules[4].verbs", false]} with input as bad

test_nodes_proxy_fail if hits(rbac_nodes_proxy.deny) == {[role, "rules[0].resources", false]} with input as bad

test_sa_token_fail if hits(rbac_sa_token.deny) == {[role, "rules[0].resources", false]} with input as bad

test_binding_controls_pass if {
	count(rbac_cluster_admin.deny) == 0 with input as good
	count(rbac_anonymous.deny) == 0 with input as good
	count(rbac_authenticated.deny) == 0 with input as good
	count(rbac_system_masters.deny) == 0 with input as good
}

test_cluster_admin_fail if hits(rbac_cluster_admin.deny) == {["k8s:_cluster/ClusterRoleBinding/builder-admin", "subjects[0]", false]} with input as bad

test_anonymous_fail if hits(rbac_anonymous.deny) == {["k8s:ops/RoleBinding/anon", "subjects[0]", false]} with input as bad

test_authenticated_fail if hits(rbac_authenticated.deny) == {["k8s:_cluster/ClusterRoleBinding/builder-admin", "subjects[1]", false]} with input as bad

test_system_masters_fail if {
	masters := json.patch(good_rb, [{"op": "replace", "path": "/attrs/subjects/0", "value": {"api_group": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:masters", "namespace": ""}}])
	hits(rbac_system_masters.deny) == {["k8s:ops/RoleBinding/reader", "subjects[0]", false]} with input as {"nodes": [masters]}
}
