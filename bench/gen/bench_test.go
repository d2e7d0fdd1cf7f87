package gen

import (
	"context"
	"os"
	"testing"

	"github.com/seam-sec/seam/internal/engine"
)

// BenchmarkGenerate writes the default repository (10,000 Terraform resources, 5,000 Kubernetes objects,
// 200 lockfiles, 100 Dockerfiles); the budget is under 10 s per run.
func BenchmarkGenerate(b *testing.B) {
	opt := DefaultOptions()
	for b.Loop() {
		if err := Generate(b.TempDir(), opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanGenerated scans the default repository end to end with every listed extractor: the scale of
// SPEC.md's budget (under 10 s and 1 GiB on the project's 2-core machine). The repository is generated
// once, outside the timing.
func BenchmarkScanGenerated(b *testing.B) {
	dir := b.TempDir()
	if err := Generate(dir, DefaultOptions()); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	b.ReportAllocs()
	b.ResetTimer()
	var nodes, edges int
	for b.Loop() {
		res, err := engine.Scan(context.Background(), fsys, engine.Options{})
		if err != nil {
			b.Fatal(err)
		}
		nodes, edges = res.Graph.Len()
	}
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
}
