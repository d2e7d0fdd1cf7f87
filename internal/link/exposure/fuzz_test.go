package exposure

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// FuzzBuild feeds the builder graphs made from mutated Kubernetes manifests and Terraform files, seeded with
// the fixtures: the builder reads whatever shapes the extractors give it, so it must never panic, must give
// the same facts twice, and must only point at nodes the graph has. The seeds are large, so run it with a
// short minimisation: go test -run '^$' -fuzz=FuzzBuild -fuzztime=60s -fuzzminimizetime=3s.
func FuzzBuild(f *testing.F) {
	seeds := map[string][2]string{}
	for _, fx := range fixtures[1:] {
		var yaml, tf string
		_ = filepath.WalkDir(fx.dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, _ := os.ReadFile(p)
			switch filepath.Ext(p) {
			case ".yaml":
				yaml += "---\n" + string(data)
			case ".tf":
				tf += string(data) + "\n"
			}
			return nil
		})
		seeds[fx.name] = [2]string{yaml, tf}
	}
	for _, name := range []string{"alb-targets", "k8s-default-deny", "k8s-public-lb", "public-instance", "rest-api"} {
		f.Add(seeds[name][0], seeds[name][1])
	}
	f.Fuzz(func(t *testing.T, yaml, tf string) {
		g := linktest.Graph(t, fstest.MapFS{"k8s/app.yaml": {Data: []byte(yaml)}, "infra/main.tf": {Data: []byte(tf)}})
		a := linktest.Build(t, g, New())
		b := linktest.Build(t, g, New())
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("two builds differ:\n%s", diff)
		}
		exists := func(id string) bool {
			_, ok := g.Node(id)
			return ok || id == model.InternetID
		}
		for _, e := range a.Edges {
			if !exists(e.From) || !exists(e.To) {
				t.Errorf("edge %s names a node the graph does not have", e.Key())
			}
		}
		for _, d := range a.Derived {
			if !exists(d.Node) {
				t.Errorf("derived %s on missing node %s", d.Key, d.Node)
			}
		}
	})
}
