package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// BenchmarkParse reads a CodeQL-shaped log of 10,000 results with code flows (about 9 MB), as a large
// monorepo's analysis writes it:
//
//	go test ./internal/extract/sarif -run '^$' -bench Parse
func BenchmarkParse(b *testing.B) {
	data := generatedLog(10000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		n = len(Parse("bench.sarif", bytes.NewReader(data)).Nodes)
	}
	b.ReportMetric(float64(n), "nodes")
}

func generatedLog(results int) []byte {
	ids := []string{"go/request-forgery", "go/sql-injection", "go/command-injection", "go/path-injection", "go/log-injection"}
	cwes := []string{"918", "089", "078", "022", "117"}
	var rules []any
	for i, id := range ids {
		rules = append(rules, map[string]any{"id": id, "shortDescription": map[string]any{"text": "rule " + id},
			"properties": map[string]any{"tags": []any{"security", "external/cwe/cwe-" + cwes[i]}, "precision": "high",
				"security-severity": "8.1"}})
	}
	loc := func(file string, line int, msg string) map[string]any {
		return map[string]any{"physicalLocation": map[string]any{
			"artifactLocation": map[string]any{"uri": file, "uriBaseId": "%SRCROOT%"},
			"region":           map[string]any{"startLine": line, "startColumn": 5, "endColumn": 40}},
			"message": map[string]any{"text": msg}}
	}
	var rs []any
	for i := 0; i < results; i++ {
		file := fmt.Sprintf("services/svc%03d/internal/handlers/h%d.go", i%300, i%17)
		var steps []any
		for s := 0; s < 4; s++ {
			steps = append(steps, map[string]any{"location": loc(file, 10+s, "step")})
		}
		rs = append(rs, map[string]any{"ruleId": ids[i%len(ids)], "rule": map[string]any{"id": ids[i%len(ids)], "index": i % len(ids)},
			"message":             map[string]any{"text": "The [URL](1) of this request depends on a [user-provided value](2)."},
			"locations":           []any{loc(file, 20+i%500, "")},
			"codeFlows":           []any{map[string]any{"threadFlows": []any{map[string]any{"locations": steps}}}},
			"partialFingerprints": map[string]any{"primaryLocationLineHash": fmt.Sprintf("%016x:1", i)}})
	}
	data, _ := json.MarshalIndent(map[string]any{"version": "2.1.0", "runs": []any{map[string]any{
		"tool":    map[string]any{"driver": map[string]any{"name": "CodeQL", "semanticVersion": "2.19.3", "rules": rules}},
		"results": rs}}}, "", " ")
	return data
}
