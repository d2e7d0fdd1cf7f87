package k8s_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
	"testing"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/pathtest"
	"github.com/seam-sec/seam/internal/paths/rules/entry"
	"github.com/seam-sec/seam/internal/paths/rules/k8s"
)

// The benchmarks run over the SPEC-scale generated repository (10,000 Terraform resources, 5,000 Kubernetes
// objects): the directory SEAM_BENCH_REPO names, else /tmp/genrepo (go run ./bench/cmd/seam-gen -out
// /tmp/genrepo). They are skipped when there is none.

var (
	genOnce  sync.Once
	genGraph *graph.Graph
)

// generated scans the generated repository once, and adds an insider entry point in every namespace that
// runs workloads (the generator declares none), so the search starts where these rules start.
func generated(b *testing.B) *graph.Graph {
	b.Helper()
	dir := os.Getenv("SEAM_BENCH_REPO")
	if dir == "" {
		dir = "/tmp/genrepo"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no generated repository at %s (go run ./bench/cmd/seam-gen -out %s)", dir, dir)
	}
	genOnce.Do(func() {
		g := pathtest.Graph(b, dir)
		seen := map[string]bool{}
		var entries []model.Node
		for _, w := range g.NodesOfKind(model.KindWorkload) {
			ns, _ := w.Attrs["namespace"].(string)
			if ns == "" || seen[ns] {
				continue
			}
			seen[ns] = true
			entries = append(entries, model.Node{ID: model.EntryPointID("insider-" + ns), Kind: model.KindEntryPoint, Type: "insider",
				Name: "insider-" + ns, Attrs: map[string]any{"type": "insider", "namespace": ns}, Prov: model.Provenance{File: "seam.yaml", Line: 1, Extractor: "bench"}})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
		g.Extend(model.Facts{Nodes: entries})
		genGraph = g
	})
	return genGraph
}

// states lists every state the rules start from: exec and file reads of every workload, credentials of every
// identity, every host (and the implicit nodes), read of every data store.
func states(g *graph.Graph) []paths.State {
	var out []paths.State
	for _, w := range g.NodesOfKind(model.KindWorkload) {
		out = append(out, paths.State{Kind: paths.Exec, Node: w.ID}, paths.State{Kind: paths.FileRead, Node: w.ID})
	}
	for _, n := range g.NodesOfKind(model.KindIdentity) {
		out = append(out, paths.State{Kind: paths.Creds, Node: n.ID})
	}
	for _, n := range g.NodesOfKind(model.KindHost) {
		out = append(out, paths.State{Kind: paths.Host, Node: n.ID})
	}
	out = append(out, paths.State{Kind: paths.Host, Node: k8s.ImplicitNodes})
	for _, n := range g.NodesOfKind(model.KindDataStore) {
		out = append(out, paths.State{Kind: paths.Read, Node: n.ID})
	}
	return out
}

// BenchmarkStepsGenerated asks every Kubernetes rule for its steps from every state of the generated
// repository once, with a fresh context (so the indexes are built inside the timing): the most work the
// search can ask of these rules.
func BenchmarkStepsGenerated(b *testing.B) {
	g := generated(b)
	ss := states(g)
	rules := k8s.Rules()
	b.ResetTimer()
	steps := 0
	for i := 0; i < b.N; i++ {
		c := paths.NewContext(g, nil)
		steps = 0
		for _, s := range ss {
			for _, r := range rules {
				for _, k := range r.Meta().From {
					if k == s.Kind {
						steps += len(r.Steps(c, s))
					}
				}
			}
		}
	}
	b.ReportMetric(float64(len(ss)), "states")
	b.ReportMetric(float64(steps), "steps")
}

// BenchmarkAnalyzeGenerated runs the whole analysis (search from every entry, ranking, choke points) with
// the entry and Kubernetes rules over the generated repository with an insider in every namespace.
func BenchmarkAnalyzeGenerated(b *testing.B) {
	analyze(b, paths.Options{Rules: append(entry.Rules(), k8s.Rules()...)})
}

// BenchmarkSearchGenerated is BenchmarkAnalyzeGenerated without choke points: the search and ranking alone.
func BenchmarkSearchGenerated(b *testing.B) {
	analyze(b, paths.Options{Rules: append(entry.Rules(), k8s.Rules()...), ChokePoints: -1})
}

func analyze(b *testing.B, opt paths.Options) {
	g := generated(b)
	b.ResetTimer()
	var r *paths.Result
	for i := 0; i < b.N; i++ {
		r = paths.Analyze(context.Background(), g, opt)
	}
	b.ReportMetric(float64(len(r.Paths)), "paths")
	b.ReportMetric(float64(r.Stats.Expanded), "expanded")
	b.ReportMetric(float64(r.Stats.Entries), "entries")
	if testing.Verbose() {
		fmt.Printf("analysis: %d paths, %d states, %d expanded, %d choke points, truncated %v\n",
			len(r.Paths), r.Stats.States, r.Stats.Expanded, len(r.ChokePoints), r.Stats.Truncated)
	}
}
