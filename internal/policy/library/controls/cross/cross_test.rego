# Tests of the cross-layer controls over webshop nodes (fixtures_test.rego). Each control fails on the
# example's real chain where the example has one (exposed api reading pii, SQL injection into the orders
# database, SSRF on an IMDSv1 node), and on a one-edge change of it where it does not (an advisory on a
# package, a cluster-admin ServiceAccount, a leaked key), and passes once the link that makes it dangerous
# is cut.
package seam.controls.cross.cross_test

import rego.v1

import data.seam.controls.cross.crown_jewel_owner
import data.seam.controls.cross.exposed_pii
import data.seam.controls.cross.exposed_rce
import data.seam.controls.cross.exposed_sqli_data
import data.seam.controls.cross.exposed_token_admin
import data.seam.controls.cross.fixtures_test as f
import data.seam.controls.cross.irsa_passrole
import data.seam.controls.cross.lambda_url_write
import data.seam.controls.cross.path_privileged
import data.seam.controls.cross.pci_no_netpol
import data.seam.controls.cross.rce_admin
import data.seam.controls.cross.secret_unlocks_prod
import data.seam.controls.cross.ssrf_imdsv1

hits(rs) := {[v.node, object.get(v, "unknown", "") != ""] | some v in rs}

api := "k8s:shop/Deployment/api"

test_exposed_pii if {
	count(exposed_pii.deny) == 0 with input as {"nodes": [f.storefront, f.worker]}
	hits(exposed_pii.deny) == {[api, false]} with input as {"nodes": [f.api, f.storefront, f.worker]}
}

test_exposed_sqli_data if {
	count(exposed_sqli_data.deny) == 0 with input as {"nodes": [f.storefront, f.worker]}
	hits(exposed_sqli_data.deny) == {[api, false]} with input as {"nodes": [f.api]}
}

# vuln is an advisory of class remote-code-execution on the api image's package, as the vulnerability stage
# draws it (docs/design/vulnerabilities.md): a vulnerability node and a package → vulnerability affected-by edge.
vuln := {"id": "vuln:CVE-2026-0001", "kind": "vulnerability", "type": "osv", "name": "CVE-2026-0001", "file": "osv:Go/GO-2026-0001.json", "line": 1, "attrs": {"aliases": ["CVE-2026-0001", "GO-2026-0001"], "classes": ["remote-code-execution"], "cwes": ["CWE-94"], "severity": "critical", "score": 9.8}, "derived": {}, "out": [], "in": [], "neighbours": {}, "paths": []}

affected(vex) := json.patch(vuln, [{"op": "add", "path": "/in", "value": [{"kind": "affected-by", "from": f.api_package.id, "attrs": {"installed": "1.6.3", "fixed": "1.6.4", "vex_status": vex}}]}])

chain(vex, sa) := {"nodes": [f.api, f.api_image, f.api_module, affected(vex), sa, f.irsa_api]}

admin_sa := json.patch(f.sa_api, [{"op": "add", "path": "/derived/rbac", "value": {"cluster_admin": true, "permissions": 40}}])

test_rce_admin if {
	# the api's identities (ServiceAccount api, IRSA role module.irsa_api) are not admin-equivalent
	count(rce_admin.deny) == 0 with input as chain("affected", f.sa_api)
	hits(rce_admin.deny) == {[api, false]} with input as chain("affected", admin_sa)
	count(rce_admin.deny) == 0 with input as chain("not_affected", admin_sa)
}

test_exposed_rce if {
	count(exposed_rce.deny) == 0 with input as chain("not_affected", f.sa_api)
	count(exposed_rce.deny) == 0 with input as {"nodes": [f.api, f.api_image, f.api_module, vuln]}
	hits(exposed_rce.deny) == {[api, false]} with input as chain("affected", f.sa_api)
}

test_pci_no_netpol if {
	# namespace shop has a NetworkPolicy (for the storefront)
	count(pci_no_netpol.deny) == 0 with input as {"nodes": [f.api, f.worker, f.orders_db, f.storefront_np]}
	hits(pci_no_netpol.deny) == {["infra/terraform:aws_db_instance.orders", false]} with input as {"nodes": [f.api, f.worker, f.orders_db]}
}

# secret is an AWS key found in the repository that unlocks the orders database's master identity.
secret(target) := {"id": "secret:deploy/k8s/legacy.env:3:aws-access-token", "kind": "secret", "type": "aws-access-token", "name": "AWS", "file": "deploy/k8s/legacy.env", "line": 3, "attrs": {"rule": "aws-access-token", "masked": "AKIA…(20)", "fingerprint": "sha256:0123456789abcdef", "key": "AWS_ACCESS_KEY_ID", "baselined": false}, "derived": {}, "out": [{"kind": "unlocks", "to": target.id, "attrs": {"method": "aws-access-key-state"}}], "in": [], "neighbours": {target.id: target}, "paths": []}

test_secret_unlocks_prod if {
	db := object.remove(f.orders_db, ["out", "in", "neighbours", "paths"])
	hits(secret_unlocks_prod.deny) == {["secret:deploy/k8s/legacy.env:3:aws-access-token", false]} with input as {"nodes": [secret(db)]}
	hits(secret_unlocks_prod.deny) == {["secret:deploy/k8s/legacy.env:3:aws-access-token", false]} with input as {"nodes": [secret(json.patch(db, [{"op": "remove", "path": "/derived/criticality"}]))]}
	dev := json.patch(db, [
		{"op": "replace", "path": "/derived/criticality", "value": {"tier": "tier-3", "rank": 3}},
		{"op": "replace", "path": "/attrs/tags_all", "value": {"environment": "staging"}},
		{"op": "remove", "path": "/attrs/tags"},
	])
	count(secret_unlocks_prod.deny) == 0 with input as {"nodes": [secret(dev)]}
}

on_path := json.patch(f.api, [{"op": "add", "path": "/paths", "value": [{"id": "path-1", "risk": 0.61, "entry": "internet", "target": "crown-jewel:orders-db", "role": "hop"}]}])

test_path_privileged if {
	count(path_privileged.deny) == 0 with input as {"nodes": [on_path]}
	priv := json.patch(on_path, [{"op": "replace", "path": "/attrs/containers/0/security_context/privileged", "value": true}])
	hits(path_privileged.deny) == {[api, false]} with input as {"nodes": [priv]}
	off := json.patch(priv, [{"op": "replace", "path": "/paths", "value": []}])
	count(path_privileged.deny) == 0 with input as {"nodes": [off]}
}

test_ssrf_imdsv1 if {
	hits(ssrf_imdsv1.deny) == {[api, false]} with input as {"nodes": [f.api, f.storefront, f.node_group, f.launch_template]}
	v2 := json.patch(f.launch_template, [{"op": "replace", "path": "/attrs/metadata_options/0/http_tokens", "value": "required"}])
	count(ssrf_imdsv1.deny) == 0 with input as {"nodes": [f.api, f.node_group, v2]}
	unk := json.patch(f.launch_template, [{"op": "replace", "path": "/attrs/metadata_options", "value": {"$unknown": "var.metadata_options"}}])
	hits(ssrf_imdsv1.deny) == {[api, true]} with input as {"nodes": [f.api, f.node_group, unk]}
}

# lambda: a function behind a URL of authorization_type NONE whose role can write a DynamoDB table.
url := {"id": "aws_lambda_function_url.orders", "kind": "exposure", "type": "aws_lambda_function_url", "name": "orders", "attrs": {"authorization_type": "NONE", "function_name": "orders"}, "derived": {}}

table := {"id": "aws_dynamodb_table.orders", "kind": "datastore", "type": "aws_dynamodb_table", "name": "orders", "attrs": {"name": "orders"}, "derived": {}}

fn(u) := {"id": "aws_lambda_function.orders", "kind": "workload", "type": "aws_lambda_function", "name": "orders", "file": "lambda.tf", "line": 1, "attrs": {"function_name": "orders"}, "derived": {}, "out": [{"kind": "uses-identity", "to": "aws_iam_role.orders", "attrs": {}}], "in": [{"kind": "routes-to", "from": u.id, "attrs": {"method": "function-url"}}], "neighbours": {u.id: u}, "paths": []}

# role(level) can do level on the table: its grants summary, as the input builder derives it from the role's
# can edges.
role(level) := {"id": "aws_iam_role.orders", "kind": "identity", "type": "aws_iam_role", "name": "orders", "file": "lambda.tf", "line": 20, "attrs": {}, "derived": {}, "grants": {"access": {level: {"datastore": [table.id]}}, "pass_role": []}, "out": [], "in": [], "neighbours": {}, "paths": []}

test_lambda_url_write if {
	hits(lambda_url_write.deny) == {["aws_lambda_function.orders", false]} with input as {"nodes": [fn(url), role("write")]}
	count(lambda_url_write.deny) == 0 with input as {"nodes": [fn(url), role("read")]}
	iam := json.patch(url, [{"op": "replace", "path": "/attrs/authorization_type", "value": "AWS_IAM"}])
	count(lambda_url_write.deny) == 0 with input as {"nodes": [fn(iam), role("write")]}
	unk := json.patch(url, [{"op": "replace", "path": "/attrs/authorization_type", "value": {"$unknown": "var.auth"}}])
	hits(lambda_url_write.deny) == {["aws_lambda_function.orders", true]} with input as {"nodes": [fn(unk), role("write")]}
}

test_irsa_passrole if {
	count(irsa_passrole.deny) == 0 with input as {"nodes": [f.sa_api, f.irsa_api]}
	passing := json.patch(f.irsa_api, [{"op": "add", "path": "/grants/pass_role/-", "value": "infra/terraform:aws_iam_role.node"}])
	hits(irsa_passrole.deny) == {["k8s:shop/ServiceAccount/api", false]} with input as {"nodes": [f.sa_api, passing]}
}

test_crown_jewel_owner if {
	count(crown_jewel_owner.deny) == 0 with input as {"nodes": [f.crown_orders, f.orders_db]}
	orphan := json.patch(f.orders_db, [{"op": "remove", "path": "/derived/owner"}])
	hits(crown_jewel_owner.deny) == {["infra/terraform:aws_db_instance.orders", false]} with input as {"nodes": [f.crown_orders, orphan]}
	hits(crown_jewel_owner.deny) == {["crown-jewel:orders-db", true]} with input as {"nodes": [f.crown_orders]}
}

test_exposed_token_admin if {
	api_admin := json.patch(f.api, [
		{"op": "replace", "path": "/attrs/automount_effective", "value": true},
		{"op": "add", "path": "/neighbours/k8s:shop~1ServiceAccount~1api/derived/rbac", "value": {"cluster_admin": true}},
	])
	hits(exposed_token_admin.deny) == {[api, false]} with input as {"nodes": [api_admin]}
	count(exposed_token_admin.deny) == 0 with input as {"nodes": [f.api]}
	no_token := json.patch(api_admin, [{"op": "replace", "path": "/attrs/automount_effective", "value": false}])
	count(exposed_token_admin.deny) == 0 with input as {"nodes": [no_token]}
}
