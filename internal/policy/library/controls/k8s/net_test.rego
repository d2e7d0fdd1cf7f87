# Tests of the NetworkPolicy, exposure and ConfigMap/Secret controls. Nodes are trimmed from `seam graph`:
# examples/webshop (namespace shop: the api and storefront Deployments, an Ingress with TLS, a ClusterIP
# Service, a ConfigMap of plain settings and a NetworkPolicy for the storefront only — no default deny, so
# api is reachable from every pod), a hardened manifest (a default-deny NetworkPolicy for both directions),
# and a manifest with a LoadBalancer and a NodePort Service, an Ingress without TLS and a ConfigMap holding
# DB_PASSWORD.
package seam.controls.k8s.net_test

import rego.v1

import data.seam.controls.k8s.configmap_secret
import data.seam.controls.k8s.ingress_tls
import data.seam.controls.k8s.netpol_default_deny_egress
import data.seam.controls.k8s.netpol_default_deny_ingress
import data.seam.controls.k8s.netpol_unselected
import data.seam.controls.k8s.sa_token_secret
import data.seam.controls.k8s.service_external_ips
import data.seam.controls.k8s.service_load_balancer
import data.seam.controls.k8s.service_node_port

api := {
	"id": "k8s:shop/Deployment/api",
	"kind": "workload",
	"type": "Deployment",
	"name": "api",
	"file": "deploy/k8s/api.yaml",
	"line": 18,
	"attrs": {"namespace": "shop", "containers": [{"args": null, "command": null, "env": [{"line": 50, "name": "AWS_REGION", "value_from": {"config_map": "webshop-config", "key": "AWS_REGION", "optional": null}}, {"line": 55, "name": "DOCUMENTS_BUCKET", "value_from": {"config_map": "webshop-config", "key": "DOCUMENTS_BUCKET", "optional": null}}, {"line": 60, "name": "DATABASE_URL", "value_from": {"key": "DATABASE_URL", "optional": null, "secret": "orders-db"}}], "env_from": null, "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2", "image_pull_policy": "", "line": 44, "name": "api", "ports": [{"container_port": 8080, "name": "http", "protocol": "TCP"}], "security_context": {"allow_privilege_escalation": false, "capabilities": {"add": null, "drop": ["ALL"]}, "privileged": null, "proc_mount": null, "read_only_root_filesystem": true, "run_as_group": null, "run_as_non_root": null, "run_as_user": null, "seccomp_profile": null}, "volume_mounts": null}], "lines": {"metadata.labels.app.kubernetes.io/name": 24, "metadata.labels.app.kubernetes.io/part-of": 25, "metadata.labels.team": 26, "spec.template.spec.containers[0].image": 45, "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation": 76, "spec.template.spec.containers[0].securityContext.capabilities": 78, "spec.template.spec.securityContext": 39, "spec.template.spec.serviceAccountName": 38}, "service_account_name": "api"},
	"derived": {"reachable_from_cluster": {"all_pods": true, "reason": "no NetworkPolicy selects k8s:shop/Deployment/api: every pod in the cluster can reach it"}},
}

bad_cm := {
	"id": "k8s:ops/ConfigMap/cfg",
	"kind": "datastore",
	"type": "ConfigMap",
	"name": "cfg",
	"file": "bad.yaml",
	"line": 82,
	"attrs": {"api_version": "v1", "data": {"DB_PASSWORD": "[redacted]", "LOG_LEVEL": "info"}, "immutable": null, "keys": ["DB_PASSWORD", "LOG_LEVEL"], "lines": {"data": 85, "data.DB_PASSWORD": 86, "data.LOG_LEVEL": 87}, "namespace": "ops"},
	"derived": {},
}

cluster_ip := {
	"id": "k8s:shop/Service/api",
	"kind": "exposure",
	"type": "Service",
	"name": "api",
	"file": "deploy/k8s/api.yaml",
	"line": 81,
	"attrs": {"api_version": "v1", "cluster_ip": "", "external_ips": null, "external_name": "", "external_traffic_policy": "", "labels": {"app.kubernetes.io/name": "api"}, "lines": {"metadata.labels.app.kubernetes.io/name": 87}, "load_balancer_class": null, "load_balancer_source_ranges": null, "namespace": "shop", "ports": [{"name": "http", "port": 80, "protocol": "TCP", "target_port": "http"}], "selector": {"app.kubernetes.io/name": "api"}, "type": "ClusterIP"},
	"derived": {},
}

deny_all := {
	"id": "k8s:shop/NetworkPolicy/default-deny",
	"kind": "network",
	"type": "NetworkPolicy",
	"name": "default-deny",
	"file": "good.yaml",
	"line": 41,
	"attrs": {"api_version": "networking.k8s.io/v1", "default_deny_egress": true, "default_deny_ingress": true, "egress": null, "ingress": null, "lines": {"spec.podSelector": 45, "spec.policyTypes": 46}, "namespace": "shop", "pod_selector": {"match_expressions": null, "match_labels": null, "string": "<none>"}, "policy_types": ["Ingress", "Egress"], "selects_all_pods": true},
	"derived": {},
}

good_cm := {
	"id": "k8s:shop/ConfigMap/webshop-config",
	"kind": "datastore",
	"type": "ConfigMap",
	"name": "webshop-config",
	"file": "deploy/k8s/config.yaml",
	"line": 4,
	"attrs": {"api_version": "v1", "data": {"AWS_REGION": "eu-west-1", "DOCUMENTS_BUCKET": "customer-documents", "LOG_LEVEL": "info", "PRODUCT_IMAGES_BUCKET": "webshop-product-images"}, "immutable": null, "keys": ["AWS_REGION", "DOCUMENTS_BUCKET", "LOG_LEVEL", "PRODUCT_IMAGES_BUCKET"], "labels": {"app.kubernetes.io/part-of": "webshop"}, "lines": {"data.AWS_REGION": 12, "data.DOCUMENTS_BUCKET": 13, "data.LOG_LEVEL": 14, "data.PRODUCT_IMAGES_BUCKET": 15, "metadata.labels.app.kubernetes.io/part-of": 10}, "namespace": "shop"},
	"derived": {},
}

lb := {
	"id": "k8s:ops/Service/agent",
	"kind": "exposure",
	"type": "Service",
	"name": "agent",
	"file": "bad.yaml",
	"line": 54,
	"attrs": {"api_version": "v1", "cluster_ip": "", "external_ips": null, "external_name": "", "external_traffic_policy": "", "lines": {"spec.ports": 60, "spec.ports[0]": 60, "spec.ports[0].port": 60, "spec.ports[0].targetPort": 60, "spec.selector": 59, "spec.type": 58}, "load_balancer_class": null, "load_balancer_source_ranges": null, "namespace": "ops", "ports": [{"name": "", "port": 22, "protocol": "TCP", "target_port": 22}], "selector": {"app": "agent"}, "type": "LoadBalancer"},
	"derived": {},
}

nodeport := {
	"id": "k8s:ops/Service/np",
	"kind": "exposure",
	"type": "Service",
	"name": "np",
	"file": "bad.yaml",
	"line": 62,
	"attrs": {"api_version": "v1", "cluster_ip": "", "external_ips": null, "external_name": "", "external_traffic_policy": "", "lines": {"spec.ports": 68, "spec.ports[0]": 68, "spec.ports[0].nodePort": 68, "spec.ports[0].port": 68, "spec.selector": 67, "spec.type": 66}, "load_balancer_class": null, "load_balancer_source_ranges": null, "namespace": "ops", "ports": [{"name": "", "node_port": 30080, "port": 80, "protocol": "TCP", "target_port": 80}], "selector": {"app": "agent"}, "type": "NodePort"},
	"derived": {},
}

plain_ingress := {
	"id": "k8s:ops/Ingress/web",
	"kind": "exposure",
	"type": "Ingress",
	"name": "web",
	"file": "bad.yaml",
	"line": 70,
	"attrs": {"api_version": "networking.k8s.io/v1", "ingress_class_name": "", "lines": {"spec.rules": 74, "spec.rules[0]": 75, "spec.rules[0].host": 75, "spec.rules[0].http": 76}, "namespace": "ops", "rules": [{"host": "ops.example.com", "paths": [{"path": "/", "path_type": "Prefix", "port": 80, "service": "np"}]}], "tls": null},
	"derived": {},
}

shop_ns := {
	"id": "k8s:_cluster/Namespace/shop",
	"kind": "resource",
	"type": "Namespace",
	"name": "shop",
	"file": "deploy/k8s/namespace.yaml",
	"line": 3,
	"attrs": {"api_version": "v1", "labels": {"app.kubernetes.io/part-of": "webshop", "owner": "platform"}, "lines": {"metadata.labels.app.kubernetes.io/part-of": 8, "metadata.labels.owner": 9}},
	"derived": {},
}

storefront := {
	"id": "k8s:shop/Deployment/storefront",
	"kind": "workload",
	"type": "Deployment",
	"name": "storefront",
	"file": "deploy/k8s/storefront.yaml",
	"line": 4,
	"attrs": {"namespace": "shop", "containers": [{"args": null, "command": null, "env": [{"line": 31, "name": "API_URL", "value": "http://api.shop.svc.cluster.local"}], "env_from": null, "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0", "image_pull_policy": "", "line": 25, "name": "storefront", "ports": [{"container_port": 3000, "name": "http", "protocol": "TCP"}], "security_context": {"allow_privilege_escalation": null, "capabilities": null, "privileged": null, "proc_mount": null, "read_only_root_filesystem": null, "run_as_group": null, "run_as_non_root": null, "run_as_user": null, "seccomp_profile": null}, "volume_mounts": null}], "lines": {"metadata.labels.app.kubernetes.io/name": 10, "metadata.labels.app.kubernetes.io/part-of": 11, "metadata.labels.team": 12, "spec.template.spec.containers[0].image": 26}, "service_account_name": "default"},
	"derived": {"reachable_from_cluster": {"all_pods": false, "policies": ["k8s:shop/NetworkPolicy/storefront-from-ingress"], "reason": "NetworkPolicies select k8s:shop/Deployment/storefront (1); workloads of the scanned files they admit: 0", "sources": []}},
}

storefront_np := {
	"id": "k8s:shop/NetworkPolicy/storefront-from-ingress",
	"kind": "network",
	"type": "NetworkPolicy",
	"name": "storefront-from-ingress",
	"file": "deploy/k8s/network-policies.yaml",
	"line": 5,
	"attrs": {"api_version": "networking.k8s.io/v1", "default_deny_egress": false, "default_deny_ingress": false, "egress": null, "ingress": [{"from": [{"namespace_selector": {"match_expressions": null, "match_labels": {"kubernetes.io/metadata.name": "ingress-nginx"}, "string": "kubernetes.io/metadata.name=ingress-nginx"}, "pod_selector": null}], "ports": [{"end_port": null, "port": 3000, "protocol": "TCP"}]}], "namespace": "shop", "pod_selector": {"match_expressions": null, "match_labels": {"app.kubernetes.io/name": "storefront"}, "string": "app.kubernetes.io/name=storefront"}, "policy_types": ["Ingress"], "selects_all_pods": false},
	"derived": {},
}

tls_ingress := {
	"id": "k8s:shop/Ingress/webshop",
	"kind": "exposure",
	"type": "Ingress",
	"name": "webshop",
	"file": "deploy/k8s/ingress.yaml",
	"line": 4,
	"attrs": {"annotations": {"cert-manager.io/cluster-issuer": "letsencrypt", "nginx.ingress.kubernetes.io/proxy-body-size": "10m"}, "api_version": "networking.k8s.io/v1", "ingress_class_name": "nginx", "labels": {"app.kubernetes.io/part-of": "webshop"}, "lines": {"metadata.labels.app.kubernetes.io/part-of": 10}, "namespace": "shop", "rules": [{"host": "shop.acme.example", "paths": [{"path": "/api", "path_type": "Prefix", "port": "http", "service": "api"}, {"path": "/", "path_type": "Prefix", "port": 80, "service": "storefront"}]}], "tls": [{"hosts": ["shop.acme.example"], "secret_name": "shop-tls"}]},
	"derived": {},
}

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

test_default_deny_pass if {
	inp := {"nodes": [shop_ns, api, storefront, storefront_np, deny_all]}
	count(netpol_default_deny_ingress.deny) == 0 with input as inp
	count(netpol_default_deny_egress.deny) == 0 with input as inp
}

test_default_deny_fail if {
	inp := {"nodes": [shop_ns, api, storefront, storefront_np]}
	hits(netpol_default_deny_ingress.deny) == {["k8s:_cluster/Namespace/shop", "", false]} with input as inp
	hits(netpol_default_deny_egress.deny) == {["k8s:_cluster/Namespace/shop", "", false]} with input as inp

	# without the Namespace in the files the result names the namespace's first workload
	hits(netpol_default_deny_ingress.deny) == {["k8s:shop/Deployment/api", "", false]} with input as {"nodes": [storefront, api]}
}

test_unselected if {
	count(netpol_unselected.deny) == 0 with input as {"nodes": [storefront]}
	hits(netpol_unselected.deny) == {["k8s:shop/Deployment/api", "spec.selector", false]} with input as {"nodes": [api]}
}

test_services if {
	count(service_load_balancer.deny) == 0 with input as {"nodes": [cluster_ip, nodeport]}
	hits(service_load_balancer.deny) == {["k8s:ops/Service/agent", "spec.type", false]} with input as {"nodes": [lb]}
	ranged := json.patch(lb, [{"op": "replace", "path": "/attrs/load_balancer_source_ranges", "value": ["203.0.113.0/24"]}])
	count(service_load_balancer.deny) == 0 with input as {"nodes": [ranged]}
	internal := json.patch(lb, [{"op": "add", "path": "/attrs/annotations", "value": {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"}}])
	count(service_load_balancer.deny) == 0 with input as {"nodes": [internal]}
	count(service_node_port.deny) == 0 with input as {"nodes": [cluster_ip, lb]}
	hits(service_node_port.deny) == {["k8s:ops/Service/np", "spec.type", false]} with input as {"nodes": [nodeport]}
}

test_external_ips if {
	count(service_external_ips.deny) == 0 with input as {"nodes": [cluster_ip, lb]}
	ext := json.patch(cluster_ip, [{"op": "replace", "path": "/attrs/external_ips", "value": ["198.51.100.7"]}])
	hits(service_external_ips.deny) == {["k8s:shop/Service/api", "spec.externalIPs", false]} with input as {"nodes": [ext]}
}

test_ingress_tls if {
	count(ingress_tls.deny) == 0 with input as {"nodes": [tls_ingress]}
	hits(ingress_tls.deny) == {["k8s:ops/Ingress/web", "spec.rules", false]} with input as {"nodes": [plain_ingress]}
	unk := json.patch(tls_ingress, [{"op": "replace", "path": "/attrs/tls", "value": {"$unknown": "${TLS}"}}])
	hits(ingress_tls.deny) == {["k8s:shop/Ingress/webshop", "spec.tls", true]} with input as {"nodes": [unk]}
}

test_configmap_secret if {
	count(configmap_secret.deny) == 0 with input as {"nodes": [good_cm]}
	hits(configmap_secret.deny) == {["k8s:ops/ConfigMap/cfg", "data.DB_PASSWORD", false]} with input as {"nodes": [bad_cm]}
}

test_sa_token_secret if {
	tok := {"id": "k8s:ops/Secret/builder-token", "kind": "datastore", "type": "Secret", "name": "builder-token", "file": "sa.yaml", "line": 7, "attrs": {"namespace": "ops", "type": "kubernetes.io/service-account-token", "keys": ["token"]}}
	hits(sa_token_secret.deny) == {["k8s:ops/Secret/builder-token", "type", false]} with input as {"nodes": [tok]}
	opaque := json.patch(tok, [{"op": "replace", "path": "/attrs/type", "value": "Opaque"}])
	count(sa_token_secret.deny) == 0 with input as {"nodes": [opaque]}
}
