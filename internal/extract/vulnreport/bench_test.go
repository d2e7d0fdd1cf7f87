package vulnreport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// BenchmarkParseTrivy reads a Trivy filesystem report of a large monorepo: 200 lockfiles, 20,000 packages
// listed (--list-all-pkgs) and 10,000 vulnerabilities over 2,000 distinct advisories (about 9 MB):
//
//	go test ./internal/extract/vulnreport -run '^$' -bench Parse
func BenchmarkParseTrivy(b *testing.B) {
	data := generatedTrivy(200, 100, 50)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		n = len(Parse("bench.json", bytes.NewReader(data)).Nodes)
	}
	b.ReportMetric(float64(n), "nodes")
}

func generatedTrivy(lockfiles, pkgs, vulns int) []byte {
	var results []any
	for l := 0; l < lockfiles; l++ {
		var ps, vs []any
		for p := 0; p < pkgs; p++ {
			name := fmt.Sprintf("pkg-%d", (l*7+p)%5000)
			ps = append(ps, map[string]any{"ID": name + "@1.0.0", "Name": name, "Version": "1.0.0",
				"Identifier": map[string]any{"PURL": "pkg:npm/" + name + "@1.0.0"}})
			if p < vulns {
				vs = append(vs, map[string]any{"VulnerabilityID": fmt.Sprintf("CVE-2024-%d", 10000+(l*vulns+p)%2000),
					"VendorIDs": []any{fmt.Sprintf("GHSA-%04d-aaaa-bbbb", (l*vulns+p)%2000)}, "PkgName": name,
					"PkgIdentifier": map[string]any{"PURL": "pkg:npm/" + name + "@1.0.0"}, "InstalledVersion": "1.0.0",
					"FixedVersion": "1.0.1, 2.0.1", "Severity": "HIGH", "Title": "prototype pollution in " + name,
					"Description": "A crafted payload lets an attacker modify Object.prototype.", "CweIDs": []any{"CWE-1321"},
					"CVSS":          map[string]any{"nvd": map[string]any{"V3Vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "V3Score": 9.8}},
					"References":    []any{"https://github.com/advisories/x", "https://nvd.nist.gov/vuln/detail/x"},
					"PublishedDate": "2024-01-01T00:00:00Z"})
			}
		}
		results = append(results, map[string]any{"Target": fmt.Sprintf("services/s%03d/package-lock.json", l),
			"Class": "lang-pkgs", "Type": "npm", "Packages": ps, "Vulnerabilities": vs})
	}
	data, _ := json.MarshalIndent(map[string]any{"SchemaVersion": 2, "ArtifactName": ".", "ArtifactType": "filesystem",
		"Results": results}, "", "  ")
	return data
}
