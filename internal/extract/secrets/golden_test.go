package secrets

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares the facts of the planted fixtures, with the baseline, to testdata/golden/planted.json.
// Run with -update to rewrite it after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	f := extractFS(t, plantedWithBaseline(t), extract.Options{SecretsBaseline: "baseline.yaml"})
	got, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const golden = "testdata/golden/planted.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("facts differ from %s (-want +got):\n%s", golden, cmp.Diff(string(want), string(got)))
	}
}
