package tfplan

import (
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"sort"
	"testing"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// wantedPaths lists the files of fsys the extractor wants, as the engine's walker would.
func wantedPaths(t testing.TB, fsys fs.FS) []string {
	t.Helper()
	var paths []string
	ex := New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !d.IsDir() && ex.FileRequired(p, info) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	return paths
}

// extractFS runs the extractor over every wanted file of fsys, one file per call as the engine does for a
// UnitFile extractor, and merges the results in path order.
func extractFS(t testing.TB, fsys fs.FS) model.Facts {
	t.Helper()
	var all model.Facts
	for _, p := range wantedPaths(t, fsys) {
		facts, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{p},
			MaxFileSize: 5 << 20})
		if err != nil {
			t.Fatalf("Extract(%s): %v", p, err)
		}
		all.Merge(facts)
	}
	return all
}

// factsJSON renders facts as indented JSON, the golden format.
func factsJSON(t testing.TB, f model.Facts) []byte {
	t.Helper()
	b, err := json.MarshalIndent(struct {
		Nodes       []model.Node       `json:"nodes"`
		Edges       []model.Edge       `json:"edges"`
		Diagnostics []model.Diagnostic `json:"diagnostics"`
		Assumptions []model.Assumption `json:"assumptions"`
	}{f.Nodes, f.Edges, f.Diagnostics, f.Assumptions}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}
