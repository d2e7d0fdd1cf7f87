package sbom

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// generated is an organisation-sized graph: services each with a workload running an image whose lockfile
// pins perPkg packages, and one vulnerability per 10 packages, every third a foothold.
func generated(services, perPkg int) *graph.Graph {
	p := model.Provenance{File: "gen", Line: 1, Extractor: "bench"}
	var f model.Facts
	node := func(id string, k model.NodeKind, attrs map[string]any) {
		f.Nodes = append(f.Nodes, model.Node{ID: id, Kind: k, Name: id, Attrs: attrs, Prov: p})
	}
	edge := func(from string, k model.EdgeKind, to string, attrs map[string]any) {
		f.Edges = append(f.Edges, model.Edge{From: from, To: to, Kind: k, Attrs: attrs, Prov: p})
	}
	for s := 0; s < services; s++ {
		svc, img, mod, wl := fmt.Sprintf("service:s%d", s), fmt.Sprintf("image:reg/s%d:1", s), fmt.Sprintf("module:s%d/go.mod", s), fmt.Sprintf("k8s:ns/Deployment/s%d", s)
		node(svc, model.KindService, nil)
		node(img, model.KindImage, nil)
		node(mod, model.KindModule, nil)
		node(wl, model.KindWorkload, nil)
		edge(wl, model.EdgeRuns, img, nil)
		edge(img, model.EdgeContains, mod, nil)
		edge(img, model.EdgePartOf, svc, nil)
		for i := 0; i < perPkg; i++ {
			pkg := fmt.Sprintf("pkg:golang/example.com/s%d/m%d@v1.0.%d", s, i, i)
			node(pkg, model.KindPackage, map[string]any{"name": fmt.Sprintf("example.com/m%d", i), "version": "v1.0.0", "purl": pkg})
			edge(mod, model.EdgeContains, pkg, nil)
			edge(pkg, model.EdgePartOf, svc, nil)
			if i%10 == 0 {
				v := fmt.Sprintf("vuln:CVE-2026-%d", s*perPkg+i)
				var classes []any
				if i%30 == 0 {
					classes = []any{"ssrf"}
				}
				node(v, model.KindVulnerability, map[string]any{"classes": classes, "cwes": []any{"CWE-918"}, "summary": "x",
					"cvss": []any{map[string]any{"version": "3.1", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "score": 7.5}}})
				edge(pkg, model.EdgeAffectedBy, v, map[string]any{"installed": "v1.0.0", "fixed": "v1.0.9"})
			}
		}
	}
	g := graph.New()
	g.Add(f)
	g.Freeze()
	return g
}

// BenchmarkWrite writes the BOM of 100 services × 500 packages (50,000 packages, 5,000 vulnerabilities).
func BenchmarkWrite(b *testing.B) {
	g := generated(100, 500)
	opt := Options{Repository: "org", ToolVersion: "bench", Now: time.Unix(0, 0)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, g, opt); err != nil {
			b.Fatal(err)
		}
	}
}
