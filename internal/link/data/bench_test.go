package data

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// BenchmarkBuild runs the builder over the SPEC-scale generated repository (10,000 Terraform resources,
// 5,000 Kubernetes objects, 200 lockfiles). Generate it first:
//
//	go run ./bench/cmd/seam-gen -out /tmp/genrepo
//	go test ./internal/link/data -run '^$' -bench Build -benchtime 5x
//
// SEAM_BENCH_REPO names another directory. The graph is built once, outside the timing.
func BenchmarkBuild(b *testing.B) {
	g := linktest.Generated(b)
	nodes, edges := g.Len()
	b.ReportMetric(float64(nodes), "graph-nodes")
	b.ReportMetric(float64(edges), "graph-edges")
	b.ReportAllocs()
	before := cpuTime()
	b.ResetTimer()
	var f model.Facts
	for i := 0; i < b.N; i++ {
		f = linktest.Build(b, g, New())
	}
	b.StopTimer()
	// CPU time per build, which a busy machine does not inflate the way it does wall time.
	b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
	counts := map[model.EdgeKind]int{}
	for _, e := range f.Edges {
		counts[e.Kind]++
	}
	b.ReportMetric(float64(counts[model.EdgeHolds]), "holds")
	b.ReportMetric(float64(counts[model.EdgeConnectsTo]), "connects-to")
	b.ReportMetric(float64(counts[model.EdgeReferences]), "references")
	b.ReportMetric(float64(len(f.Broken)), "refused")
	b.ReportMetric(float64(len(f.Assumptions)), "assumptions")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCatalog measures Backstage matching at the scale of a large catalog: 3,000 S3 buckets, 3,000
// Resources that name them by convention ("data-0042-bucket" for the bucket "acme-data-0042"), 1,000
// Components that depend on three Resources each, and 1,000 Deployments named after the Components.
func BenchmarkCatalog(b *testing.B) {
	const stores, comps = 3000, 1000
	var tf, cat, k8s strings.Builder
	for i := 0; i < stores; i++ {
		fmt.Fprintf(&tf, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"acme-data-%04d\"\n}\n", i, i)
		fmt.Fprintf(&cat, "---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: data-%04d-bucket\n  tags: [pii]\nspec:\n  type: s3-bucket\n  owner: group:default/data\n", i)
	}
	for i := 0; i < comps; i++ {
		fmt.Fprintf(&cat, "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-%04d\n  annotations:\n    backstage.io/kubernetes-id: svc-%04d\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/data\n  dependsOn: [resource:default/data-%04d-bucket, resource:default/data-%04d-bucket, resource:default/data-%04d-bucket]\n",
			i, i, i, (i+1)%stores, (i+2)%stores)
		fmt.Fprintf(&k8s, "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-%04d\n  namespace: apps\nspec:\n  selector:\n    matchLabels: {app: svc-%04d}\n  template:\n    metadata:\n      labels: {app: svc-%04d}\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/svc:%d\n          env:\n            - {name: DATA_BUCKET, value: acme-data-%04d}\n",
			i, i, i, i, i)
	}
	g := linktest.Graph(b, fstest.MapFS{
		"infra/main.tf":     {Data: []byte(tf.String())},
		"catalog-info.yaml": {Data: []byte(cat.String())},
		"deploy/apps.yaml":  {Data: []byte(k8s.String())},
	})
	b.ReportAllocs()
	before := cpuTime()
	b.ResetTimer()
	var f model.Facts
	for i := 0; i < b.N; i++ {
		f = linktest.Build(b, g, New())
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(f.Edges)), "edges")
	b.ReportMetric(float64(len(f.Broken)), "refused")
}
