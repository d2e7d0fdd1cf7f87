package lockfile

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// fuzzNames are the file names the fuzzer feeds bytes as: one per wrapped scalibr plugin.
var fuzzNames = []string{
	"go.mod", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "requirements.txt",
	"poetry.lock", "Pipfile.lock", "uv.lock", "pdm.lock", "pom.xml", "gradle.lockfile", "Gemfile.lock",
	"Cargo.lock", "composer.lock", "packages.lock.json", "App.deps.json", "packages.config",
}

// FuzzExtract feeds arbitrary bytes to the extractor as one of the lockfile names. Whatever scalibr does
// with them (including panicking, which is recovered into a diagnostic), Seam's own code must not panic and
// its facts must stay well formed: provenance on everything, edges between nodes it emitted.
func FuzzExtract(f *testing.F) {
	index := map[string]uint8{}
	for i, n := range fuzzNames {
		index[n] = uint8(i)
	}
	_ = fs.WalkDir(testdataFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := baseName(p)
		if strings.HasSuffix(name, ".deps.json") {
			name = "App.deps.json"
		}
		if i, ok := index[name]; ok {
			data, _ := fs.ReadFile(testdataFS, p)
			f.Add(data, i)
		}
		return nil
	})
	e := New()
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		path := "app/" + fuzzNames[int(which)%len(fuzzNames)]
		fsys := fstest.MapFS{path: {Data: data}}
		type result struct {
			facts model.Facts
			err   error
		}
		done := make(chan result, 1)
		go func() {
			facts, err := e.Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{path}, MaxFileSize: 1 << 20})
			done <- result{facts, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Extract of %d bytes as %s did not finish in 5s", len(data), path)
		}
		facts, err := r.facts, r.err
		if err != nil {
			t.Fatalf("Extract returned an error for a bad file: %v", err)
		}
		checkFacts(t, facts)
	})
}

// checkFacts fails when facts are not well formed: a node or edge without provenance, an edge to a node the
// extractor did not emit, a crash in Seam's own format reader.
func checkFacts(t *testing.T, facts model.Facts) {
	t.Helper()
	ids := map[string]bool{}
	for _, n := range facts.Nodes {
		if n.ID == "" || n.Prov.File == "" || n.Prov.Line < 1 || n.Prov.Extractor != Name {
			t.Fatalf("node without ID or provenance: %+v", n)
		}
		ids[n.ID] = true
	}
	for _, ed := range facts.Edges {
		if !ids[ed.From] || !ids[ed.To] || ed.Prov.File == "" || ed.Prov.Line < 1 {
			t.Fatalf("edge with a missing endpoint or provenance: %+v", ed)
		}
	}
	for _, d := range facts.Diagnostics {
		if strings.Contains(d.Message, "a Seam bug") {
			t.Fatalf("Seam's own reader crashed: %s", d)
		}
	}
}
