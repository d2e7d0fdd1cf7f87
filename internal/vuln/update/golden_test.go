package update

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestManifestGolden pins the manifest format the CLI and `seam db status` read: the standard bucket with a
// gzip EPSS file (stored as sent), the server's address replaced by https://bucket.test. Run with -update
// after a deliberate format change.
func TestManifestGolden(t *testing.T) {
	b := standardBucket(t)
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.NoCompression) // stored blocks: the same bytes on every Go version
	zw.Write(b.objects["/epss.csv"].body)
	zw.Close()
	b.put("/epss.csv.gz", &object{body: gz.Bytes()})
	dir := filepath.Join(t.TempDir(), "vulndb")
	opts := b.options(dir)
	opts.EPSSURL = b.srv.URL + "/epss.csv.gz"
	m, err := Update(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := os.ReadFile(filepath.Join(dir, "epss.csv.gz"))
	if err != nil || !bytes.Equal(stored, gz.Bytes()) {
		t.Errorf("a gzip EPSS file is not stored as sent: %v", err)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(string(data), b.srv.URL, "https://bucket.test") + "\n"
	golden := filepath.Join("testdata", "golden", "manifest.json")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("manifest (-golden +got):\n%s", diff)
	}
}
