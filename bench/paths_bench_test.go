package bench

import (
	"context"
	"runtime"
	"syscall"
	"testing"

	"github.com/seam-sec/seam/bench/orggraph"
	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/paths"
)

// BenchmarkPathsOrganisation measures the attack-path search over an organisation-scale graph (SPEC: 1,000,000
// nodes and 5,000,000 edges in under 30 s and 4 GiB). The graph is generated once, outside the timing; the
// figures are the search (with choke points) and the process's peak RSS, graph included.
//
//	go test ./bench -run '^$' -bench PathsOrganisation -benchtime 1x
func BenchmarkPathsOrganisation(b *testing.B) {
	g := orggraph.Generate(orggraph.DefaultOptions())
	nodes, edges := g.Len()
	opt := engine.PathsDefault()
	runtime.GC()
	b.ResetTimer()
	var res *paths.Result
	for i := 0; i < b.N; i++ {
		res = paths.Analyze(context.Background(), g, *opt)
	}
	b.StopTimer()
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
	b.ReportMetric(float64(len(res.Paths)), "paths")
	b.ReportMetric(float64(res.Stats.States), "states")
	b.ReportMetric(float64(len(res.ChokePoints)), "choke-points")
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}
