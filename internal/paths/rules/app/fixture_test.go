package app_test

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/pathtest"
	"github.com/seam-sec/seam/internal/paths/rules/app"
	"github.com/seam-sec/seam/internal/paths/rules/entry"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// fixtureFlaw is a code flaw a fixture's handler file has, as the code-flaw detectors will report it: the
// test adds it (and its has-flaw edge) on top of the scanned graph until the detectors and the flaw link
// builder land. Its line is the line of the file that contains marker. When the scan already has a flaw of
// the class at that line (the detectors have landed), that one is used.
type fixtureFlaw struct {
	file, marker string
	f            flaw.Finding // Class, Rule, Confidence, Language, Function, Route, Sink, Title
	on           string       // the workload whose image has it ("image") — or, prefixed "workload:", the workload itself
}

// system is a fixture system, or a variant of one: a base directory under testdata, with files dropped and
// an overlay directory's files laid over it.
type system struct {
	base    string
	overlay string   // a directory under testdata whose files replace or add to the base's
	drop    []string // files of the base left out
	flaws   []fixtureFlaw
}

// scan builds the system's graph as a scan does (pathtest.Graph: every extractor, seam.yaml, the link stage)
// and adds its flaws.
func (s system) scan(t *testing.T) *graph.Graph {
	t.Helper()
	dir := filepath.Join("testdata", s.base)
	if s.overlay != "" || len(s.drop) > 0 {
		dir = t.TempDir()
		copyTree(t, filepath.Join("testdata", s.base), dir, s.drop)
		if s.overlay != "" {
			copyTree(t, filepath.Join("testdata", s.overlay), dir, nil)
		}
	}
	g := pathtest.Graph(t, dir)
	g.Extend(flawFacts(t, g, dir, s.flaws))
	return g
}

// flawFacts returns the code-flaw nodes and has-flaw edges of a system's flaws that the graph lacks.
func flawFacts(t *testing.T, g *graph.Graph, dir string, flaws []fixtureFlaw) model.Facts {
	t.Helper()
	var facts model.Facts
	for _, ff := range flaws {
		f := ff.f
		f.File, f.Line, f.Tool = ff.file, lineOf(t, filepath.Join(dir, ff.file), ff.marker), "seam"
		node := f.Node("codeflaw")
		if n := flawAt(g, f); n != nil {
			node = *n
		} else {
			facts.Nodes = append(facts.Nodes, node)
		}
		from := strings.TrimPrefix(ff.on, "workload:")
		if from == ff.on {
			from = imageOf(t, g, ff.on)
		}
		if hasFlawEdge(g, node.ID) {
			continue
		}
		facts.Edges = append(facts.Edges, model.Edge{From: from, To: node.ID, Kind: model.EdgeHasFlaw,
			Prov: model.Provenance{File: ff.file, Line: f.Line, Extractor: "link/flaw"},
			Attrs: map[string]any{"method": "fixture", "confidence": 0.9, "confidence_label": "high",
				"reason":   "the image is built from the directory of " + ff.file,
				"evidence": []any{map[string]any{"file": ff.file, "line": f.Line, "what": "the sink"}}}})
	}
	return facts
}

func flawAt(g *graph.Graph, f flaw.Finding) *model.Node {
	for _, n := range g.NodesOfKind(model.KindCodeFlaw) {
		if n.Prov.File == f.File && n.Prov.Line == f.Line && n.Attrs["class"] == string(f.Class) {
			return n
		}
	}
	return nil
}

func hasFlawEdge(g *graph.Graph, id string) bool {
	for _, e := range g.In(id) {
		if e.Kind == model.EdgeHasFlaw {
			return true
		}
	}
	return false
}

func imageOf(t *testing.T, g *graph.Graph, workload string) string {
	t.Helper()
	for _, e := range g.Out(workload) {
		if e.Kind == model.EdgeRuns {
			return e.To
		}
	}
	t.Fatalf("%s runs no image", workload)
	return ""
}

func lineOf(t *testing.T, file, marker string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, marker) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, marker)
	return 0
}

// copyTree copies the files under src into dst, except those (relative to src) in drop.
func copyTree(t *testing.T, src, dst string, drop []string) {
	t.Helper()
	skip := map[string]bool{}
	for _, d := range drop {
		skip[d] = true
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if skip[filepath.ToSlash(rel)] {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// analyze runs the entry rules and this package's rules over g with the given foothold sources.
func analyze(g *graph.Graph, sources ...paths.FootholdSource) *paths.Result {
	if len(sources) == 0 {
		sources = []paths.FootholdSource{app.CodeFlaws{}}
	}
	rules := append(entry.Rules(), app.Rules()...)
	return paths.Analyze(context.Background(), g, paths.Options{Rules: rules, Footholds: sources})
}

// golden compares got with testdata/golden/<name>.txt, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", p, diff)
	}
}

// rule returns this package's rule with an ID.
func rule(t *testing.T, id string) paths.Rule {
	t.Helper()
	for _, r := range app.Rules() {
		if r.Meta().ID == id {
			return r
		}
	}
	t.Fatalf("no rule %s", id)
	return nil
}
