package policy

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
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
	b.ResetTimer()
	var rep *Report
	for i := 0; i < b.N; i++ {
		rep = Evaluate(context.Background(), s, res.Graph, res.Paths, Options{Now: time.Now()})
	}
	b.StopTimer()
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
// sampleNodes nodes of its selection and extrapolates to the whole selection (per-node-s); ratio is that
// estimate over the batched evaluation's time.
//
//	go test ./internal/policy -run '^$' -bench PerNode -benchtime 1x
func BenchmarkPerNode(b *testing.B) {
	const sampleNodes = 100
	res := benchScan(b)
	s := benchSet(b)
	in := newInputs(res.Graph, res.Paths)
	type job struct {
		q     int
		nodes []string
	}
	var jobs []job
	for i, c := range s.Controls {
		_, ids := in.selection(c.Select)
		jobs = append(jobs, job{i, ids})
	}
	start := time.Now()
	batch := Evaluate(context.Background(), s, res.Graph, res.Paths, Options{})
	batchTime := time.Since(start)
	b.ResetTimer()
	var estimate time.Duration
	for i := 0; i < b.N; i++ {
		estimate = 0
		for _, j := range jobs {
			n := min(sampleNodes, len(j.nodes))
			if n == 0 {
				continue
			}
			t := time.Now()
			for _, id := range j.nodes[:n] {
				node, _ := res.Graph.Node(id)
				evalOne(context.Background(), s.queries[j.q], in.single(node))
			}
			estimate += time.Since(t) * time.Duration(len(j.nodes)) / time.Duration(n)
		}
	}
	b.StopTimer()
	// The batch runs its controls on GOMAXPROCS workers; the per-node estimate is sequential, so divide
	// it by the same parallelism for a fair ratio.
	par := time.Duration(runtime.GOMAXPROCS(0))
	b.ReportMetric(batchTime.Seconds(), "batch-s")
	b.ReportMetric((estimate / par).Seconds(), "per-node-s")
	b.ReportMetric(float64(estimate/par)/float64(batchTime), "ratio")
	b.ReportMetric(float64(len(batch.Results)), "results")
}

// BenchmarkInputs measures building every distinct selection's input, the part of Evaluate before any
// control runs.
//
//	go test ./internal/policy -run '^$' -bench Inputs -benchtime 3x
func BenchmarkInputs(b *testing.B) {
	res := benchScan(b)
	s := benchSet(b)
	b.ResetTimer()
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
		b.ReportMetric(float64(len(in.edgeAttrs)), "edges")
	}
}
