package iam

import (
	"sync"
	"testing"
)

var (
	benchOnce  sync.Once
	benchWorld *world
)

// realisticWorld is the benchmark's generated account (5,000 roles × 2,000 resources, seed 1), built once.
func realisticWorld() *world {
	benchOnce.Do(func() { benchWorld = genWorld(realistic) })
	return benchWorld
}

// BenchmarkAnalyze is the bulk analysis at the scale the access builder faces: 5,000 roles × 2,000
// resources, policies mostly on specific ARNs, some service wildcards, some "*", a few denies and boundaries
// (see realistic). It reports the pairs found per run.
func BenchmarkAnalyze(b *testing.B) {
	w := realisticWorld()
	b.ReportAllocs()
	b.ResetTimer()
	var pairs int
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		pairs = len(Analyze(w.principals, w.resources, Options{}))
	}
	b.ReportMetric(float64(pairs), "pairs")
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkWhoCan is "who can s3:GetObject this bucket" over all 5,000 roles, one Evaluate each.
func BenchmarkWhoCan(b *testing.B) {
	w := realisticWorld()
	var target *Resource
	for i, k := range w.kinds {
		if k == "bucket" && w.resources[i].Policy != nil {
			target = w.resources[i]
			break
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		WhoCan(w.principals, "s3:GetObject", target, nil)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkEvaluate is one request of a role with a few statements.
func BenchmarkEvaluate(b *testing.B) {
	w := realisticWorld()
	req := Request{Principal: w.principals[0], Action: "dynamodb:GetItem", Resource: w.resources[1]}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Evaluate(req)
	}
}
