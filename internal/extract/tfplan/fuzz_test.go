package tfplan

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/seam-sec/seam/internal/extract"
)

// FuzzExtract runs the extractor over one fuzzed file, under each of the three names that select a different
// expectation (a plan, a show -json state, a raw state: the content decides what is read, the name only
// where it sits). It must never fail, never hang, never panic (a recovered panic is an "internal error"
// diagnostic, which fails the test too), and everything it produces must carry provenance from this file.
// Seeds are every JSON and tfstate file under testdata, including crashers the fuzzer found.
func FuzzExtract(f *testing.F) {
	_ = fs.WalkDir(os.DirFS("testdata"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".golden.json") || strings.HasSuffix(p, ".md") {
			return nil
		}
		if data, err := fs.ReadFile(os.DirFS("testdata"), p); err == nil {
			f.Add(data, uint8(len(p)))
		}
		return nil
	})
	names := []string{"tfplan.json", "infra/terraform.tfstate", "envs/prod/state.json"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := names[int(which)%len(names)]
		fsys := fstest.MapFS{name: {Data: data}}
		done := make(chan struct{})
		var err error
		var diags, nodes, edges, assumptions int
		go func() {
			defer close(done)
			facts, e := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{name},
				MaxFileSize: 1 << 20})
			err = e
			diags, nodes, edges, assumptions = len(facts.Diagnostics), len(facts.Nodes), len(facts.Edges), len(facts.Assumptions)
			for _, d := range facts.Diagnostics {
				if strings.Contains(d.Message, "internal error") {
					t.Errorf("panic recovered: %s", d)
				}
				if d.File != name || d.Extractor != Name {
					t.Errorf("diagnostic without provenance: %+v", d)
				}
			}
			for _, n := range facts.Nodes {
				if n.ID == "" || n.Prov.File != name || n.Prov.Line < 1 || n.Prov.Extractor != Name {
					t.Errorf("node without ID or provenance: %+v", n)
				}
			}
			for _, e := range facts.Edges {
				if e.From == "" || e.To == "" || e.Prov.File != name || e.Prov.Line < 1 {
					t.Errorf("edge without endpoints or provenance: %+v", e)
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Extract did not finish in 10s on %d bytes", len(data))
		}
		if err != nil {
			t.Errorf("Extract returned an error: %v", err)
		}
		_ = diags + nodes + edges + assumptions
	})
}
