package k8s

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// flawed is a foothold source that gives each listed workload one foothold.
type flawed []string

func (flawed) Name() string { return "test" }

func (f flawed) Footholds(_ *paths.Context, w string) []paths.Foothold {
	for _, id := range f {
		if id == w {
			return []paths.Foothold{{Class: "command-injection", Node: "flaw:" + w, Likelihood: 0.9}}
		}
	}
	return nil
}

func TestLateral(t *testing.T) {
	// web reaches: api (isolated; its policy admits web), the database (security group), and every pod no
	// policy selects (web itself, worker). ledger is isolated and admits nobody: no step.
	web, api, worker, ledger := pod("shop", "web", nil), pod("shop", "api", nil), pod("shop", "worker", nil), pod("pay", "ledger", nil)
	pol := node("k8s:shop/NetworkPolicy/api-from-web", model.KindNetwork, "NetworkPolicy", nil)
	rule := node("infra:aws_vpc_security_group_ingress_rule.db", model.KindNetwork, "aws_vpc_security_group_ingress_rule", nil)
	db := node("infra:aws_db_instance.orders", model.KindDataStore, "aws_db_instance", nil)
	edges := []model.Edge{
		edge(web.ID, model.EdgeNetworkReach, api.ID, map[string]any{"reason": "NetworkPolicies select api and admit pods of web",
			"controls": []any{map[string]any{"id": pol.ID, "kind": "network-policy"}}}),
		edge(web.ID, model.EdgeNetworkReach, db.ID, map[string]any{"assumptions": []any{"the only cluster"},
			"controls": []any{map[string]any{"id": rule.ID, "kind": "security-group"}, map[string]any{"id": "infra:aws_security_group.node"}}}),
	}
	open := map[string]any{"reachable_from_cluster": map[string]any{"all_pods": true, "reason": "no NetworkPolicy selects it"}}
	closed := map[string]any{"reachable_from_cluster": map[string]any{"all_pods": false}}
	quiet := pod("shop", "quiet", nil) // open, but without a foothold: reaching it leads nowhere
	c := build(t, []model.Node{web, api, worker, ledger, quiet, pol, rule, db}, edges,
		map[string]map[string]any{web.ID: open, worker.ID: open, quiet.ID: open, api.ID: closed, ledger.ID: closed})
	c.Footholds = []paths.FootholdSource{flawed{web.ID, api.ID, worker.ID, ledger.ID}}
	got := run(c, lateral{}, exec(web.ID))
	want := []string{ // edges in graph order (by target ID), then the open pods
		"reach(" + db.ID + ") 0.900 security-group:" + rule.ID + " assumes=1",
		"reach(" + api.ID + ") 0.900 network-policy:" + pol.ID,
		"reach(" + worker.ID + ") 0.900 network-policy:" + worker.ID,
	}
	if diff := cmp.Diff(want, summary(got)); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	mustEvidence(t, got)
	// From the isolated api, only the open pods.
	want = []string{"reach(" + web.ID + ") 0.900 network-policy:" + web.ID, "reach(" + worker.ID + ") 0.900 network-policy:" + worker.ID}
	if diff := cmp.Diff(want, summary(run(c, lateral{}, exec(api.ID)))); diff != "" {
		t.Errorf("from api (-want +got):\n%s", diff)
	}
}
