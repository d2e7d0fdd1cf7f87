package aws

import (
	"os"
	"testing"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// generated builds the graph of the SPEC-scale generated repository (go run ./bench/cmd/seam-gen -out
// /tmp/genrepo: 10,000 Terraform resources, 5,000 Kubernetes objects, 200 lockfiles) as a scan does; the
// benchmarks are skipped when it is not there.
func generated(b *testing.B) *graph.Graph {
	b.Helper()
	dir := os.Getenv("SEAM_BENCH_REPO")
	if dir == "" {
		dir = "/tmp/genrepo"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no generated repository at %s (go run ./bench/cmd/seam-gen -out %s)", dir, dir)
	}
	return scanned(b, dir)
}

// BenchmarkStepsEveryState asks every AWS rule for the steps out of every state it reads in the generated
// repository — credentials of every IAM principal, code execution and request forgery in every workload,
// every host — with a fresh context and no shared IAM view each time, so the IAM model is built inside the
// timing.
//
//	go test ./internal/paths/rules/aws -run '^$' -bench StepsEveryState -benchtime 3x
func BenchmarkStepsEveryState(b *testing.B) {
	g := generated(b)
	var states []paths.State
	for _, n := range g.Nodes() {
		switch {
		case n.Type == "aws_iam_user" || n.Type == "aws_iam_role":
			states = append(states, paths.State{Kind: paths.Creds, Node: n.ID})
		case n.Kind == model.KindWorkload:
			states = append(states, paths.State{Kind: paths.Exec, Node: n.ID}, paths.State{Kind: paths.Forge, Node: n.ID})
		case n.Kind == model.KindHost:
			states = append(states, paths.State{Kind: paths.Host, Node: n.ID})
		case n.Kind == model.KindDataStore:
			states = append(states, paths.State{Kind: paths.Read, Node: n.ID})
		}
	}
	byKind := map[paths.Kind][]paths.Rule{}
	for _, r := range Rules() {
		for _, k := range r.Meta().From {
			byKind[k] = append(byKind[k], r)
		}
	}
	b.ResetTimer()
	made := 0
	for i := 0; i < b.N; i++ {
		lastView.mu.Lock()
		lastView.g = nil
		lastView.mu.Unlock()
		c := paths.NewContext(g, nil)
		made = 0
		for _, s := range states {
			for _, r := range byKind[s.Kind] {
				made += len(r.Steps(c, s))
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(states)), "states")
	b.ReportMetric(float64(made), "steps")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(states))/1000, "µs/state")
}
