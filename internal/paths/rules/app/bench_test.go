package app

import (
	"context"
	"fmt"
	"testing"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// generated builds a cluster of n Kubernetes workloads at the scale of SPEC.md's repository (5,000
// Kubernetes objects): one in five exposed to the internet; half reachable from every pod (no
// NetworkPolicy); one in four with a code flaw on its image, of the seven classes in turn; one in ten
// connected to one of n/20 PostgreSQL databases, every fourth holding PII; and one network-reach edge from
// each tenth workload to the next.
func generated(n int) *graph.Graph {
	var nodes []model.Node
	var edges []model.Edge
	var derived []model.Derived
	classes := flaw.Classes()
	dbs := max(1, n/20)
	nodes = append(nodes, model.Node{ID: "data-class:pii", Kind: model.KindDataClass, Type: "data-class", Prov: prov("seam.yaml", 1)})
	for d := 0; d < dbs; d++ {
		id := fmt.Sprintf("aws_db_instance.db%04d", d)
		nodes = append(nodes, store(id, "aws_db_instance", map[string]any{"engine": "postgres"}, d+1))
		if d%4 == 0 {
			edges = append(edges, factEdge(id, model.EdgeHolds, "data-class:pii", "infra/main.tf", d+1))
		}
	}
	for i := 0; i < n; i++ {
		w := fmt.Sprintf("k8s:ns%02d/Deployment/app%05d", i%50, i)
		img := fmt.Sprintf("image:registry.example.com/app%05d:1", i)
		nodes = append(nodes, workload(w, i+1, "http", 8080), image(img))
		edges = append(edges, factEdge(w, model.EdgeRuns, img, "deploy/app.yaml", i+1))
		if i%5 == 0 {
			derived = append(derived, derive(w, "exposure", map[string]any{"internet": true, "authentication": "none",
				"routes": []any{map[string]any{"hops": []any{"internet", w}, "entry": w}}}, "deploy/ingress.yaml", i+1))
		}
		derived = append(derived, derive(w, "reachable_from_cluster", map[string]any{"all_pods": i%2 == 0}, "deploy/app.yaml", i+1),
			derive(w, "egress", map[string]any{"limited": false}, "deploy/app.yaml", i+1))
		if i%4 == 0 {
			class := string(classes[(i/4)%len(classes)])
			f := codeFlaw(class, []string{"high", "medium", "low"}[i%3], "go", "sink", fmt.Sprintf("services/app%05d/h.go", i), 10)
			nodes = append(nodes, f)
			edges = append(edges, linkEdge(img, model.EdgeHasFlaw, f.ID, 0.9, fmt.Sprintf("services/app%05d/Dockerfile", i), 3, nil))
		}
		if i%10 == 0 {
			edges = append(edges, linkEdge(w, model.EdgeConnectsTo, fmt.Sprintf("aws_db_instance.db%04d", (i/10)%dbs), 0.9, "deploy/app.yaml", i+1, nil))
			if i+1 < n {
				next := fmt.Sprintf("k8s:ns%02d/Deployment/app%05d", (i+1)%50, i+1)
				edges = append(edges, linkEdge(w, model.EdgeNetworkReach, next, 0.9, "deploy/policy.yaml", i+1, nil))
			}
		}
	}
	return build(nodes, edges, derived...)
}

// BenchmarkAnalyze runs the whole search (the internet's reach and this package's rules) over generated
// clusters, reporting the states the search made and the paths it found.
func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{500, 5000} {
		g := generated(n)
		b.Run(fmt.Sprintf("workloads=%d", n), func(b *testing.B) {
			var res *paths.Result
			for b.Loop() {
				res = paths.Analyze(context.Background(), g, paths.Options{Rules: append([]paths.Rule{internetReach{}}, Rules()...),
					Footholds: []paths.FootholdSource{CodeFlaws{}}, ChokePoints: -1})
			}
			b.ReportMetric(float64(res.Stats.States), "states")
			b.ReportMetric(float64(res.Stats.Expanded), "expanded")
			b.ReportMetric(float64(len(res.Paths)), "paths")
		})
	}
}

// BenchmarkForgedRequest measures one forge state's steps in the 5,000-workload cluster: 2,500 open
// workloads, each a step.
func BenchmarkForgedRequest(b *testing.B) {
	g := generated(5000)
	s := paths.State{Kind: paths.Forge, Node: "k8s:ns00/Deployment/app00000"}
	c := paths.NewContext(g, []paths.FootholdSource{CodeFlaws{}})
	var n int
	for b.Loop() {
		n = len(forgedRequest{}.Steps(c, s))
	}
	b.ReportMetric(float64(n), "steps")
}

// internetReach is the internet's reach to every exposed workload, standing in for the entry rule (which
// this package may not import outside tests, and which the benchmark need not explain).
type internetReach struct{}

func (internetReach) Meta() paths.Meta {
	return paths.Meta{ID: "bench.internet", Likelihood: 1, From: []paths.Kind{paths.Entry}, To: []paths.Kind{paths.Reach}}
}

func (internetReach) Steps(c *paths.Context, s paths.State) []paths.Step {
	if s.Node != model.InternetID {
		return nil
	}
	var out []paths.Step
	for _, w := range c.Graph.NodesOfKind(model.KindWorkload) {
		if _, ok := w.Derived["exposure"]; ok {
			out = append(out, paths.Step{To: paths.State{Kind: paths.Reach, Node: w.ID}, Control: paths.ControlAt("authenticate", w, "authenticate")})
		}
	}
	return out
}
