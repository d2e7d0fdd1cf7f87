package kubernetes

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
)

// summary is what each fixture's comment promises: nodes as "id kind [implicit] @file:line", edges as
// "from -kind-> to @file:line", diagnostics as "file:line:severity".
type summary struct {
	Nodes       []string
	Edges       []string
	Diagnostics []string
}

func summarise(f model.Facts) summary {
	var s summary
	for _, n := range f.Nodes {
		line := n.ID + " " + string(n.Kind)
		if n.Implicit {
			line += " implicit"
		}
		s.Nodes = append(s.Nodes, fmt.Sprintf("%s @%s:%d", line, n.Prov.File, n.Prov.Line))
	}
	for _, e := range f.Edges {
		s.Edges = append(s.Edges, fmt.Sprintf("%s -%s-> %s @%s:%d", e.From, e.Kind, e.To, e.Prov.File, e.Prov.Line))
	}
	for _, d := range f.Diagnostics {
		s.Diagnostics = append(s.Diagnostics, fmt.Sprintf("%s:%d:%s", d.File, d.Line, d.Severity))
	}
	return s
}

// TestFixtures checks each fixture directory against what its comments promise.
func TestFixtures(t *testing.T) {
	tests := map[string]summary{
		"app": {
			Nodes: []string{
				"image:docker.io/library/busybox:latest image implicit @node-agent.yaml:21",
				"image:docker.io/library/postgres:16 image implicit @cronjob.yaml:19",
				"image:ghcr.io/acme/report@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef image implicit @cronjob.yaml:23",
				"image:ghcr.io/acme/shop-api:1.4.2 image implicit @api.yaml:42",
				"k8s:_cluster/ClusterRole/cluster-admin grant implicit @rbac.yaml:36",
				"k8s:_cluster/ClusterRoleBinding/ops-admin grant @rbac.yaml:32",
				"k8s:_cluster/Group/ops identity implicit @rbac.yaml:41",
				"k8s:_cluster/Namespace/shop resource @namespace.yaml:3",
				"k8s:_cluster/User/alice identity implicit @rbac.yaml:44",
				"k8s:default/DaemonSet/node-agent workload @node-agent.yaml:6",
				"k8s:default/ServiceAccount/default identity implicit @node-agent.yaml:6",
				"k8s:kube-system/ServiceAccount/deployer identity implicit @rbac.yaml:47",
				"k8s:shop/ConfigMap/api-config datastore @config.yaml:28",
				"k8s:shop/CronJob/report workload @cronjob.yaml:5",
				"k8s:shop/Deployment/api workload @api.yaml:19",
				"k8s:shop/Ingress/api exposure @api.yaml:89",
				"k8s:shop/NetworkPolicy/allow-ingress-to-api network @netpol.yaml:14",
				"k8s:shop/NetworkPolicy/default-deny network @netpol.yaml:5",
				"k8s:shop/Role/secret-reader grant @rbac.yaml:9",
				"k8s:shop/RoleBinding/api-secrets grant @rbac.yaml:19",
				"k8s:shop/Secret/api-db datastore @config.yaml:15",
				"k8s:shop/Secret/report-creds datastore implicit @cronjob.yaml:28",
				"k8s:shop/Secret/shop-tls datastore implicit @api.yaml:97",
				"k8s:shop/Service/api exposure @api.yaml:76",
				"k8s:shop/Service/static exposure implicit @api.yaml:109",
				"k8s:shop/ServiceAccount/api identity @api.yaml:10",
				"k8s:shop/ServiceAccount/default identity implicit @cronjob.yaml:5",
			},
			Edges: []string{
				"k8s:_cluster/ClusterRoleBinding/ops-admin -attached-to-> k8s:_cluster/Group/ops @rbac.yaml:41",
				"k8s:_cluster/ClusterRoleBinding/ops-admin -attached-to-> k8s:_cluster/User/alice @rbac.yaml:44",
				"k8s:_cluster/ClusterRoleBinding/ops-admin -attached-to-> k8s:kube-system/ServiceAccount/deployer @rbac.yaml:47",
				"k8s:_cluster/ClusterRoleBinding/ops-admin -references-> k8s:_cluster/ClusterRole/cluster-admin @rbac.yaml:36",
				"k8s:default/DaemonSet/node-agent -runs-> image:docker.io/library/busybox:latest @node-agent.yaml:21",
				"k8s:default/DaemonSet/node-agent -uses-identity-> k8s:default/ServiceAccount/default @node-agent.yaml:6",
				"k8s:shop/CronJob/report -mounts-> k8s:shop/Secret/report-creds @cronjob.yaml:28",
				"k8s:shop/CronJob/report -runs-> image:docker.io/library/postgres:16 @cronjob.yaml:19",
				"k8s:shop/CronJob/report -runs-> image:ghcr.io/acme/report@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef @cronjob.yaml:23",
				"k8s:shop/CronJob/report -uses-identity-> k8s:shop/ServiceAccount/default @cronjob.yaml:5",
				"k8s:shop/Deployment/api -mounts-> k8s:shop/ConfigMap/api-config @api.yaml:73",
				"k8s:shop/Deployment/api -reads-secret-> k8s:shop/Secret/api-db @api.yaml:51",
				"k8s:shop/Deployment/api -references-> k8s:shop/ConfigMap/api-config @api.yaml:57",
				"k8s:shop/Deployment/api -runs-> image:ghcr.io/acme/shop-api:1.4.2 @api.yaml:42",
				"k8s:shop/Deployment/api -uses-identity-> k8s:shop/ServiceAccount/api @api.yaml:35",
				"k8s:shop/Ingress/api -references-> k8s:shop/Secret/shop-tls @api.yaml:97",
				"k8s:shop/Ingress/api -routes-to-> k8s:shop/Service/api @api.yaml:103",
				"k8s:shop/Ingress/api -routes-to-> k8s:shop/Service/static @api.yaml:109",
				"k8s:shop/NetworkPolicy/allow-ingress-to-api -selects-> k8s:shop/Deployment/api @netpol.yaml:20",
				"k8s:shop/NetworkPolicy/default-deny -selects-> k8s:shop/CronJob/report @netpol.yaml:11",
				"k8s:shop/NetworkPolicy/default-deny -selects-> k8s:shop/Deployment/api @netpol.yaml:11",
				"k8s:shop/RoleBinding/api-secrets -attached-to-> k8s:shop/ServiceAccount/api @rbac.yaml:29",
				"k8s:shop/RoleBinding/api-secrets -references-> k8s:shop/Role/secret-reader @rbac.yaml:24",
				"k8s:shop/Service/api -routes-to-> k8s:shop/Deployment/api @api.yaml:85",
			},
		},
		"broken": {
			Nodes: []string{
				"image:ghcr.io/acme/web:3 image implicit @oddities.yaml:33",
				"image:registry.example.com:5000/team/typo:2 image implicit @multidoc.yaml:34",
				"k8s:_cluster/ClusterRole/view grant implicit @oddities.yaml:41",
				"k8s:_cluster/ClusterRoleBinding/bad-subject grant @oddities.yaml:37",
				"k8s:edge/ConfigMap/first datastore @multidoc.yaml:7",
				"k8s:edge/Deployment/typo workload @multidoc.yaml:22",
				"k8s:edge/Pod/anchored workload @oddities.yaml:20",
				"k8s:edge/Service/last exposure @multidoc.yaml:36",
				"k8s:edge/ServiceAccount/default identity implicit @multidoc.yaml:22",
			},
			Edges: []string{
				"k8s:_cluster/ClusterRoleBinding/bad-subject -references-> k8s:_cluster/ClusterRole/view @oddities.yaml:41",
				"k8s:edge/Deployment/typo -runs-> image:registry.example.com:5000/team/typo:2 @multidoc.yaml:34",
				"k8s:edge/Deployment/typo -uses-identity-> k8s:edge/ServiceAccount/default @multidoc.yaml:22",
				"k8s:edge/Pod/anchored -runs-> image:ghcr.io/acme/web:3 @oddities.yaml:33",
				"k8s:edge/Pod/anchored -uses-identity-> k8s:edge/ServiceAccount/default @oddities.yaml:20",
				"k8s:edge/Service/last -routes-to-> k8s:edge/Deployment/typo @multidoc.yaml:42",
			},
			Diagnostics: []string{
				"multidoc.yaml:20:error",
				"multidoc.yaml:28:error",
				"oddities.yaml:9:warning",
				"oddities.yaml:16:error",
				"oddities.yaml:43:warning",
			},
		},
		"crd": {
			Nodes: []string{
				"k8s:_cluster/CustomResourceDefinition/clusterthings.example.com resource @certificates.yaml:9",
				"k8s:_cluster/Thing/one resource @certificates.yaml:24",
				"k8s:default/Widget/w1 resource @certificates.yaml:43",
				"k8s:payments/Certificate/api-tls resource @certificates.yaml:33",
			},
		},
		"helm": {
			Nodes: []string{
				"k8s:monitoring/ConfigMap/alert-templates datastore @alerting.yaml:3",
			},
			Diagnostics: []string{
				"templates/deployment.yaml:1:info",
			},
		},
		"notk8s": {},
		"overlay": {
			Nodes: []string{
				"image:docker.io/library/nginx:1.27 image implicit @base/deployment.yaml:14",
				"image:docker.io/library/nginx:1.27.1 image implicit @prod/deployment.yaml:14",
				"k8s:web/Deployment/site workload @base/deployment.yaml:3",
				"k8s:web/Deployment/site workload @prod/deployment.yaml:3",
				"k8s:web/ServiceAccount/default identity implicit @base/deployment.yaml:3",
			},
			Edges: []string{
				"k8s:web/Deployment/site -runs-> image:docker.io/library/nginx:1.27 @base/deployment.yaml:14",
				"k8s:web/Deployment/site -runs-> image:docker.io/library/nginx:1.27.1 @prod/deployment.yaml:14",
				"k8s:web/Deployment/site -uses-identity-> k8s:web/ServiceAccount/default @base/deployment.yaml:3",
				"k8s:web/Deployment/site -uses-identity-> k8s:web/ServiceAccount/default @prod/deployment.yaml:3",
			},
		},
	}
	for _, dir := range caseDirs {
		t.Run(dir, func(t *testing.T) {
			want, ok := tests[dir]
			if !ok {
				t.Fatalf("no expectation for %s", dir)
			}
			if diff := cmp.Diff(want, summarise(extractDir(t, dir))); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}
