// Package pathtest builds graphs for path-rule tests the way a scan does — every extractor, seam.yaml, the
// whole link stage — and renders analysis results as text for golden files, so a rule's tests can say which
// paths a fixture system must and must not have, hop by hop.
package pathtest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// Graph scans a directory as `seam scan` does (extractors, seam.yaml, link stage) and returns its graph.
func Graph(t testing.TB, dir string) *graph.Graph {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := root.FS()
	opt := engine.Options{}
	if name, ok := config.Find(fsys); ok {
		cfg, err := config.Load(fsys, name)
		if err != nil {
			t.Fatalf("seam.yaml: %v", err)
		}
		opt.ExtraFacts = []model.Facts{cfg.Facts(name)}
	}
	res, err := engine.Scan(context.Background(), fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res.Graph
}

// Render writes paths one hop a line, for golden files: risk, likelihood, entry and target, then each hop
// with its rule, technique, likelihood, reason, first evidence and control.
func Render(r *paths.Result) string {
	var b strings.Builder
	for i, p := range r.Paths {
		fmt.Fprintf(&b, "path %d risk %.1f likelihood %.3f impact %.3f %s -> %s owner=%s\n", i+1, p.Risk, p.Likelihood, p.Impact,
			p.Entry, p.Target, strings.TrimPrefix(p.Owner, "owner:"))
		for _, h := range p.Hops {
			ev := ""
			if len(h.Evidence) > 0 {
				ev = fmt.Sprintf(" @%s:%d", h.Evidence[0].File, h.Evidence[0].Line)
			}
			fmt.Fprintf(&b, "  %s [%s %s %.2f] %s%s | fix: %s\n", h.To, h.Rule, h.Technique, h.Likelihood, h.Reason, ev, h.Control.Title)
		}
		for _, a := range p.Assumptions {
			fmt.Fprintf(&b, "  assumes %s\n", a)
		}
	}
	for _, c := range r.ChokePoints {
		fmt.Fprintf(&b, "choke %s: removes %.1f (%.0f%%, cumulative %.0f%%), residual %.1f in %d paths\n", c.Control.ID,
			c.Removed, c.Share*100, c.Cumulative*100, c.Residual, c.ResidualPaths)
	}
	if len(r.Paths) == 0 {
		b.WriteString("no paths\n")
	}
	return b.String()
}

// Chains returns each path as its state sequence, "entry(internet) → reach(x) → …", for exact assertions.
func Chains(r *paths.Result) []string {
	var out []string
	for _, p := range r.Paths {
		parts := []string{p.Entry.String()}
		for _, h := range p.Hops {
			parts = append(parts, h.To.String())
		}
		out = append(out, strings.Join(parts, " → "))
	}
	return out
}
