package image

import (
	"syscall"
	"testing"
	"time"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// BenchmarkBuild runs the builder over the SPEC-scale generated repository (10,000 Terraform resources,
// 5,000 Kubernetes objects, 200 lockfiles, 100 Dockerfiles). Generate it first:
//
//	go run ./bench/cmd/seam-gen -out /tmp/genrepo
//	go test ./internal/link/image -run '^$' -bench Build -benchtime 5x
//
// SEAM_BENCH_REPO names another directory.
func BenchmarkBuild(b *testing.B) {
	g := linktest.Generated(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	var f model.Facts
	for i := 0; i < b.N; i++ {
		f = linktest.Build(b, g, New())
	}
	b.StopTimer()
	// CPU time per build: on a shared machine the wall time (ns/op) also counts waiting for a core.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	nodes, edges := g.Len()
	b.ReportMetric(float64(nodes), "graph-nodes")
	b.ReportMetric(float64(edges), "graph-edges")
	b.ReportMetric(float64(len(g.NodesOfKind(model.KindImage))), "images")
	counts := map[model.EdgeKind]int{}
	for _, e := range f.Edges {
		counts[e.Kind]++
	}
	b.ReportMetric(float64(counts[model.EdgeBuiltFrom]), "built-from")
	b.ReportMetric(float64(counts[model.EdgeContains]), "contains")
	b.ReportMetric(float64(len(f.Broken)), "refused")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
