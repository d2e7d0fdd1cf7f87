package dockerfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

// FuzzExtract feeds arbitrary bytes to the extractor, seeded with every fixture. It must never panic (the
// recover in ExtractBytes turns a parser panic into a diagnostic, which this test treats as a failure) and
// every fact must carry provenance.
func FuzzExtract(f *testing.F) {
	for _, p := range fixtures(f) {
		data, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("FROM ${A:-${B}}\nUSER $U\nEXPOSE $P/tcp 1-0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFacts(t, ExtractBytes("Dockerfile", data))
	})
}

// checkFacts asserts what every extraction must satisfy: provenance on every fact, attribute values that
// are JSON-compatible, an assumption whenever an attribute is unknown, and no crash diagnostics.
func checkFacts(t *testing.T, f model.Facts) {
	t.Helper()
	for _, d := range f.Diagnostics {
		if strings.Contains(d.Message, "please report it") {
			t.Fatalf("parser crash: %s", d.Message)
		}
		if d.File == "" || d.Extractor != Name {
			t.Fatalf("diagnostic without provenance: %+v", d)
		}
	}
	for _, n := range f.Nodes {
		if n.ID == "" || n.Prov.File == "" || n.Prov.Extractor != Name || !n.Kind.Valid() {
			t.Fatalf("bad node: %+v", n)
		}
		if n.Kind == model.KindDockerfile && hasUnknown(n.Attrs) && len(f.Assumptions) == 0 {
			t.Fatalf("unknown attribute without an assumption: %+v", n.Attrs)
		}
	}
	for _, e := range f.Edges {
		if e.From == "" || e.To == "" || e.Prov.Line <= 0 || !e.Kind.Valid() {
			t.Fatalf("bad edge: %+v", e)
		}
	}
}

func hasUnknown(v any) bool {
	if _, ok := model.IsUnknown(v); ok {
		return true
	}
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			if hasUnknown(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasUnknown(e) {
				return true
			}
		}
	}
	return false
}

func TestFixturesSatisfyInvariants(t *testing.T) {
	for _, p := range fixtures(t) {
		data, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			t.Fatal(err)
		}
		checkFacts(t, ExtractBytes(p, data))
	}
}
