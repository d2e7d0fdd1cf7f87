package sarif

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// finding is what a test states about one node.
type finding struct {
	ID, Class, CWE, How string
	Foothold, Resolved  bool
	At                  string // provenance file:line
	Confidence          string
	Extra               map[string]any // further attributes that matter for the fixture
}

func summarise(n model.Node, extra ...string) finding {
	how, _ := n.Attrs["class_source"].(string)
	resolved, _ := n.Attrs["path_resolved"].(bool)
	f := finding{ID: n.ID, Class: n.Attrs["class"].(string), CWE: n.Attrs["cwe"].(string), How: how,
		Foothold: n.Attrs["foothold"].(bool), Resolved: resolved, At: n.Prov.File + ":" + itoa(n.Prov.Line),
		Confidence: n.Attrs["confidence"].(string)}
	for _, k := range extra {
		if v, ok := n.Attrs[k]; ok {
			if f.Extra == nil {
				f.Extra = map[string]any{}
			}
			f.Extra[k] = v
		}
	}
	return f
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func extractFixture(t *testing.T, name string) model.Facts {
	t.Helper()
	facts, err := New().Extract(context.Background(), extract.Input{FS: os.DirFS("testdata"), Paths: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

// TestFixtures states the answer for every result of each tool's fixture (see testdata/README.md).
func TestFixtures(t *testing.T) {
	extra := []string{"source_line", "suppressed", "severity", "sarif_line"}
	tests := []struct {
		file string
		want []finding
	}{
		{"codeql-go.sarif", []finding{
			{ID: "code-flaw:services/api/internal/handlers/preview.go:19:go/request-forgery", Class: "ssrf", CWE: "CWE-918",
				How: "cwe", Foothold: true, Resolved: true, At: "services/api/internal/handlers/preview.go:19", Confidence: "high",
				Extra: map[string]any{"source_line": 19, "sarif_line": 79}},
			{ID: "code-flaw:services/api/internal/handlers/products.go:33:go/sql-injection", Class: "sql-injection", CWE: "CWE-89",
				How: "cwe", Foothold: true, Resolved: true, At: "services/api/internal/handlers/products.go:33", Confidence: "high",
				Extra: map[string]any{"source_line": 25, "sarif_line": 110}},
			{ID: "code-flaw:services/api/internal/handlers/handlers.go:28:go/log-injection", Class: "", CWE: "CWE-117",
				Resolved: true, At: "services/api/internal/handlers/handlers.go:28", Confidence: "medium",
				Extra: map[string]any{"sarif_line": 136}},
		}},
		{"semgrep.sarif", []finding{
			{ID: "code-flaw:services/reports/app.py:31:python.flask.security.injection.ssrf-requests.ssrf-requests", Class: "ssrf",
				CWE: "CWE-918", How: "cwe", Foothold: true, Resolved: true, At: "services/reports/app.py:31", Confidence: "high",
				Extra: map[string]any{"sarif_line": 8}},
			{ID: "code-flaw:services/reports/app.py:44:python.lang.security.audit.formatted-sql-query.formatted-sql-query",
				Class: "sql-injection", CWE: "CWE-89", How: "cwe", Foothold: true, Resolved: true, At: "services/reports/app.py:44",
				Confidence: "low", Extra: map[string]any{"sarif_line": 22}},
			{ID: "code-flaw:services/reports/export.py:12:acme.python.flask-command-injection", Class: "command-injection",
				CWE: "CWE-78", How: "rule-id", Foothold: true, Resolved: true, At: "services/reports/export.py:12", Confidence: "high",
				Extra: map[string]any{"sarif_line": 36}},
			{ID: "code-flaw:services/reports/loader.py:9:acme.python.unsafe-yaml", Class: "deserialization", CWE: "CWE-502",
				How: "cwe", Foothold: true, Resolved: true, At: "services/reports/loader.py:9", Confidence: "medium",
				Extra: map[string]any{"sarif_line": 50}},
			{ID: "code-flaw:services/reports/settings.py:4:python.lang.security.audit.hardcoded-password-in-url.hardcoded-password-in-url",
				CWE: "CWE-798", Resolved: true, At: "services/reports/settings.py:4", Confidence: "medium",
				Extra: map[string]any{"sarif_line": 64}},
		}},
		{"gosec.sarif", []finding{
			{ID: "code-flaw:/home/runner/work/billing/billing/services/billing/internal/webhook/forward.go:41:G107", Class: "ssrf",
				CWE: "CWE-918", How: "rule-id", Foothold: true, At: "gosec.sarif:5", Confidence: "medium",
				Extra: map[string]any{"severity": "medium", "sarif_line": 5}},
			{ID: "code-flaw:/home/runner/work/billing/billing/services/billing/internal/pdf/render.go:27:G204",
				Class: "command-injection", CWE: "CWE-78", How: "cwe", Foothold: true, At: "gosec.sarif:18", Confidence: "high",
				Extra: map[string]any{"severity": "medium", "sarif_line": 18}},
			{ID: "code-flaw:/home/runner/work/billing/billing/services/billing/internal/store/invoices.go:52:G201",
				Class: "sql-injection", CWE: "CWE-89", How: "cwe", Foothold: true, At: "gosec.sarif:31", Confidence: "high",
				Extra: map[string]any{"severity": "medium", "suppressed": true, "sarif_line": 31}},
			{ID: "code-flaw:/home/runner/work/billing/billing/services/billing/internal/config/config.go:14:G101", CWE: "CWE-798",
				At: "gosec.sarif:45", Confidence: "low", Extra: map[string]any{"severity": "high", "sarif_line": 45}},
		}},
		{"bandit.sarif", []finding{
			{ID: "code-flaw:services/worker/thumbs.py:71:B602", Class: "command-injection", CWE: "CWE-78", How: "cwe", Foothold: true,
				Resolved: true, At: "services/worker/thumbs.py:71", Confidence: "high", Extra: map[string]any{"severity": "high", "sarif_line": 23}},
			{ID: "code-flaw:services/worker/thumbs.py:88:B608", Class: "sql-injection", CWE: "CWE-89", How: "cwe", Foothold: true,
				Resolved: true, At: "services/worker/thumbs.py:88", Confidence: "low", Extra: map[string]any{"severity": "medium", "sarif_line": 31}},
			{ID: "code-flaw:services/worker/cache.py:40:B301", Class: "deserialization", CWE: "CWE-502", How: "cwe", Foothold: true,
				Resolved: true, At: "services/worker/cache.py:40", Confidence: "high", Extra: map[string]any{"severity": "medium", "sarif_line": 39}},
			{ID: "code-flaw:services/worker/cache.py:22:B506", Class: "deserialization", CWE: "CWE-502", How: "rule-id", Foothold: true,
				Resolved: true, At: "services/worker/cache.py:22", Confidence: "high", Extra: map[string]any{"severity": "medium", "sarif_line": 47}},
			{ID: "code-flaw:services/worker/report.py:9:B701", CWE: "CWE-94", Resolved: true, At: "services/worker/report.py:9",
				Confidence: "high", Extra: map[string]any{"severity": "high", "sarif_line": 55}},
			{ID: "code-flaw:services/worker/report.py:5:B105", CWE: "CWE-259", Resolved: true, At: "services/worker/report.py:5",
				Confidence: "medium", Extra: map[string]any{"severity": "low", "sarif_line": 63}},
		}},
		{"broken.sarif", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var got []finding
			for _, n := range extractFixture(t, tt.file).Nodes {
				got = append(got, summarise(n, extra...))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNodesAreCodeFlaws checks the schema every node follows, whatever the tool.
func TestNodesAreCodeFlaws(t *testing.T) {
	for _, name := range fixtures(t) {
		for _, n := range extractFixture(t, name).Nodes {
			class := n.Attrs["class"].(string)
			wantType := class
			if class == "" {
				wantType = "other"
			}
			if n.Kind != model.KindCodeFlaw || n.Type != wantType || n.Prov.Extractor != Name || n.Prov.Line == 0 {
				t.Errorf("%s: kind %s type %s provenance %v", n.ID, n.Kind, n.Type, n.Prov)
			}
			if n.Attrs["sarif"] != name || n.Attrs["tool"] == "" || n.Name == "" {
				t.Errorf("%s: sarif %v tool %v name %q", n.ID, n.Attrs["sarif"], n.Attrs["tool"], n.Name)
			}
			if resolved, _ := n.Attrs["path_resolved"].(bool); resolved != (n.Prov.File == n.Attrs["path"]) {
				t.Errorf("%s: path_resolved %v but provenance %s and path %v", n.ID, resolved, n.Prov.File, n.Attrs["path"])
			}
		}
	}
}

// TestNoSecretsStored greps the facts of the fixtures for the credentials they quote in messages and
// snippets.
func TestNoSecretsStored(t *testing.T) {
	for _, name := range fixtures(t) {
		data, err := json.Marshal(extractFixture(t, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"hunter2", "changeme", "sk_live_"} {
			if strings.Contains(string(data), secret) {
				t.Errorf("%s: facts hold %q", name, secret)
			}
		}
	}
}

// TestGolden compares the whole facts of each fixture with its golden file.
func TestGolden(t *testing.T) {
	for _, name := range fixtures(t) {
		got, err := json.MarshalIndent(extractFixture(t, name), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", strings.TrimSuffix(name, ".sarif")+".golden.json")
		if *update {
			if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if diff := cmp.Diff(strings.TrimSpace(string(want)), string(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", golden, diff)
		}
	}
}

func fixtures(t *testing.T) []string {
	t.Helper()
	m, err := filepath.Glob("testdata/*.sarif")
	if err != nil || len(m) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for i := range m {
		m[i] = filepath.Base(m[i])
	}
	sort.Strings(m)
	return m
}

// TestParse reads a file given on the command line: provenance names it sarif:<base name>, except for
// results that resolve inside the repository, which point at the flaw.
func TestParse(t *testing.T) {
	data, err := os.ReadFile("testdata/gosec.sarif")
	if err != nil {
		t.Fatal(err)
	}
	facts := Parse("/tmp/ci/artifacts/gosec.sarif", strings.NewReader(string(data)))
	if len(facts.Nodes) != 4 || facts.Nodes[0].Prov.File != "sarif:gosec.sarif" || facts.Nodes[0].Attrs["sarif"] != "sarif:gosec.sarif" {
		t.Errorf("gosec via Parse: %d nodes, first at %v", len(facts.Nodes), facts.Nodes[0].Prov)
	}
	data, err = os.ReadFile("testdata/bandit.sarif")
	if err != nil {
		t.Fatal(err)
	}
	facts = Parse(`C:\ci\bandit.sarif`, strings.NewReader(string(data)))
	if got := facts.Nodes[0]; got.Prov.File != "services/worker/thumbs.py" || got.Attrs["sarif"] != "sarif:bandit.sarif" {
		t.Errorf("bandit via Parse: provenance %v, sarif %v", got.Prov, got.Attrs["sarif"])
	}
	facts = Parse("empty.sarif", strings.NewReader(""))
	want := []model.Diagnostic{{File: "sarif:empty.sarif", Line: 1, Severity: model.SeverityError, Extractor: Name,
		Message: "malformed JSON: unexpected end of JSON input; no result of the file is read"}}
	if diff := cmp.Diff(want, facts.Diagnostics); diff != "" || len(facts.Nodes) > 0 {
		t.Errorf("empty file (-want +got):\n%s", diff)
	}
}

// TestFileRequired checks which files the extractor asks for.
func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"results.sarif": true, "reports/codeql/go.sarif": true, "semgrep.sarif.json": true, "CodeQL.SARIF": true,
		"results.json": false, "sarif/README.md": false, "internal/x/testdata/fixture.sarif": false,
		"testdata/a.sarif": false, "sarif.go": false,
	}
	fsys := fstest.MapFS{"dir.sarif": {Mode: os.ModeDir}}
	info, _ := fsys.Stat("dir.sarif")
	if New().FileRequired("dir.sarif", info) {
		t.Error("a directory named .sarif is wanted")
	}
	for p, want := range tests {
		if got := New().FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
}
