package vulnfact

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkDecode measures the positioned parser on a 10 MB document of 40,000 component-like objects,
// beside encoding/json decoding the same bytes into an any (which keeps no positions):
//
//	go test ./internal/extract/vulnreport/vulnfact -run '^$' -bench Decode
func BenchmarkDecode(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("{\"components\": [\n")
	for i := 0; i < 40000; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `  {"type": "library", "bom-ref": "pkg:npm/p%d@1.0.%d", "name": "p%d", "version": "1.0.%d", "purl": "pkg:npm/p%d@1.0.%d", "hashes": [{"alg": "SHA-256", "content": "%064x"}], "note": "line\nbreak \u00e9"}`, i, i%9, i, i%9, i, i%9, i)
	}
	sb.WriteString("\n]}\n")
	data := []byte(sb.String())
	b.Run("vulnfact", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json-any", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}
