package buildconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

// fuzzNames are the file names the fuzzer's input is read as, one per format.
var fuzzNames = []string{"docker-compose.yml", "skaffold.yaml", ".github/workflows/ci.yml", "Makefile"}

// FuzzExtract feeds arbitrary bytes to every format's reader, seeded with every fixture read as its own format
// and as the others. It must never panic (a recovered panic shows as a "please report it" diagnostic, which
// fails here), and every fact must carry provenance.
func FuzzExtract(f *testing.F) {
	for _, p := range fixtures(f) {
		data, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		for i := range fuzzNames {
			f.Add(uint8(i), data)
		}
	}
	f.Add(uint8(3), []byte("A = $(B)\nB = $(A)\nx:\n\tdocker build -t $(A) .\n"))           // a recursive variable
	f.Add(uint8(2), []byte("jobs: {j: {steps: [{run: \"docker build -t \\\"a\\\\\"\"}]}}")) // odd quoting
	f.Add(uint8(0), []byte("a: &a [*a]\nservices: {x: {build: ., image: \"${A:-${B:-${C}}}\"}}"))
	f.Fuzz(func(t *testing.T, format uint8, data []byte) {
		p := fuzzNames[int(format)%len(fuzzNames)]
		checkFacts(t, p, ExtractBytes(p, data))
	})
}

// checkFacts asserts what every extraction must satisfy: provenance on every fact, no crash diagnostics,
// an image node for every build listed, and an assumption for every image with unknown parts.
func checkFacts(t *testing.T, p string, f model.Facts) {
	t.Helper()
	for _, d := range f.Diagnostics {
		if strings.Contains(d.Message, "please report it") {
			t.Fatalf("reader crash: %s", d.Message)
		}
		if d.File != p || d.Extractor != Name {
			t.Fatalf("diagnostic without provenance: %+v", d)
		}
	}
	ids := map[string]bool{}
	for _, n := range f.Nodes {
		if n.ID == "" || n.Prov.File != p || n.Prov.Line <= 0 || n.Prov.Extractor != Name || !n.Kind.Valid() {
			t.Fatalf("bad node: %+v", n)
		}
		ids[n.ID] = true
	}
	assumed := map[string]bool{}
	for _, a := range f.Assumptions {
		assumed[a.Subject] = true
	}
	for _, n := range f.Nodes {
		if n.Kind == model.KindImage && n.Attrs["unknown_parts"] != nil && !assumed[n.ID] {
			t.Fatalf("image %s has unknown parts and no assumption", n.ID)
		}
		if n.Kind != model.KindConfig {
			continue
		}
		for _, b := range n.Attrs["builds"].([]any) {
			if id := b.(map[string]any)["image"].(string); !ids[id] {
				t.Fatalf("build of %s has no image node", id)
			}
		}
	}
	if len(f.Edges) > 0 {
		t.Fatalf("the extractor makes no edges, got %v", f.Edges)
	}
}

func TestFixturesSatisfyInvariants(t *testing.T) {
	for _, p := range fixtures(t) {
		data, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			t.Fatal(err)
		}
		checkFacts(t, p, ExtractBytes(p, data))
	}
}
