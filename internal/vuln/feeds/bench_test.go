package feeds

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// genEPSS writes an EPSS file of n CVEs in FIRST's layout (about 300,000 rows is a real day's file).
func genEPSS(n int) []byte {
	var b bytes.Buffer
	b.WriteString("#model_version:v2025.03.14,score_date:2026-11-30T00:00:00+0000\ncve,epss,percentile\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "CVE-%d-%05d,%.5f,%.5f\n", 1999+i%28, i, float64(i%1000)/1000, float64(i%997)/997)
	}
	return b.Bytes()
}

// genKEV writes a KEV catalog of n entries (the real catalog has about 1,500).
func genKEV(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `{"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2026.11.28", "count": %d, "vulnerabilities": [`, n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n"+`{"cveID": "CVE-%d-%05d", "vendorProject": "Vendor %d", "product": "Product", "vulnerabilityName": "A vulnerability", "dateAdded": "2022-01-01", "shortDescription": "Something bad happens to the product when given crafted input.", "requiredAction": "Apply updates per vendor instructions.", "dueDate": "2022-01-22", "knownRansomwareCampaignUse": "Unknown", "notes": "", "cwes": ["CWE-20"]}`,
			2000+i%26, i, i%300)
	}
	b.WriteString("\n]}\n")
	return []byte(b.String())
}

// BenchmarkReadEPSS reads a 300,000-row EPSS file, as published (gzip) and plain.
func BenchmarkReadEPSS(b *testing.B) {
	data := genEPSS(300_000)
	for name, in := range map[string][]byte{"plain": data, "gzip": gzipped(b, data)} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				e, _, err := ReadEPSS(bytes.NewReader(in), "epss.csv")
				if err != nil || e.Len() != 300_000 {
					b.Fatal(err, e.Len())
				}
			}
		})
	}
}

// BenchmarkReadKEV reads a 2,000-entry catalog.
func BenchmarkReadKEV(b *testing.B) {
	data := genKEV(2000)
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		k, diags, err := ReadKEV(bytes.NewReader(data), "kev.json")
		if err != nil || k.Len() != 2000 || len(diags) != 0 {
			b.Fatal(err, k.Len(), diags)
		}
	}
}
