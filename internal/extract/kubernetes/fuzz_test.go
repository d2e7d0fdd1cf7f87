package kubernetes

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzExtract must never panic (a recovered parser panic shows as a "please report it" diagnostic, which fails
// here), every fact carries provenance, and every edge ends at a node of the same facts.
func FuzzExtract(f *testing.F) {
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, filepath.Join("testdata", "golden")) {
			return err
		}
		if data, err := os.ReadFile(p); err == nil && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			f.Add(data)
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: [{name: c, image: x, env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		facts := ExtractBytes("m.yaml", data)
		ids := map[string]bool{}
		for _, n := range facts.Nodes {
			if n.ID == "" || n.Prov.File != "m.yaml" || n.Prov.Line <= 0 || n.Prov.Extractor != Name || !n.Kind.Valid() {
				t.Fatalf("bad node: %+v", n)
			}
			ids[n.ID] = true
		}
		for _, e := range facts.Edges {
			if !ids[e.From] || !ids[e.To] || e.Prov.Line <= 0 || !e.Kind.Valid() {
				t.Fatalf("bad edge: %+v", e)
			}
		}
		for _, d := range facts.Diagnostics {
			if strings.Contains(d.Message, "please report it") {
				t.Fatalf("parser crash: %s", d.Message)
			}
		}
	})
}
