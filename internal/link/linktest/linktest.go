// Package linktest builds graphs for link builder tests the way a scan does — one walk, every real extractor,
// seam.yaml when there is one — without importing the engine (builders may not). It also runs builders over
// a graph and applies their facts, so a test can check what one builder adds to what earlier stages made.
package linktest

import (
	"context"
	"io/fs"
	"os"
	"testing"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/extractors"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/source"
)

// Graph walks fsys, runs every extractor over the files it wants and the facts of seam.yaml (when fsys holds
// one), and returns the frozen graph. It fails the test if the walk or seam.yaml fails.
func Graph(t testing.TB, fsys fs.FS) *graph.Graph {
	t.Helper()
	ctx := context.Background()
	exs := extractors.All()
	walked, err := source.Walk(ctx, fsys, source.Options{Wanted: func(p string, info fs.FileInfo) bool {
		for _, ex := range exs {
			if ex.FileRequired(p, info) {
				return true
			}
		}
		return false
	}})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	g := graph.New()
	g.Add(model.Facts{Diagnostics: walked.Diagnostics})
	for _, ex := range exs {
		var paths []string
		for _, f := range walked.Files {
			if ex.FileRequired(f.Path, f.Info) {
				paths = append(paths, f.Path)
			}
		}
		if len(paths) == 0 {
			continue
		}
		batches := [][]string{paths}
		if ex.Unit() == extract.UnitFile {
			batches = batches[:0]
			for _, p := range paths {
				batches = append(batches, []string{p})
			}
		}
		for _, b := range batches {
			f, err := ex.Extract(ctx, extract.Input{FS: fsys, Paths: b, MaxFileSize: source.DefaultMaxFileSize})
			if err != nil {
				t.Fatalf("%s: %v", ex.Name(), err)
			}
			g.Add(f)
		}
	}
	if name, ok := config.Find(fsys); ok {
		cfg, err := config.Load(fsys, name)
		if err != nil {
			t.Fatalf("seam.yaml: %v", err)
		}
		g.Add(cfg.Facts(name))
	}
	g.Freeze()
	return g
}

// Dir is Graph over a directory on disk (a fixture under testdata/, or the example).
func Dir(t testing.TB, dir string) *graph.Graph {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return Graph(t, root.FS())
}

// Build runs one builder over g and returns its facts, failing the test on an error.
func Build(t testing.TB, g *graph.Graph, b link.Builder) model.Facts {
	t.Helper()
	f, err := b.Build(context.Background(), &link.Input{Graph: g, Index: link.NewIndex(g)})
	if err != nil {
		t.Fatalf("%s: %v", b.Name(), err)
	}
	return f
}

// Apply runs builders one after another (each its own stage) and adds their facts to g, as the engine does;
// it returns the facts of the last one.
func Apply(t testing.TB, g *graph.Graph, bs ...link.Builder) model.Facts {
	t.Helper()
	var last model.Facts
	for _, b := range bs {
		last = Build(t, g, b)
		g.Extend(last)
	}
	return last
}

// Out returns the edges of one kind leaving a node, as "from -kind-> to" keys, sorted.
func Out(g *graph.Graph, from string, kind model.EdgeKind) []string {
	var out []string
	for _, e := range g.Out(from) {
		if e.Kind == kind {
			out = append(out, e.Key())
		}
	}
	return out
}

// EdgesOfKind returns every edge of a kind made by a given extractor (or any, when extractor is ""), as keys.
func EdgesOfKind(g *graph.Graph, kind model.EdgeKind, extractor string) []string {
	var out []string
	for _, e := range g.Edges() {
		if e.Kind == kind && (extractor == "" || e.Prov.Extractor == extractor) {
			out = append(out, e.Key())
		}
	}
	return out
}

// Generated builds the graph of the SPEC-scale generated repository for a builder's benchmark: the directory
// SEAM_BENCH_REPO names, else /tmp/genrepo (go run ./bench/cmd/seam-gen -out /tmp/genrepo). The benchmark is
// skipped when there is none.
func Generated(b *testing.B) *graph.Graph {
	b.Helper()
	dir := os.Getenv("SEAM_BENCH_REPO")
	if dir == "" {
		dir = "/tmp/genrepo"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no generated repository at %s (go run ./bench/cmd/seam-gen -out %s)", dir, dir)
	}
	return Dir(b, dir)
}
