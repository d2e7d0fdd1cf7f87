package terraform

import (
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"sort"
	"testing"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// wantedPaths lists the files under root of fsys that the extractor wants, as the engine's walker would.
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

// extractFS runs the extractor over every wanted file of fsys.
func extractFS(t testing.TB, fsys fs.FS, opts extract.Options) model.Facts {
	t.Helper()
	facts, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: wantedPaths(t, fsys),
		MaxFileSize: 1 << 20, Options: opts})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return facts
}

// extractDir runs the extractor over testdata/<dir>.
func extractDir(t testing.TB, dir string, opts extract.Options) model.Facts {
	t.Helper()
	return extractFS(t, os.DirFS("testdata/"+dir), opts)
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
