package reach

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// benchModule generates a module of n files in 25 packages, each file ~120 lines: handlers that import a mix
// of standard and third-party packages, call functions, and call methods on typed and untyped receivers.
func benchModule(n int) fstest.MapFS {
	fsys := fstest.MapFS{"go.mod": {Data: []byte("module example.com/big\n\ngo 1.22\n")}}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "package pkg%d\n\nimport (\n\t\"net/http\"\n\t\"strings\"\n\n\t\"golang.org/x/net/html\"\n", i%25)
		fmt.Fprintf(&b, "\tyaml \"gopkg.in/yaml.v3\"\n\t\"github.com/acme/lib%d\"\n)\n\n", i%40)
		for j := 0; j < 10; j++ {
			fmt.Fprintf(&b, `// Handler%[1]d_%[2]d serves one page.
func Handler%[1]d_%[2]d(w http.ResponseWriter, r *http.Request) {
	var cfg map[string]any
	_ = yaml.Unmarshal([]byte(r.URL.Query().Get("c")), &cfg)
	z := html.NewTokenizer(strings.NewReader(r.FormValue("body")))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		_ = z.Token()
	}
	c := &http.Client{}
	resp, err := c.Get("http://127.0.0.1/")
	if err == nil {
		resp.Body.Close()
	}
	_ = lib%[3]d.Do%[2]d(w)
}

`, i, j, i%40)
		}
		fsys[fmt.Sprintf("pkg%d/file%03d.go", i%25, i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// benchQueries are 20 queries such as one module's lockfile gives: functions, methods, whole packages.
func benchQueries() []Query {
	var qs []Query
	for i := 0; i < 17; i++ {
		qs = append(qs, Query{fmt.Sprintf("github.com/acme/lib%d", i), []string{fmt.Sprintf("Do%d", i%12), "Client.Send"}})
	}
	return append(qs, Query{html, []string{"Parse", "Tokenizer.Next"}}, Query{"gopkg.in/yaml.v3", nil},
		Query{"net/http", []string{"Client.Do"}})
}

// BenchmarkCheck500 parses and indexes a 500-file module and answers 20 queries (a fresh Analyzer per
// iteration: the cost of a module's first query).
func BenchmarkCheck500(b *testing.B) {
	fsys, qs := benchModule(500), benchQueries()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(fsys).Check(context.Background(), ".", qs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/500, "ns/file")
}

// BenchmarkCheckCached answers the same 20 queries from an index already built.
func BenchmarkCheckCached(b *testing.B) {
	fsys, qs := benchModule(500), benchQueries()
	a := New(fsys)
	if _, err := a.Check(context.Background(), ".", qs); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Check(context.Background(), ".", qs); err != nil {
			b.Fatal(err)
		}
	}
}
