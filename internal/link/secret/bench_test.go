package secret_test

import (
	"testing"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/link/secret"
)

// BenchmarkBuild runs the builder over the SPEC-scale generated repository (go run ./bench/cmd/seam-gen -out
// /tmp/genrepo; SEAM_BENCH_REPO names another), without the earlier stages' edges.
func BenchmarkBuild(b *testing.B) {
	g := linktest.Generated(b)
	b.ResetTimer()
	for b.Loop() {
		linktest.Build(b, g, secret.New())
	}
}
