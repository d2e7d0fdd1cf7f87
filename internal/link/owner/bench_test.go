package owner

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/seam-sec/seam/bench/gen"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/handling"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/link/service"
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchRepo writes the SPEC-scale generated repository (bench/gen defaults: 10,000 Terraform resources,
// 5,000 Kubernetes objects, 200 lockfiles) once per test binary, with the ownership files a real one has:
// a seam.yaml with an owner per team and a service per namespace, a Backstage catalog with a Component per
// namespace (label selector on app.kubernetes.io/part-of) and a System per team, and a CODEOWNERS file with a
// rule per application directory. SEAM_BENCH_REPO names an existing copy to use instead.
func benchRepo(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("SEAM_BENCH_REPO"); dir != "" {
		return dir
	}
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "seam-owner-bench-")
		if benchErr != nil {
			return
		}
		benchDir = filepath.Join(benchDir, "repo")
		if benchErr = gen.Generate(benchDir, gen.DefaultOptions()); benchErr == nil {
			benchErr = ownershipFiles(benchDir)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

// ownershipFiles writes seam.yaml, catalog-info.yaml and CODEOWNERS for the generated repository.
func ownershipFiles(dir string) error {
	nss, err := os.ReadDir(filepath.Join(dir, "k8s"))
	if err != nil {
		return err
	}
	apps, err := os.ReadDir(filepath.Join(dir, "apps"))
	if err != nil {
		return err
	}
	teams := map[string]bool{}
	var seam, cat, co strings.Builder
	seam.WriteString("version: 1\nservices:\n")
	co.WriteString("* @bench/platform\n")
	for i, ns := range nss {
		team := ns.Name()[:strings.LastIndex(ns.Name(), "-")]
		teams[team] = true
		fmt.Fprintf(&seam, "  - name: %s\n    owner: \"@bench/%s\"\n    tier: tier-%d\n    resources: [\"k8s:%s/*/*\"]\n",
			ns.Name(), team, i%4+1, ns.Name())
		fmt.Fprintf(&cat, "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: %s\n  annotations:\n"+
			"    backstage.io/kubernetes-namespace: %s\n    backstage.io/kubernetes-label-selector: app.kubernetes.io/part-of=%s\n"+
			"    backstage.io/source-location: dir:./apps/%s\nspec:\n  type: service\n  lifecycle: production\n"+
			"  owner: group:default/%s\n  system: %s\n---\n", ns.Name(), ns.Name(), ns.Name(), apps[i%len(apps)].Name(), team, team)
	}
	var names []string
	for t := range teams {
		names = append(names, t)
	}
	sort.Strings(names)
	seam.WriteString("owners:\n")
	for i, t := range names {
		fmt.Fprintf(&seam, "  - id: \"@bench/%s\"\n    aliases: [group:default/%s, %s]\n    paths: [\"terraform/%s-*/**\"]\n", t, t, t, t)
		fmt.Fprintf(&cat, "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: %s\n  annotations:\n"+
			"    seam.dev/tier: \"%d\"\nspec:\n  owner: group:default/%s\n---\n", t, i%4+1, t)
	}
	for i, a := range apps {
		fmt.Fprintf(&co, "/apps/%s/ @bench/%s @bench/platform\n", a.Name(), names[i%len(names)])
	}
	for name, data := range map[string]string{"seam.yaml": seam.String(), "catalog-info.yaml": cat.String(), "CODEOWNERS": co.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkGenerated times each builder of this issue over the generated repository, after the stages
// before it: service and handling (stage derive) over the extracted graph, owner and criticality (stage
// context) after service's edges. Without the join builders the graph has no can, connects-to or holds
// edges, so handling measures its walk, not its output.
func BenchmarkGenerated(b *testing.B) {
	dir := benchRepo(b)
	base := linktest.Dir(b, dir)
	nodes, edges := base.Len()
	b.Logf("graph: %d nodes, %d edges", nodes, edges)
	run := func(name string, g *graph.Graph, bl link.Builder) {
		b.Run(name, func(b *testing.B) {
			in := &link.Input{Graph: g, Index: link.NewIndex(g)}
			var facts, derived, diags int
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				f, err := bl.Build(b.Context(), in)
				if err != nil {
					b.Fatal(err)
				}
				facts, derived, diags = len(f.Edges), len(f.Derived), len(f.Diagnostics)
			}
			// CPU time of the process per run (GC included): a figure that holds on a loaded machine.
			b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(facts), "edges")
			b.ReportMetric(float64(derived), "derived")
			b.ReportMetric(float64(diags), "diagnostics")
		})
	}
	run("service", base, service.New())
	run("handling", base, handling.New())
	linktest.Apply(b, base, service.New())
	run("owner", base, New())
	run("criticality", base, NewCriticality())
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
