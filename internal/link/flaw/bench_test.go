package flaw

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"syscall"
	"testing"
	"time"

	"github.com/seam-sec/seam/internal/extract/sarif"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// BenchmarkBuild runs the builder over the SPEC-scale generated repository (10,000 Terraform resources,
// 5,000 Kubernetes objects, 200 lockfiles, 100 Dockerfiles) with a generated SARIF log added: per Dockerfile
// directory 20 results with repository paths and 5 with a CI runner's absolute paths, plus 200 results in a
// directory nothing builds and 100 that no file of the scan places. Generate the repository first:
//
//	go run ./bench/cmd/seam-gen -out /tmp/genrepo
//	go test ./internal/link/flaw -run '^$' -bench Build -benchtime 5x
//
// SEAM_BENCH_REPO names another directory.
func BenchmarkBuild(b *testing.B) {
	g := linktest.Generated(b)
	log := generatedSARIF(g)
	facts := sarif.Parse("bench.sarif", bytes.NewReader(log))
	g.Extend(facts)
	b.ResetTimer()
	cpu0 := cpuTime()
	var f model.Facts
	for i := 0; i < b.N; i++ {
		f = linktest.Build(b, g, New())
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	nodes, edges := g.Len()
	b.ReportMetric(float64(nodes), "graph-nodes")
	b.ReportMetric(float64(edges), "graph-edges")
	b.ReportMetric(float64(len(facts.Nodes)), "flaws")
	b.ReportMetric(float64(len(f.Edges)), "has-flaw")
	b.ReportMetric(float64(len(f.Derived)), "placed")
	b.ReportMetric(float64(len(f.Broken)), "refused")
}

// generatedSARIF writes a gosec-shaped log of results under the graph's Dockerfile directories.
func generatedSARIF(g *graph.Graph) []byte {
	rules := []string{"G107", "G201", "G204", "G304", "G101", "G104"}
	var results []map[string]any
	add := func(uri string, i int) {
		results = append(results, map[string]any{"ruleId": rules[i%len(rules)], "level": "warning",
			"message": map[string]any{"text": "finding"},
			"locations": []any{map[string]any{"physicalLocation": map[string]any{"artifactLocation": map[string]any{"uri": uri},
				"region": map[string]any{"startLine": 10 + i}}}}})
	}
	for _, d := range g.NodesOfKind(model.KindDockerfile) {
		dir := path.Dir(d.Prov.File)
		for i := 0; i < 20; i++ {
			add(fmt.Sprintf("%s/internal/pkg%d/file%d.go", dir, i%4, i), i)
		}
		for i := 0; i < 5; i++ {
			add(fmt.Sprintf("file:///home/runner/work/gen/gen/%s/cmd/tool%d/main.go", dir, i), i)
		}
	}
	for i := 0; i < 200; i++ {
		add(fmt.Sprintf("scripts/oneoff/job%d.go", i), i)
	}
	for i := 0; i < 100; i++ {
		add(fmt.Sprintf("/opt/elsewhere/x%d/y.go", i), i)
	}
	var rs []any
	for _, r := range rules {
		rs = append(rs, map[string]any{"id": r})
	}
	data, _ := json.Marshal(map[string]any{"version": "2.1.0", "runs": []any{map[string]any{
		"tool": map[string]any{"driver": map[string]any{"name": "gosec", "rules": rs}}, "results": results}}})
	return data
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
