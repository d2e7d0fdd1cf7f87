package gen

import "testing"

// BenchmarkGenerate writes the default repository (10,000 Terraform resources, 5,000 Kubernetes objects,
// 200 lockfiles, 100 Dockerfiles); the budget is under 10 s per run. The scan of that repository is
// benchmarked in package bench (bench/scan_bench_test.go).
func BenchmarkGenerate(b *testing.B) {
	opt := DefaultOptions()
	for b.Loop() {
		if err := Generate(b.TempDir(), opt); err != nil {
			b.Fatal(err)
		}
	}
}
