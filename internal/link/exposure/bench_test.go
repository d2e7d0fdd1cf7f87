package exposure

import (
	"testing"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// BenchmarkBuild runs the builder over the SPEC-scale generated repository (10,000 Terraform resources,
// 5,000 Kubernetes objects). Generate it first:
//
//	go run ./bench/cmd/seam-gen -out /tmp/genrepo
//	go test ./internal/link/exposure -run '^$' -bench Build -benchtime 5x
//
// SEAM_BENCH_REPO names another directory.
func BenchmarkBuild(b *testing.B) {
	g := linktest.Generated(b)
	nodes, edges := g.Len()
	b.ResetTimer()
	var f model.Facts
	for i := 0; i < b.N; i++ {
		f = linktest.Build(b, g, New())
	}
	b.StopTimer()
	b.ReportMetric(float64(nodes), "graph-nodes")
	b.ReportMetric(float64(edges), "graph-edges")
	counts := map[model.EdgeKind]int{}
	for _, e := range f.Edges {
		counts[e.Kind]++
	}
	b.ReportMetric(float64(counts[model.EdgeExposes]), "exposes")
	b.ReportMetric(float64(counts[model.EdgeRoutesTo]), "routes-to")
	b.ReportMetric(float64(counts[model.EdgeNetworkReach]), "network-reach")
	b.ReportMetric(float64(len(f.Broken)), "refused")
	b.ReportMetric(float64(len(f.Derived)), "derived")
	b.ReportMetric(float64(len(f.Assumptions)), "assumptions")
}
