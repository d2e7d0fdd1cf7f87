package cyclonedx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// BenchmarkParse50k reads a generated CycloneDX 1.6 SBOM of 50,000 components (npm, Maven, Go and PyPI
// PURLs, one in ten with a nested component), 50,000 dependency entries and 2,000 vulnerabilities with
// analysis — about 25 MB, the size of a large monorepo's or a fat image's SBOM:
//
//	go test ./internal/extract/cyclonedx -run '^$' -bench Parse50k
func BenchmarkParse50k(b *testing.B) {
	data := generatedSBOM(50000, 2000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var nodes, edges int
	for i := 0; i < b.N; i++ {
		f := Parse("bench.cdx.json", bytes.NewReader(data))
		nodes, edges = len(f.Nodes), len(f.Edges)
	}
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
}

func generatedSBOM(n, vulns int) []byte {
	purl := func(i int) string {
		switch i % 4 {
		case 0:
			return fmt.Sprintf("pkg:npm/%%40scope%d/pkg-%d@1.%d.0", i%97, i, i%13)
		case 1:
			return fmt.Sprintf("pkg:maven/com.example.g%d/artifact-%d@2.%d.1", i%89, i, i%7)
		case 2:
			return fmt.Sprintf("pkg:golang/github.com/org%d/mod-%d@v0.%d.0", i%83, i, i%11)
		}
		return fmt.Sprintf("pkg:pypi/dist_%d@3.%d", i, i%5)
	}
	var comps, deps, vs []any
	for i := 0; i < n; i++ {
		c := map[string]any{"type": "library", "bom-ref": purl(i), "name": fmt.Sprintf("pkg-%d", i),
			"version": "1.0.0", "purl": purl(i), "licenses": []any{map[string]any{"license": map[string]any{"id": "MIT"}}},
			"hashes": []any{map[string]any{"alg": "SHA-256", "content": fmt.Sprintf("%064x", i)}}}
		if i%10 == 0 && i+1 < n {
			i++
			c["components"] = []any{map[string]any{"type": "library", "bom-ref": purl(i), "name": fmt.Sprintf("pkg-%d", i),
				"version": "1.0.0", "purl": purl(i)}}
		}
		comps = append(comps, c)
	}
	for i := 0; i < n; i++ {
		deps = append(deps, map[string]any{"ref": purl(i), "dependsOn": []any{purl((i*7 + 1) % n), purl((i*13 + 5) % n)}})
	}
	for i := 0; i < vulns; i++ {
		vs = append(vs, map[string]any{"id": fmt.Sprintf("CVE-2025-%05d", i), "references": []any{map[string]any{"id": fmt.Sprintf("GHSA-%04d-xxxx-yyyy", i)}},
			"ratings": []any{map[string]any{"score": 7.5, "severity": "high", "method": "CVSSv31", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}},
			"cwes":    []any{400}, "description": "Uncontrolled resource consumption.",
			"affects":  []any{map[string]any{"ref": purl(i * 23 % n)}},
			"analysis": map[string]any{"state": "not_affected", "justification": "code_not_reachable"}})
	}
	data, _ := json.MarshalIndent(map[string]any{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
		"metadata":   map[string]any{"component": map[string]any{"type": "application", "name": "monorepo", "bom-ref": "root"}},
		"components": comps, "dependencies": deps, "vulnerabilities": vs}, "", "  ")
	return data
}
