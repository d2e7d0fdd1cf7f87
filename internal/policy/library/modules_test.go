package library_test

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"testing"
	"testing/fstest"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/seam-sec/seam/bench/gen"
	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/policy"
	"github.com/seam-sec/seam/internal/policy/library"
)

// libraryModules parses the .rego files under roots (directories or files) of the embedded library, tests
// included.
func libraryModules(t *testing.T, roots []string) map[string]*ast.Module {
	t.Helper()
	mods := map[string]*ast.Module{}
	for _, root := range roots {
		err := fs.WalkDir(library.FS, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".rego" {
				return err
			}
			src, err := fs.ReadFile(library.FS, p)
			if err != nil {
				return err
			}
			m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				return err
			}
			mods[p] = m
			return nil
		})
		if err != nil {
			t.Fatalf("loading %s: %v", root, err)
		}
	}
	return mods
}

// libraryOrigin is the part of the embedded library under roots as a policy origin, as the engine loads it.
func libraryOrigin(t testing.TB, roots []string) policy.Origin {
	t.Helper()
	m := fstest.MapFS{}
	for _, root := range roots {
		err := fs.WalkDir(library.FS, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(library.FS, p)
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return policy.Origin{Source: policy.SourceBuiltin, Path: "library", FS: m}
}

// runRegoTests runs every Rego test of mods and fails on any failing or erroring one, or when none ran.
func runRegoTests(t *testing.T, mods map[string]*ast.Module) {
	t.Helper()
	ch, err := tester.NewRunner().SetModules(mods).RaiseBuiltinErrors(true).RunTests(context.Background(), nil)
	if err != nil {
		t.Fatalf("running Rego tests: %v", err)
	}
	n := 0
	for r := range ch {
		n++
		if r.Error != nil {
			t.Errorf("%s.%s (%s): error: %v", r.Package, r.Name, r.Location, r.Error)
		} else if r.Fail {
			t.Errorf("%s.%s (%s): failed", r.Package, r.Name, r.Location)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", n)
}

// benchmarkControls evaluates the controls of origin over the generated repository of bench/gen and reports
// their cost, listing the slowest.
func benchmarkControls(b *testing.B, origin policy.Origin, slowest int) {
	dir := b.TempDir()
	if err := gen.Generate(filepath.Join(dir, "repo"), gen.DefaultOptions()); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	set, err := policy.Load(ctx, []policy.Origin{origin})
	if err != nil {
		b.Fatal(err)
	}
	res, err := engine.Scan(ctx, os.DirFS(filepath.Join(dir, "repo")), engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var rep *policy.Report
	for i := 0; i < b.N; i++ {
		rep = policy.Evaluate(ctx, set, res.Graph, nil, policy.Options{})
	}
	b.StopTimer()
	costs := append([]policy.Cost(nil), rep.Costs...)
	sort.Slice(costs, func(i, j int) bool { return costs[i].Duration > costs[j].Duration })
	var total time.Duration
	for _, c := range costs {
		total += c.Duration
	}
	nodes, edges := res.Graph.Len()
	b.ReportMetric(float64(len(set.Controls)), "controls")
	b.ReportMetric(float64(len(rep.Results)), "results")
	b.ReportMetric(rep.InputDuration.Seconds(), "input-s")
	b.ReportMetric(total.Seconds()/float64(max(1, len(costs))), "s/control")
	b.Logf("%d nodes, %d edges, %d controls, %s summed over controls", nodes, edges, len(costs), total)
	for _, c := range costs[:min(slowest, len(costs))] {
		b.Logf("  %s: %d nodes, %d results, %s", c.ControlID, c.Nodes, c.Results, c.Duration)
	}
}
