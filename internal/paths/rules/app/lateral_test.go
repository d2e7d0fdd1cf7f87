package app

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// TestForgedRequest runs app.forged-request over the cluster
//
//	web      (deploy/app.yaml:10)     forges requests; egress as each case says
//	billing  (deploy/billing.yaml:3)  isolated; its NetworkPolicy admits web: web -network-reach-> billing (:12)
//	vault    (deploy/vault.yaml:3)    isolated; admits nobody here
//	open     (deploy/open.yaml:3)     no NetworkPolicy, port http:8080
//	cache    (deploy/cache.yaml:3)    no NetworkPolicy, port redis:6379 only
//	batch    (deploy/batch.yaml:3)    no NetworkPolicy, no ports in the files
//	svc      (deploy/svc.yaml:3)      no NetworkPolicy, no container ports; Service svc routes http 80 → 8080 to it
//	db       (infra/main.tf:5)        web -network-reach-> db: a data store, not a service a forged request calls
//
// and an EC2 instance (aws_instance.web, infra/main.tf:20) that reaches aws_instance.admin (:30) by its
// security groups.
func TestForgedRequest(t *testing.T) {
	const billing, vault, open, cache, batch, svc = "k8s:app/Deployment/billing", "k8s:app/Deployment/vault",
		"k8s:app/Deployment/open", "k8s:app/Deployment/cache", "k8s:app/Deployment/batch", "k8s:app/Deployment/svc"
	const policy = "k8s:app/NetworkPolicy/billing"
	at := func(n model.Node, file string, line int) model.Node { n.Prov = prov(file, line); return n }
	instance := func(id string, line int) model.Node {
		return model.Node{ID: id, Kind: model.KindWorkload, Type: "aws_instance", Name: id, Prov: prov("infra/main.tf", line)}
	}
	nodes := []model.Node{
		workload(web, 10),
		at(workload(billing, 0, "http", 8080), "deploy/billing.yaml", 3),
		at(workload(vault, 0, "http", 8200), "deploy/vault.yaml", 3),
		at(workload(open, 0, "http", 8080), "deploy/open.yaml", 3),
		at(workload(cache, 0, "redis", 6379), "deploy/cache.yaml", 3),
		at(workload(batch, 0), "deploy/batch.yaml", 3),
		at(workload(svc, 0), "deploy/svc.yaml", 3),
		{ID: "k8s:app/Service/svc", Kind: model.KindExposure, Type: "Service", Name: "svc", Prov: prov("deploy/svc.yaml", 20),
			Attrs: map[string]any{"ports": []any{map[string]any{"name": "http", "port": 80, "target_port": 8080}}}},
		{ID: policy, Kind: model.KindNetwork, Type: "NetworkPolicy", Name: "billing", Prov: prov("deploy/billing.yaml", 30)},
		store("aws_db_instance.db", "aws_db_instance", map[string]any{"engine": "postgres"}, 5),
		instance("aws_instance.web", 20), instance("aws_instance.admin", 30),
	}
	edges := []model.Edge{
		linkEdge(web, model.EdgeNetworkReach, billing, 0.9, "deploy/billing.yaml", 32, map[string]any{"ports": []any{8080},
			"controls": []any{map[string]any{"id": policy, "kind": "network-policy", "file": "deploy/billing.yaml", "line": 32}}}),
		linkEdge(web, model.EdgeNetworkReach, "aws_db_instance.db", 0.9, "infra/main.tf", 7, nil),
		factEdge("k8s:app/Service/svc", model.EdgeRoutesTo, svc, "deploy/svc.yaml", 25),
		linkEdge("aws_instance.web", model.EdgeNetworkReach, "aws_instance.admin", 0.6, "infra/main.tf", 32,
			map[string]any{"ports": []any{80}, "assumptions": []any{"the CIDR var.office is assumed open"}}),
	}
	open3 := func(id, file string) model.Derived {
		return derive(id, "reachable_from_cluster", map[string]any{"all_pods": true, "reason": "no NetworkPolicy selects " + id}, file, 3)
	}
	isolated := func(id, file string) model.Derived {
		return derive(id, "reachable_from_cluster", map[string]any{"all_pods": false, "reason": "policies select " + id}, file, 30)
	}
	cluster := []model.Derived{isolated(billing, "deploy/billing.yaml"), isolated(vault, "deploy/vault.yaml"),
		open3(open, "deploy/open.yaml"), open3(cache, "deploy/cache.yaml"), open3(batch, "deploy/batch.yaml"), open3(svc, "deploy/svc.yaml")}
	free := derive(web, "egress", map[string]any{"limited": false, "reason": "no NetworkPolicy limits the egress of web"}, "deploy/app.yaml", 10)
	limited := derive(web, "egress", map[string]any{"limited": true, "policies": []any{"k8s:app/NetworkPolicy/web-egress"},
		"reason": "NetworkPolicies limit the egress of web"}, "deploy/web-egress.yaml", 4)
	forge := func(id string) paths.State { return paths.State{Kind: paths.Forge, Node: id} }
	reach := func(id string) string { return "reach(" + id + ")" }
	openStep := func(id, file string, l float64, egress string, assumes int) step {
		return step{reach(id), l, "network-policy:" + id, []string{file + ":3", egress}, assumes}
	}
	admitted := step{reach(billing), 0.5, "network-policy:" + policy, []string{"deploy/billing.yaml:32"}, 0}
	tests := []struct {
		name    string
		egress  model.Derived
		from    paths.State
		want    []step
		assumes []string // the assumptions of the first step, when given
	}{
		{"open services by port, the admitting policy for the isolated one", free, forge(web), []step{admitted,
			openStep(batch, "deploy/batch.yaml", 0.4, "deploy/app.yaml:10", 1),
			openStep(cache, "deploy/cache.yaml", 0.15, "deploy/app.yaml:10", 1),
			openStep(open, "deploy/open.yaml", 0.5, "deploy/app.yaml:10", 0),
			openStep(svc, "deploy/svc.yaml", 0.5, "deploy/app.yaml:10", 0),
		}, nil},
		{"egress limited by policies Seam does not check per destination: half, assumed", limited, forge(web), []step{admitted,
			openStep(batch, "deploy/batch.yaml", 0.2, "deploy/web-egress.yaml:4", 2),
			openStep(cache, "deploy/cache.yaml", 0.075, "deploy/web-egress.yaml:4", 2),
			openStep(open, "deploy/open.yaml", 0.25, "deploy/web-egress.yaml:4", 1),
			openStep(svc, "deploy/svc.yaml", 0.25, "deploy/web-egress.yaml:4", 1),
		}, nil},
		{"an instance reaches by its edges only, with their assumptions", free, forge("aws_instance.web"),
			[]step{{reach("aws_instance.admin"), 0.4, "security-group:aws_instance.admin", []string{"infra/main.tf:32"}, 2}},
			[]string{"the CIDR var.office is assumed open",
				"aws_instance.admin's network admits aws_instance.web (aws_instance.web -network-reach-> aws_instance.admin, link confidence medium)"}},
		{"only from forge", free, reachOf(web), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(nodes, edges, append(append([]model.Derived(nil), cluster...), tt.egress)...)
			steps := stepsOf(g, forgedRequest{}, tt.from)
			if diff := cmp.Diff(tt.want, summarize(steps)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			if tt.assumes != nil {
				if diff := cmp.Diff(tt.assumes, steps[0].Assumptions); diff != "" {
					t.Errorf("assumptions (-want +got):\n%s", diff)
				}
			}
		})
	}
}
