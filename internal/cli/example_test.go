package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const example = "../../examples/webshop"

// TestExampleSummary is the README's first command: the summary a new user sees on day one.
func TestExampleSummary(t *testing.T) {
	out, stderr, code := run(t, "scan", example)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "webshop.summary.txt", out)
}

// TestExampleGraphFormats keeps the example's JSON, DOT and Mermaid exports under golden files, so a change
// in what Seam extracts from the example shows up in review.
func TestExampleGraphFormats(t *testing.T) {
	for _, format := range []string{"json", "dot", "mermaid"} {
		out, stderr, code := run(t, "graph", "--format", format, example)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		golden(t, "webshop.graph."+format, out)
	}
}

// TestExampleDeterministic runs the binary twice from different working directories, once with a relative
// and once with an absolute path: the graph must be byte-identical and hold no machine path.
func TestExampleDeterministic(t *testing.T) {
	abs, err := filepath.Abs(example)
	if err != nil {
		t.Fatal(err)
	}
	first, _, code := runBinary(t, filepath.Dir(abs), "graph", "webshop")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	second, _, code := runBinary(t, os.TempDir(), "graph", "--workers", "1", abs)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("two runs differ (-first +second):\n%s", diff)
	}
	if strings.Contains(second, filepath.Dir(abs)) {
		t.Errorf("output contains the absolute path %s", filepath.Dir(abs))
	}
}

// TestExampleProvenance checks that every node and edge says where it came from.
func TestExampleProvenance(t *testing.T) {
	out, _, code := run(t, "graph", example)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	doc := decode(t, out)
	check := func(what string, items []any) {
		for _, it := range items {
			m := it.(map[string]any)
			p, _ := m["provenance"].(map[string]any)
			file, _ := p["file"].(string)
			line, _ := p["line"].(float64)
			ex, _ := p["extractor"].(string)
			if file == "(built-in)" {
				continue
			}
			if file == "" || line < 1 || ex == "" {
				t.Errorf("%s without provenance: %v", what, m)
			}
			if _, err := os.Stat(filepath.Join(example, file)); err != nil {
				t.Errorf("%s provenance names a file that does not exist: %s", what, file)
			}
		}
	}
	check("node", doc["nodes"].([]any))
	check("edge", doc["edges"].([]any))
	if n := len(doc["nodes"].([]any)); n < 100 {
		t.Errorf("only %d nodes from the example", n)
	}
}

// TestExampleQueries keeps the example's access and who-can answers under golden files: the IAM question the
// example is about (who can read the customer documents) and what the api workload can reach.
func TestExampleQueries(t *testing.T) {
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"webshop.who-can.txt", []string{"who-can", "s3:GetObject", "customer-documents", example}},
		{"webshop.who-can.json", []string{"who-can", "s3:GetObject", "infra/terraform:aws_s3_bucket.customer_documents", example, "--format", "json"}},
		{"webshop.access-api.txt", []string{"access", "shop/Deployment/api", example}},
		{"webshop.access-worker-role.json", []string{"access", "arn:aws:iam::123456789012:role/webshop-prod-worker", example, "--format", "json"}},
	} {
		out, stderr, code := run(t, tt.args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		golden(t, tt.golden, out)
	}
}

// TestQueryErrors: a name that matches nothing, or several things, is a usage error that says what to give.
func TestQueryErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"who-can", "s3:GetObject", "no-such-bucket", example}, `nothing named "no-such-bucket"`},
		{[]string{"access", "no-such-role", example}, `nothing named "no-such-role"`},
		{[]string{"access", "api", example}, `"api" names`},
		{[]string{"who-can", "s3:GetObject"}, "accepts between 2 and 3 arg(s)"},
		{[]string{"access", "api", example, "--format", "sarif"}, `unknown format "sarif"`},
	} {
		_, stderr, code := run(t, tt.args...)
		if code != ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d saying %q", tt.args, code, stderr, ExitUsage, tt.want)
		}
	}
}

// TestSARIFImport: results of another tool given with --sarif become code flaws on the graph, joined to the
// workloads that run the code, and so footholds of the attack paths; a --sarif file that does not exist is a
// usage error.
func TestSARIFImport(t *testing.T) {
	out, stderr, code := run(t, "paths", example, "--format", "json", "--sarif", "testdata/webshop.codeql.sarif")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"code-flaw:services/api/internal/handlers/preview.go:19:go/request-forgery"`, `"tool": "CodeQL"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	if !strings.Contains(out, `"technique": "T1552.005"`) {
		t.Error("the SSRF path through the instance metadata is missing")
	}
	_, stderr, code = run(t, "scan", example, "--sarif", "testdata/no-such.sarif")
	if code != ExitUsage || !strings.Contains(stderr, "--sarif") {
		t.Errorf("missing --sarif file: exit %d, %q", code, stderr)
	}
}

// TestExamplePaths keeps `seam paths` of the example under golden files in every format.
func TestExamplePaths(t *testing.T) {
	for _, format := range []string{"table", "markdown", "dot", "mermaid"} {
		out, stderr, code := run(t, "paths", example, "--format", format)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		golden(t, "webshop.paths."+format, out)
	}
}

// TestExampleVulnerableDependency checks the example's story for known vulnerabilities: the storefront pins
// axios 1.6.0, the advisory mirror seam.yaml names says it is affected by CVE-2024-39338 (SSRF), and seam paths
// shows the hop it opens — from the storefront to the node role — with the upgrade that breaks it.
func TestExampleVulnerableDependency(t *testing.T) {
	out, errOut, code := run(t, "paths", example, "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		AttackPaths json.RawMessage `json:"attack_paths"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	out = string(doc.AttackPaths) // the document also holds the whole graph, where both advisories are
	for _, want := range []string{
		`ssrf (CVE-2024-39338 in axios 1.6.0)`,
		`"id": "upgrade:pkg:npm/axios@1.6.0"`,
		`upgrade axios to 1.7.4 or later (fixes CVE-2024-39338)`,
		`security/osv/npm/GHSA-8hc4-vh64-cxmj.json`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("seam paths of the example does not show %s", want)
		}
	}
	if strings.Contains(out, "GHSA-9wv6-86v2-598j") || strings.Contains(out, "CVE-2024-45296") {
		t.Error("path-to-regexp's ReDoS is no foothold, yet it is on an attack path")
	}
}
