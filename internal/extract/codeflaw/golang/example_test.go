package golang

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

const exampleAPI = "../../../../examples/webshop/services/api"

// TestExampleAPI is the webshop's story: the SSRF in preview.go and the SQL injection in products.go, and
// nothing in the other handlers (CreateOrder and GetProduct bind placeholders; DownloadInvoice reads an S3
// key, which is no sink of these classes).
func TestExampleAPI(t *testing.T) {
	var paths []string
	err := filepath.WalkDir(exampleAPI, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	if len(paths) < 5 {
		t.Fatalf("found only %v", paths)
	}
	var got []flaw.Finding
	for _, p := range paths {
		rel, _ := filepath.Rel("../../../../examples/webshop", p)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		findings, problems := New().Detect(filepath.ToSlash(rel), src)
		if len(problems) > 0 {
			t.Errorf("%s: %v", p, problems)
		}
		got = append(got, findings...)
	}
	want := []flaw.Finding{
		{Class: flaw.SQLInjection, Rule: "go-sql-injection-db-query", Title: "request input reaches h.DB.Query",
			Confidence: "high", Language: "go", Framework: "chi", File: "services/api/internal/handlers/products.go",
			Line: 33, Function: "(*Handlers).ListProducts", Source: `r.URL.Query().Get("category")`, SourceLine: 25,
			Sink: "h.DB.Query"},
		{Class: flaw.SSRF, Rule: "go-ssrf-http-get", Title: "request input reaches http.Get", Confidence: "high",
			Language: "go", Framework: "net/http", File: "services/api/internal/handlers/preview.go", Line: 19,
			Function: "(*Handlers).PreviewImage", Source: `r.URL.Query().Get("url")`, SourceLine: 19, Sink: "http.Get"},
	}
	sort.Slice(got, func(i, j int) bool { return got[i].ID() < got[j].ID() })
	sort.Slice(want, func(i, j int) bool { return want[i].ID() < want[j].ID() })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestMalformed: a file that does not parse is one problem at the first error's line, with no findings.
func TestMalformed(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
	}{
		{"truncated handler", "package p\n\nimport \"net/http\"\n\nfunc H(w http.ResponseWriter, r *http.Request) {\n\thttp.Get(r.FormValue(\"u\"))\n", 6},
		{"not Go", "<?php echo $_GET['x']; ?>\n", 1},
		{"empty", "", 1},
		{"bad expression", "package p\nfunc f() { x := ) }\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings, problems := New().Detect("bad.go", []byte(tt.src))
			if len(findings) != 0 || len(problems) != 1 {
				t.Fatalf("findings %v problems %v, want one problem", findings, problems)
			}
			if problems[0].Line != tt.line || !strings.HasPrefix(problems[0].Message, "Go syntax error") {
				t.Errorf("problem %+v, want line %d", problems[0], tt.line)
			}
		})
	}
}

// TestTooDeep: an expression nested past what the detector follows is a problem, not a silent "clean".
func TestTooDeep(t *testing.T) {
	src := "package p\nimport (\"net/http\"; \"os/exec\")\nfunc H(w http.ResponseWriter, r *http.Request) {\n" +
		"exec.Command(" + strings.Repeat("(", 400) + "r.FormValue(\"x\")" + strings.Repeat(")", 400) + ")\n}\n"
	_, problems := New().Detect("deep.go", []byte(src))
	if len(problems) != 1 || problems[0].Line != 3 || !strings.Contains(problems[0].Message, "too deeply nested") {
		t.Errorf("problems %+v, want one at line 3 about nesting", problems)
	}
}

// TestDeterministic: the same file gives the same findings, sorted by line, every time.
func TestDeterministic(t *testing.T) {
	src, err := os.ReadFile("testdata/labelled/gin_search.go")
	if err != nil {
		t.Fatal(err)
	}
	first, _ := New().Detect("gin_search.go", src)
	for range 20 {
		again, _ := New().Detect("gin_search.go", src)
		if diff := cmp.Diff(first, again); diff != "" {
			t.Fatalf("second run differs:\n%s", diff)
		}
	}
	if !sort.SliceIsSorted(first, func(i, j int) bool { return first[i].Line < first[j].Line }) || len(first) != 2 {
		t.Errorf("findings not sorted or not the two expected: %+v", first)
	}
}

// TestConcurrent: one Detector serves many goroutines (the extractor runs files in a pool); run with -race.
func TestConcurrent(t *testing.T) {
	paths, _ := filepath.Glob("testdata/labelled/*.go")
	d := New()
	done := make(chan int, len(paths))
	for _, p := range paths {
		go func() {
			src, _ := os.ReadFile(p)
			fs, _ := d.Detect(filepath.Base(p), src)
			done <- len(fs)
		}()
	}
	total := 0
	for range paths {
		total += <-done
	}
	if total != 29 {
		t.Errorf("%d findings over the labelled set, want 29 (28 true, 1 known false positive)", total)
	}
}
