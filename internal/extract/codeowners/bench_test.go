package codeowners

import (
	"fmt"
	"strings"
	"testing"
)

// genCodeowners writes a large monorepo's CODEOWNERS: a default, then n rules mixing anchored directories,
// extension globs and ** patterns, each with one to three owners.
func genCodeowners(n int) []byte {
	var b strings.Builder
	b.WriteString("# generated\n* @acme/platform\n")
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "/services/svc-%d/ @acme/team-%d\n", i, i%40)
		case 1:
			fmt.Fprintf(&b, "/services/svc-%d/**/*.sql @acme/dba @acme/team-%d\n", i, i%40)
		case 2:
			fmt.Fprintf(&b, "**/migrations-%d/ @acme/dba dba-%d@acme.example\n", i, i)
		default:
			fmt.Fprintf(&b, "/libs/lib-%d/*.go @user%d @acme/team-%d @acme/go\n", i, i, i%40)
		}
	}
	return []byte(b.String())
}

// BenchmarkExtract parses a 1,000-rule CODEOWNERS into facts.
func BenchmarkExtract(b *testing.B) {
	data := genCodeowners(1000)
	b.ReportAllocs()
	for b.Loop() {
		f := ExtractBytes(".github/CODEOWNERS", data)
		if len(f.Nodes) < 40 {
			b.Fatal("too few nodes")
		}
	}
}

// BenchmarkOwners matches 10,000 paths against a 1,000-rule file, as the ownership linker will.
func BenchmarkOwners(b *testing.B) {
	rules, _ := Parse("CODEOWNERS", genCodeowners(1000))
	paths := make([]string, 10000)
	for i := range paths {
		paths[i] = fmt.Sprintf("services/svc-%d/internal/db/q%d.sql", i%1200, i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range paths {
			rules.Owners(p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(paths)), "ns/path")
}
