package policy

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/seam-sec/seam/bench/gen"
	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/policy/library"
	"github.com/seam-sec/seam/internal/source"
)

var (
	benchOnce sync.Once
	benchRes  *engine.Result
	benchErr  error
)

// benchScan generates the SPEC-scale repository of bench/gen (10,000 Terraform resources, 5,000 Kubernetes
// objects, 200 lockfiles, 100 Dockerfiles) and scans it with attack paths, once per test binary.
func benchScan(b *testing.B) *engine.Result {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "seam-policy-bench-")
		if err != nil {
			benchErr = err
			return
		}
		repo := filepath.Join(dir, "repo")
		if benchErr = gen.Generate(repo, gen.DefaultOptions()); benchErr != nil {
			return
		}
		root, err := source.OpenRoot(repo)
		if err != nil {
			benchErr = err
			return
		}
		defer root.Close()
		benchRes, benchErr = engine.Scan(context.Background(), root.FS(), engine.Options{Paths: engine.PathsDefault()})
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchRes
}

// benchSet loads the embedded library and the engine's test controls (renamed out of seam.lib's way).
func benchSet(b *testing.B) *Set {
	b.Helper()
	s, err := Load(context.Background(), []Origin{{Source: SourceBuiltin, Path: "builtin", FS: library.FS}})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkEvaluate measures every built-in control over the generated repository's graph, batched as the
// engine runs them (budget: under 5 s on 2 cores), and reports the slowest controls' own cost.
//
//	go test ./internal/policy -run '^$' -bench Evaluate -benchtime 3x
func BenchmarkEvaluate(b *testing.B) {
	res := benchScan(b)
	s := benchSet(b)
	runtime.GC()
	cpu0 := cpuTime()
	b.ResetTimer()
	var rep *Report
	for i := 0; i < b.N; i++ {
		rep = Evaluate(context.Background(), s, res.Graph, res.Paths, Options{Now: time.Now()})
	}
	b.StopTimer()
	// CPU time (user + system) per evaluation: on a shared machine, wall time alone includes others' work.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s")
	nodes, edges := res.Graph.Len()
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
	b.ReportMetric(float64(len(s.Controls)), "controls")
	b.ReportMetric(float64(len(rep.Results)), "results")
	b.ReportMetric(float64(len(rep.Diagnostics)), "diagnostics")
	costs := append([]Cost(nil), rep.Costs...)
	sort.Slice(costs, func(i, j int) bool { return costs[i].Duration > costs[j].Duration })
	var sum time.Duration
	selected := 0
	for _, c := range costs {
		sum += c.Duration
		selected += c.Nodes
	}
	b.ReportMetric(sum.Seconds(), "eval-cpu-s")
	b.ReportMetric(rep.InputDuration.Seconds(), "input-s")
	b.ReportMetric(float64(selected), "node-evals")
	for _, c := range costs[:min(5, len(costs))] {
		b.ReportMetric(c.Duration.Seconds()*1000, c.ControlID+"-ms")
	}
	b.Logf("per-control cost, slowest first:")
	for _, c := range costs {
		b.Logf("  %-22s %9s  %6d nodes  %5d results", c.ControlID, c.Duration.Round(time.Microsecond), c.Nodes, c.Results)
	}
}

// BenchmarkPerNode is the baseline the batch input is measured against: each control evaluated once per
// selected node. Doing that for every node takes minutes, so it evaluates each control over the first
// sampleNodes nodes of its selection and extrapolates to the whole selection. Both sides run on one
// goroutine (Workers 1), so that neither gains from the second core or loses to it, and share the same
// prepared inputs: batch-eval-s is the batched evaluation without building the input, per-node-s the
// per-node estimate, ratio the second over the first.
//
//	go test ./internal/policy -run '^$' -bench PerNode -benchtime 1x
func BenchmarkPerNode(b *testing.B) {
	const sampleNodes = 50
	res := benchScan(b)
	s := benchSet(b)
	runtime.GC()
	start := time.Now()
	batch := Evaluate(context.Background(), s, res.Graph, res.Paths, Options{Workers: 1})
	batchEval := time.Since(start) - batch.InputDuration
	in := newInputs(res.Graph, res.Paths)
	var sels []Select
	for _, c := range s.Controls {
		sels = append(sels, c.Select)
	}
	in.prepare(sels, runtime.GOMAXPROCS(0))
	runtime.GC()
	b.ResetTimer()
	var estimate time.Duration
	for i := 0; i < b.N; i++ {
		estimate = 0
		for q, c := range s.Controls {
			_, ids := in.selection(c.Select)
			n := min(sampleNodes, len(ids))
			if n == 0 {
				continue
			}
			t := time.Now()
			for _, id := range ids[:n] {
				node, _ := res.Graph.Node(id)
				evalOne(context.Background(), s.queries[q], in.single(node, c.Select))
			}
			estimate += time.Since(t) * time.Duration(len(ids)) / time.Duration(n)
		}
	}
	b.StopTimer()
	b.ReportMetric(batch.InputDuration.Seconds(), "input-s")
	b.ReportMetric(batchEval.Seconds(), "batch-eval-s")
	b.ReportMetric(estimate.Seconds(), "per-node-s")
	b.ReportMetric(float64(estimate)/float64(batchEval), "ratio")
	b.ReportMetric(float64(len(batch.Results)), "results")
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkInputs measures building every distinct selection's input, the part of Evaluate before any
// control runs.
//
//	go test ./internal/policy -run '^$' -bench Inputs -benchtime 3x
func BenchmarkInputs(b *testing.B) {
	res := benchScan(b)
	s := benchSet(b)
	runtime.GC()
	cpu0 := cpuTime()
	b.ResetTimer()
	defer func() { b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s") }()
	for i := 0; i < b.N; i++ {
		in := newInputs(res.Graph, res.Paths)
		var sels []Select
		for _, c := range s.Controls {
			sels = append(sels, c.Select)
		}
		in.prepare(sels, runtime.GOMAXPROCS(0))
		seen := map[string]bool{}
		for _, c := range s.Controls {
			if k := c.Select.key(); !seen[k] {
				seen[k] = true
				in.selection(c.Select)
			}
		}
		b.ReportMetric(float64(len(seen)), "selections")
		b.ReportMetric(float64(len(in.entries)), "entries")
		b.ReportMetric(float64(len(in.summaries)), "summaries")
		b.ReportMetric(float64(len(in.edgeTerms)), "edges")
	}
}

// BenchmarkControl evaluates one control, named by SEAM_BENCH_CONTROL (default SEAM-AWS-S3-001), over the
// generated repository's graph, for profiling it alone.
//
//	SEAM_BENCH_CONTROL=SEAM-AWS-SG-003 go test ./internal/policy -run '^$' -bench Control -benchtime 1x -cpuprofile cpu.prof
func BenchmarkControl(b *testing.B) {
	id := os.Getenv("SEAM_BENCH_CONTROL")
	if id == "" {
		id = "SEAM-AWS-S3-001"
	}
	res := benchScan(b)
	s := benchSet(b)
	one := &Set{}
	for i, c := range s.Controls {
		if c.ID == id {
			one.Controls, one.queries = append(one.Controls, c), append(one.queries, s.queries[i])
		}
	}
	if len(one.Controls) == 0 {
		b.Fatalf("no control %s", id)
	}
	b.ResetTimer()
	var rep *Report
	for i := 0; i < b.N; i++ {
		rep = Evaluate(context.Background(), one, res.Graph, res.Paths, Options{})
	}
	b.StopTimer()
	b.ReportMetric(rep.InputDuration.Seconds(), "input-s")
	b.ReportMetric(rep.Costs[0].Duration.Seconds(), "eval-s")
	b.ReportMetric(float64(rep.Costs[0].Nodes), "nodes")
}
