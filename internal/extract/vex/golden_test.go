package vex

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixtures lists the documents under testdata (see testdata/README.md).
func fixtures(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob("testdata/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range names {
		if !strings.HasSuffix(n, ".golden.json") {
			out = append(out, filepath.Base(n))
		}
	}
	return out
}

func extractFixture(t testing.TB, name string) model.Facts {
	t.Helper()
	facts, err := New().Extract(context.Background(), extract.Input{FS: os.DirFS("testdata"), Paths: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

// TestGolden compares the facts of every fixture with testdata/<name>.golden.json; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, name := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(extractFixture(t, name), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".json")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("facts differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestDeterministic reads every fixture twice and through Parse: the same bytes each time, and Parse
// differs only in the file name.
func TestDeterministic(t *testing.T) {
	for _, name := range fixtures(t) {
		a, _ := json.Marshal(extractFixture(t, name))
		b, _ := json.Marshal(extractFixture(t, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two reads differ", name)
		}
		data, _ := os.ReadFile(filepath.Join("testdata", name))
		p, _ := json.Marshal(Parse("/tmp/reports/"+name, bytes.NewReader(data)))
		p = bytes.ReplaceAll(p, []byte("import:"+name), []byte(name))
		if !bytes.Equal(a, p) && name != "notes.vex.json" && name != "vex.json" { // an unknown file named on the command line is an error
			t.Errorf("%s: Parse differs from Extract beyond the file name", name)
		}
	}
}
