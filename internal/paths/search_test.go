package paths

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// tableRule is a rule driven by a table: from state → steps.
type tableRule struct {
	id    string
	steps map[State][]Step
}

func (r tableRule) Meta() Meta {
	return Meta{ID: r.id, Title: r.id, Technique: "T0000", Likelihood: 0.5,
		From: Kinds(), To: Kinds()}
}

func (r tableRule) Steps(_ *Context, s State) []Step { return r.steps[s] }

func st(k Kind, n string) State { return State{k, n} }

func step(to State, l float64, control string) Step {
	return Step{To: to, Likelihood: l, Reason: "to " + to.String(), Control: Control{ID: control, Title: "fix " + control, Node: to.Node},
		Evidence: []model.Evidence{{File: "f.tf", Line: 1, What: "x"}}}
}

// targetGraph is a graph with one data store holding PII (the target) and a workload.
func targetGraph() *graph.Graph {
	g := graph.New()
	p := model.Provenance{File: "f.tf", Line: 1, Extractor: "test"}
	g.Add(model.Facts{
		Nodes: []model.Node{
			{ID: "internet", Kind: model.KindEntryPoint, Prov: p},
			{ID: "db", Kind: model.KindDataStore, Name: "db", Prov: p},
			{ID: "data-class:pii", Kind: model.KindDataClass, Prov: p},
			{ID: "w", Kind: model.KindWorkload, Prov: p}, {ID: "w2", Kind: model.KindWorkload, Prov: p},
			{ID: "role", Kind: model.KindIdentity, Prov: p},
		},
		Edges: []model.Edge{{From: "db", To: "data-class:pii", Kind: model.EdgeHolds, Prov: p}},
	})
	g.Freeze()
	return g
}

// The graph of states below (likelihoods on the arrows):
//
//	entry(internet) -1-> reach(w) -0.9-> exec(w) -0.8-> creds(role) -0.9-> read(db)
//	                 \-0.5-> reach(w2) -0.5-> exec(w2) -0.5-> creds(role)
//	exec(w) -0.1-> read(db)                 (a direct, unlikely way)
//	creds(role) -0.5-> exec(w)              (a cycle back: paths must stay simple)
func tableRules() []Rule {
	return []Rule{tableRule{id: "t", steps: map[State][]Step{
		st(Entry, "internet"): {step(st(Reach, "w"), 1, "c-ingress"), step(st(Reach, "w2"), 0.5, "c-lb")},
		st(Reach, "w"):        {step(st(Exec, "w"), 0.9, "c-flaw")},
		st(Reach, "w2"):       {step(st(Exec, "w2"), 0.5, "c-flaw2")},
		st(Exec, "w"):         {step(st(Creds, "role"), 0.8, "c-token"), step(st(Read, "db"), 0.1, "c-direct")},
		st(Exec, "w2"):        {step(st(Creds, "role"), 0.5, "c-token2")},
		st(Creds, "role"):     {step(st(Read, "db"), 0.9, "c-grant"), step(st(Exec, "w"), 0.5, "c-back")},
	}}}
}

func TestSearchFindsBestPathsFirst(t *testing.T) {
	res := Analyze(context.Background(), targetGraph(), Options{Rules: tableRules()})
	var got []string
	for _, p := range res.Paths {
		got = append(got, fmt.Sprintf("%s %.3f %d", p.Target, p.Likelihood, len(p.Hops)))
	}
	// read(db) by three ways, best first (PerPair 3): via w's token (0.648), via w2 (0.1125), via w directly
	// (0.09). Write(db) is a target too but no rule reaches it.
	want := []string{"read(db) 0.648 4", "read(db) 0.113 4", "read(db) 0.090 3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	for _, p := range res.Paths {
		seen := map[State]bool{p.Entry: true}
		for _, h := range p.Hops {
			if seen[h.To] {
				t.Errorf("path %s repeats %s", p.ID, h.To)
			}
			seen[h.To] = true
		}
	}
	// Risk = 0.648 (likelihood) × 0.9 (PII) × 0.8 (no criticality known) × 100.
	if res.Paths[0].Risk != 46.7 || res.Paths[0].Impact != 0.72 {
		t.Errorf("risk of the best path: %v, impact %v (factors %+v)", res.Paths[0].Risk, res.Paths[0].Impact, res.Paths[0].ImpactFactors)
	}
}

func TestSearchIsDeterministic(t *testing.T) {
	first := Analyze(context.Background(), targetGraph(), Options{Rules: tableRules()})
	for i := 0; i < 10; i++ {
		again := Analyze(context.Background(), targetGraph(), Options{Rules: tableRules()})
		if diff := cmp.Diff(first, again); diff != "" {
			t.Fatalf("run %d differs (-first +again):\n%s", i, diff)
		}
	}
}

func TestBounds(t *testing.T) {
	res := Analyze(context.Background(), targetGraph(), Options{Rules: tableRules(), Bounds: Bounds{PerPair: 1}})
	if len(res.Paths) != 1 {
		t.Errorf("PerPair 1: %d paths", len(res.Paths))
	}
	res = Analyze(context.Background(), targetGraph(), Options{Rules: tableRules(), Bounds: Bounds{MaxDepth: 3}})
	for _, p := range res.Paths {
		if len(p.Hops) > 3 {
			t.Errorf("MaxDepth 3: a path of %d hops", len(p.Hops))
		}
	}
	if len(res.Paths) != 1 || res.Paths[0].Likelihood != 0.09 {
		t.Errorf("MaxDepth 3 leaves only the direct path: %+v", res.Paths)
	}
	res = Analyze(context.Background(), targetGraph(), Options{Rules: tableRules(), Bounds: Bounds{MaxExpansions: 2}})
	if len(res.Stats.Truncated) != 1 {
		t.Errorf("MaxExpansions 2 must say the search was cut short: %+v", res.Stats)
	}
}

// TestChokePoints: cutting the token step removes the best path; the greedy choice is checked by searching
// again, and a control on every path (the ingress) comes first when it carries the most risk.
func TestChokePoints(t *testing.T) {
	res := Analyze(context.Background(), targetGraph(), Options{Rules: tableRules()})
	if len(res.ChokePoints) == 0 {
		t.Fatal("no choke points")
	}
	first := res.ChokePoints[0]
	// c-ingress lies on the best and the direct path (0.648+0.09 of likelihood), c-grant on the two through
	// the role (0.648+0.1125): c-grant carries more risk.
	if first.Control.ID != "c-grant" {
		t.Errorf("first choke point %s, want c-grant", first.Control.ID)
	}
	last := res.ChokePoints[len(res.ChokePoints)-1]
	if last.Cumulative != 1 || last.ResidualPaths != 0 || last.Residual != 0 {
		t.Errorf("after all choke points: cumulative %v, residual %v in %d paths", last.Cumulative, last.Residual, last.ResidualPaths)
	}
	// The residual after the first choice is what a search without c-grant finds: the direct path, and one
	// the first search had not kept — through w2, the role and back to w (0.5 × 0.5 × 0.5 × 0.5 × 0.1).
	if first.ResidualPaths != 2 {
		t.Errorf("residual paths after c-grant = %d, want 2", first.ResidualPaths)
	}
}

// TestCutRemovesSteps: a control treated as applied removes its steps, and the paths resting on them.
func TestCutRemovesSteps(t *testing.T) {
	res := Analyze(context.Background(), targetGraph(), Options{Rules: tableRules(), Cut: map[string]bool{"c-ingress": true, "c-lb": true}})
	if len(res.Paths) != 0 {
		t.Errorf("no way in, yet %d paths", len(res.Paths))
	}
}
