package kubernetes

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// caseDirs are the fixture directories under testdata, each scanned as one repository root.
var caseDirs = []string{"app", "broken", "crd", "helm", "notk8s", "overlay"}

// wanted lists the files under testdata/<dir> that the extractor asks for, sorted and relative to the dir.
func wanted(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	e := New()
	fsys := os.DirFS(filepath.Join("testdata", dir))
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
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

// extractDir scans testdata/<dir> the way the engine would: every wanted file in one call.
func extractDir(t testing.TB, dir string) model.Facts {
	t.Helper()
	f, err := New().Extract(context.Background(), extract.Input{
		FS: os.DirFS(filepath.Join("testdata", dir)), Paths: wanted(t, dir), MaxFileSize: 5 << 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// goldenFacts is the JSON shape of the golden files.
type goldenFacts struct {
	Nodes       []model.Node       `json:"nodes"`
	Edges       []model.Edge       `json:"edges"`
	Diagnostics []model.Diagnostic `json:"diagnostics"`
	Assumptions []model.Assumption `json:"assumptions"`
}

func marshalFacts(t testing.TB, f model.Facts) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(goldenFacts{f.Nodes, f.Edges, f.Diagnostics, f.Assumptions}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden compares each fixture directory's facts with testdata/golden/<dir>.json (go test -update
// rewrites them).
func TestGolden(t *testing.T) {
	for _, dir := range caseDirs {
		t.Run(dir, func(t *testing.T) {
			got := marshalFacts(t, extractDir(t, dir))
			golden := path.Join("testdata", "golden", dir+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("facts differ from %s (-want +got):\n%s", golden, cmp.Diff(string(want), string(got)))
			}
		})
	}
}
