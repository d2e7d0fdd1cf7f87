package vulnfact

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
)

func TestNormalizePURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pkg:npm/%40babel/core@7.23.0", "pkg:npm/%40babel/core@7.23.0"},
		{"pkg:npm/@babel/core@7.23.0", "pkg:npm/%40babel/core@7.23.0"},
		{"pkg:npm/lodash@4.17.20?source=PUBLIC_REGISTRY", "pkg:npm/lodash@4.17.20"},
		{"pkg:golang/github.com/Gin-Gonic/gin@v1.9.1", "pkg:golang/github.com/gin-gonic/gin@1.9.1"},
		{"pkg:golang/golang.org/x/sys@v0.0.0-20191026070338-33540a1f6037", "pkg:golang/golang.org/x/sys@0.0.0-20191026070338-33540a1f6037"},
		{"pkg:golang/stdlib@v1.22.3", "pkg:golang/stdlib@1.22.3"},
		{"pkg:pypi/Django_Rest.Framework@3.14.0", "pkg:pypi/django-rest-framework@3.14.0"},
		{"pkg:maven/org.Apache.Logging.Log4j/log4j-core@2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
		{"pkg:nuget/Newtonsoft.Json@12.0.3", "pkg:nuget/Newtonsoft.Json@12.0.3"},
		{"pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12.4&arch=amd64", "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.4"},
	}
	for _, tt := range tests {
		got, _, err := NormalizePURL(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormalizePURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, _, err := NormalizePURL("not a purl"); err == nil {
		t.Error("NormalizePURL accepted a non-PURL")
	}
}

func TestPURLFor(t *testing.T) {
	tests := []struct{ eco, name, version, want string }{
		{"npm", "@acme/ui", "1.0.0", "pkg:npm/%40acme/ui@1.0.0"},
		{"Go", "golang.org/x/net", "v0.17.0", "pkg:golang/golang.org/x/net@0.17.0"},
		{"Go", "stdlib", "1.21.3", "pkg:golang/stdlib@1.21.3"},
		{"Maven", "com.fasterxml.jackson.core:jackson-databind", "2.13.0", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.0"},
		{"PyPI", "PyYAML", "5.3.1", "pkg:pypi/pyyaml@5.3.1"},
		{"Packagist", "guzzlehttp/guzzle", "7.4.0", "pkg:composer/guzzlehttp/guzzle@7.4.0"},
		{"Debian:12", "openssl", "3.0.11-1", "pkg:deb/debian/openssl@3.0.11-1"},
		{"Nowhere", "x", "1", ""},
	}
	for _, tt := range tests {
		if got := PURLFor(tt.eco, tt.name, tt.version); got != tt.want {
			t.Errorf("PURLFor(%q, %q, %q) = %q, want %q", tt.eco, tt.name, tt.version, got, tt.want)
		}
	}
}

func TestDecodeOffsetsAndErrors(t *testing.T) {
	data := []byte("{\n  \"a\": [\n    {\"x\": 1},\n    {\"x\": \"two\"}\n  ],\n  \"a\": {\"b\": null}\n}\n")
	v, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDoc("f.json", "test", data)
	if got := d.Line(v.Get("a")); got != 6 { // the last of duplicate keys wins
		t.Errorf("line of a = %d, want 6", got)
	}
	if d.Str(v.Get("a"), "b") != "" || len(d.Diags) != 0 {
		t.Errorf("null read as a string: diagnostics %v", d.Diags)
	}
	for _, tt := range []struct {
		in   string
		line int
	}{{"{\n\"a\": [1,\n 2,,]}", 3}, {"{\"a\": 1", 1}, {"", 1}, {"{} {}", 1}, {strings.Repeat("[", 600), 1}} {
		_, err := Decode([]byte(tt.in))
		syn, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("Decode(%q) = %v, want a syntax error", tt.in, err)
			continue
		}
		if got := NewLines([]byte(tt.in)).Line(max(syn.Off-1, 0)); got != tt.line {
			t.Errorf("Decode(%q): line %d, want %d", tt.in, got, tt.line)
		}
	}
}

func TestTypedReadsWarn(t *testing.T) {
	data := []byte("{\"s\": 3,\n \"n\": \"7.5\",\n \"list\": [\"a\", 1, \"\", \"b\"]}")
	v, _ := Decode(data)
	d := NewDoc("f.json", "test", data)
	if d.Str(v, "s") != "" {
		t.Error("a number read as a string")
	}
	if n, ok := d.Num(v, "n"); !ok || n != 7.5 {
		t.Errorf("Num = %v, %v", n, ok)
	}
	if got := d.Strs(v, "list"); !cmp.Equal(got, []string{"a", "b"}) {
		t.Errorf("Strs = %v", got)
	}
	var msgs []string
	for _, dg := range d.Finish() {
		msgs = append(msgs, dg.String())
	}
	want := []string{
		`f.json:1: warning: "s" is a number, where a string is expected; the value is ignored (test)`,
		`f.json:3: warning: "list[]" is a number, where a string is expected; the value is ignored (test)`,
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestTopKeys(t *testing.T) {
	tests := []struct {
		head string
		want []string
	}{
		{`{"SchemaVersion": 2, "ArtifactName": "x", "Results": [{"Target": "a`, []string{"SchemaVersion", "ArtifactName", "Results"}},
		{`{"matches": [], "source": {"type": "image"}}`, []string{"matches", "source"}},
		{`{"a": "}", "b": [1, {"c": "]"}], "d": true}`, []string{"a", "b", "d"}},
		{`[1]`, nil},
		{`{"a": 1}`, []string{"a"}},
	}
	for _, tt := range tests {
		if got := TopKeys([]byte(tt.head)); !cmp.Equal(got, tt.want) {
			t.Errorf("TopKeys(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func TestSetMergesAliasGroups(t *testing.T) {
	prov := func(line int) model.Provenance { return model.Provenance{File: "r.json", Line: line, Extractor: "x"} }
	var s Set
	s.Add(Finding{IDs: []string{"GHSA-aaaa"}, Severity: "moderate", Source: "grype", Prov: prov(9),
		Affects: []Affect{{Package: "pkg:npm/a@1", File: "r.json", Line: 9, Source: "grype"}}})
	s.Add(Finding{IDs: []string{"CVE-2024-1"}, Severity: "HIGH", Source: "grype", Prov: prov(20),
		CVSS:    []CVSS{{Version: "3.1", Vector: "CVSS:3.1/AV:N", Score: 7.5}, {Version: "4.0", Vector: "CVSS:4.0/AV:N"}},
		Affects: []Affect{{Package: "pkg:npm/b@1", File: "r.json", Line: 20, Source: "grype"}}})
	s.Add(Finding{IDs: []string{"GHSA-aaaa", "CVE-2024-1"}, CWEs: []string{"79", "CWE-079", "NVD-CWE-Other"}, Source: "grype", Prov: prov(30),
		Summary: "see http://u:pw@example.com", Affects: []Affect{{Package: "pkg:npm/a@1", File: "r.json", Line: 9, Source: "grype"}}})
	s.Add(Finding{IDs: []string{"OSV-1"}, Score: 5, HasScore: true, Source: "grype", Prov: prov(40)})
	nodes := s.Nodes()
	if len(nodes) != 2 {
		t.Fatalf("%d nodes, want 2: %v", len(nodes), nodes)
	}
	got := nodes[0]
	want := model.Node{ID: "vuln:CVE-2024-1", Kind: model.KindVulnerability, Type: "grype", Name: "CVE-2024-1", Prov: prov(9),
		Attrs: map[string]any{"aliases": []any{"CVE-2024-1", "GHSA-aaaa"}, "severity": "high", "score": 7.5,
			"summary": "see http://u:[redacted]@example.com", "cwes": []any{"CWE-79"},
			"cvss": []any{map[string]any{"version": "4.0", "vector": "CVSS:4.0/AV:N"}, map[string]any{"version": "3.1", "vector": "CVSS:3.1/AV:N", "score": 7.5}},
			"affects": []any{
				map[string]any{"package": "pkg:npm/a@1", "installed": "", "file": "r.json", "line": 9, "source": "grype"},
				map[string]any{"package": "pkg:npm/b@1", "installed": "", "file": "r.json", "line": 20, "source": "grype"}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged node (-want +got):\n%s", diff)
	}
	if nodes[1].Attrs["severity"] != "medium" {
		t.Errorf("a score alone rates the severity: %v", nodes[1].Attrs)
	}
}

func TestStatementNode(t *testing.T) {
	n := StatementNode(2, Statement{IDs: []string{"GHSA-x", "CVE-2023-2", "CVE-2023-1"}, Status: StatusNotAffected,
		Products: []string{Product("pkg:golang/github.com/acme/api@v1.0.0"), "ghcr.io/acme/api:1.0"}, Format: "openvex",
		Prov: model.Provenance{File: "a.openvex.json", Line: 7, Extractor: "vex"}})
	want := model.Node{ID: "vex:a.openvex.json#2", Kind: model.KindConfig, Type: "vex-statement", Name: "CVE-2023-1",
		Prov: model.Provenance{File: "a.openvex.json", Line: 7, Extractor: "vex"},
		Attrs: map[string]any{"vulnerability": "CVE-2023-1", "ids": []any{"CVE-2023-1", "CVE-2023-2", "GHSA-x"},
			"products": []any{"ghcr.io/acme/api:1.0", "pkg:golang/github.com/acme/api@1.0.0"}, "status": "not_affected", "format": "openvex"}}
	if diff := cmp.Diff(want, n); diff != "" {
		t.Errorf("statement (-want +got):\n%s", diff)
	}
}

func TestLowestFixed(t *testing.T) {
	tests := []struct {
		eco, installed string
		fixed          []string
		want           string
	}{
		{"npm", "4.17.20", []string{"4.17.21"}, "4.17.21"},
		{"Go", "v0.17.0", []string{"0.23.0", "0.19.0"}, "0.19.0"},
		{"Maven", "2.14.1", []string{"2.3.1", "2.12.2", "2.15.0"}, "2.15.0"}, // the lowest above the installed one
		{"Debian:12", "3.0.11-1~deb12u2", []string{"3.0.13-1~deb12u1"}, "3.0.13-1~deb12u1"},
		{"npm", "5.0.0", []string{"4.17.21"}, ""},
		{"Nowhere", "1", []string{"3", "2"}, "3"},
		{"npm", "1.0.0", nil, ""},
	}
	for _, tt := range tests {
		if got := LowestFixed(tt.eco, tt.installed, tt.fixed); got != tt.want {
			t.Errorf("LowestFixed(%q, %q, %v) = %q, want %q", tt.eco, tt.installed, tt.fixed, got, tt.want)
		}
	}
}
