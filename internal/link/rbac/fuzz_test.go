package rbac

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/kubernetes"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// kubernetesGraph builds the graph of one manifest file with the Kubernetes extractor alone (linktest.Graph
// runs every extractor, too slow for fuzzing).
func kubernetesGraph(t *testing.T, data []byte) *graph.Graph {
	fsys := fstest.MapFS{"rbac.yaml": {Data: data}}
	facts, err := kubernetes.New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"rbac.yaml"}, MaxFileSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	g := graph.New()
	g.Add(facts)
	g.Freeze()
	return g
}

// FuzzBuild runs the Kubernetes extractor and the builder over one manifest file, seeded with the fixtures,
// and checks what must always hold: no panic, every can edge with file:line provenance, evidence and at least
// one grant, every derived property with provenance.
func FuzzBuild(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.yaml")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := kubernetesGraph(t, data)
		facts := linktest.Build(t, g, New())
		for _, e := range facts.Edges {
			if e.Kind != model.EdgeCan || e.Prov.File == "" || e.Prov.Line == 0 {
				t.Fatalf("edge %s: kind or provenance wrong: %v", e.Key(), e.Prov)
			}
			if len(list(e.Attrs["granted_by"])) == 0 || len(list(e.Attrs["evidence"])) == 0 {
				t.Fatalf("edge %s has no grant or evidence", e.Key())
			}
		}
		for _, d := range facts.Derived {
			if d.Prov.File == "" || d.Key != DerivedKey {
				t.Fatalf("derived of %s: %v", d.Node, d.Prov)
			}
		}
		for _, b := range facts.Broken {
			if b.Prov.File == "" || b.Reason == "" {
				t.Fatalf("refused link from %s lacks provenance or reason", b.From)
			}
		}
		g.Extend(facts) // what the builder made must fit the graph: no edge to a missing node
		for _, d := range g.Diagnostics() {
			if d.Extractor == "link/rbac" && d.Severity != model.SeverityInfo {
				t.Fatalf("graph refused the builder's facts: %v", d)
			}
		}
	})
}
