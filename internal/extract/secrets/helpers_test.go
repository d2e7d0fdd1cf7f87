package secrets

import (
	"context"
	"io/fs"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// fixedNow is the clock of every test: baseline expiry is judged against 2026-12-01.
func fixedNow() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }

// wanted lists the files of fsys the extractor asks for, sorted.
func wanted(t testing.TB, fsys fs.FS) []string {
	t.Helper()
	e := New()
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if e.FileRequired(p, info) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// extractFS scans every wanted file of fsys in one call, as the engine does.
func extractFS(t testing.TB, fsys fs.FS, opt extract.Options) model.Facts {
	t.Helper()
	e := &Extractor{Now: fixedNow}
	f, err := e.Extract(context.Background(), extract.Input{FS: fsys, Paths: wanted(t, fsys), MaxFileSize: 5 << 20, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// dirFS opens a directory under testdata.
func dirFS(t testing.TB, dir string) fs.FS {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root.FS()
}
