package aws_test

import (
	"context"
	"os"
	"sort"
	"testing"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/pathtest"
	"github.com/seam-sec/seam/internal/paths/rules/aws"
	"github.com/seam-sec/seam/internal/paths/rules/entry"
)

// generatedWithEntries scans the SPEC-scale generated repository (go run ./bench/cmd/seam-gen -out
// /tmp/genrepo) with pathtest, as `seam scan` does, and adds entry points: an insider in each of the first ten
// namespaces and a leaked credential for each of the first ten IAM users and roles. The benchmark is skipped
// when the repository is not there.
func generatedWithEntries(b *testing.B) *graph.Graph {
	b.Helper()
	dir := os.Getenv("SEAM_BENCH_REPO")
	if dir == "" {
		dir = "/tmp/genrepo"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no generated repository at %s (go run ./bench/cmd/seam-gen -out %s)", dir, dir)
	}
	g := pathtest.Graph(b, dir)
	namespaces := map[string]bool{}
	var identities []string
	for _, n := range g.Nodes() {
		if ns, ok := n.Attrs["namespace"].(string); ok && n.Kind == model.KindWorkload {
			namespaces[ns] = true
		}
		if (n.Type == "aws_iam_user" || n.Type == "aws_iam_role") && len(identities) < 10 {
			identities = append(identities, n.ID)
		}
	}
	var nss []string
	for ns := range namespaces {
		nss = append(nss, ns)
	}
	sort.Strings(nss)
	var entries []model.Node
	p := model.Provenance{File: "seam.yaml", Line: 1, Extractor: "bench"}
	for i, ns := range nss {
		if i == 10 {
			break
		}
		entries = append(entries, model.Node{ID: "entry:insider-" + ns, Kind: model.KindEntryPoint, Type: "insider", Name: ns,
			Attrs: map[string]any{"type": "insider", "namespace": ns}, Prov: p})
	}
	for _, id := range identities {
		entries = append(entries, model.Node{ID: "entry:key-" + id, Kind: model.KindEntryPoint, Type: "leaked-credential", Name: id,
			Attrs: map[string]any{"type": "leaked-credential", "identity": id}, Prov: p})
	}
	g.Extend(model.Facts{Nodes: entries})
	return g
}

// BenchmarkAnalyzeGenerated is the whole analysis with the entry and AWS rules (choke points included) over the
// generated repository with twenty entry points.
//
//	go test ./internal/paths/rules/aws -run '^$' -bench AnalyzeGenerated -benchtime 3x
func BenchmarkAnalyzeGenerated(b *testing.B) {
	g := generatedWithEntries(b)
	rules := append(entry.Rules(), aws.Rules()...)
	b.ResetTimer()
	var res *paths.Result
	for i := 0; i < b.N; i++ {
		res = paths.Analyze(context.Background(), g, paths.Options{Rules: rules})
	}
	b.StopTimer()
	nodes, edges := g.Len()
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
	b.ReportMetric(float64(len(res.Paths)), "paths")
	b.ReportMetric(float64(res.Stats.States), "states")
}
