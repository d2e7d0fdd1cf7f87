package sarif

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
)

// minimal is a well-formed run with one result, for the malformed-input table to break.
const minimal = `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gosec"}},
  "results": [{"ruleId": "G204", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "cmd/x.go"},
    "region": {"startLine": 7}}}]}]}]}`

// TestMalformed: bad input is diagnostics with lines, never a panic, and what can be read is read.
func TestMalformed(t *testing.T) {
	broken, err := os.ReadFile("testdata/broken.sarif")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		input string
		diags []string // "line severity message-prefix"
		nodes int
	}{
		{"truncated (broken.sarif)", string(broken), []string{"33 error malformed JSON: unexpected end of JSON input"}, 0},
		{"syntax error mid-file", "{\n  \"version\": \"2.1.0\",\n  \"runs\": [ { \"tool\": } ]\n}", []string{"3 error malformed JSON: invalid character '}'"}, 0},
		{"not JSON", "<?xml version=\"1.0\"?>\n<report/>", []string{"1 error malformed JSON: invalid character '<'"}, 0},
		{"wrong type kept going", strings.Replace(minimal, `"startLine": 7`, `"startLine": "7"`, 1),
			[]string{"3 warning runs.results.locations.physicalLocation.region.startLine is a JSON string, where SARIF wants an integer"}, 1},
		{"runs is an object", `{"version": "2.1.0", "runs": {}}`,
			[]string{"1 warning no runs", "1 warning runs is a JSON object, where SARIF wants an array"}, 0},
		{"no version", strings.Replace(minimal, `"version": "2.1.0", `, "", 1), []string{"1 warning no SARIF version"}, 1},
		{"SARIF 2.0", strings.Replace(minimal, `"2.1.0"`, `"2.0.0"`, 1), []string{`1 warning SARIF version "2.0.0"`}, 1},
		{"a JSON array", `[1, 2]`, []string{"1 warning no SARIF version", "1 warning no runs", "1 warning the document is a JSON array"}, 0},
		{"byte order mark", "\xef\xbb\xbf" + minimal, nil, 1},
		{"rule index out of range", strings.Replace(minimal, `"ruleId": "G204"`, `"ruleId": "G204", "ruleIndex": 99`, 1), nil, 1},
		{"no location", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}}]}]}`, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := Parse("in.sarif", strings.NewReader(tt.input))
			var got []string
			for _, d := range facts.Diagnostics {
				if d.File != "sarif:in.sarif" || d.Extractor != Name {
					t.Errorf("diagnostic %v", d)
				}
				got = append(got, itoa(d.Line)+" "+string(d.Severity)+" "+d.Message)
			}
			if len(got) != len(tt.diags) {
				t.Fatalf("diagnostics %q, want prefixes %q", got, tt.diags)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.diags[i]) {
					t.Errorf("diagnostic %q, want prefix %q", got[i], tt.diags[i])
				}
			}
			if len(facts.Nodes) != tt.nodes {
				t.Errorf("%d nodes, want %d", len(facts.Nodes), tt.nodes)
			}
		})
	}
}

// TestOddResults: results that are not present flaws, message strings, artifacts by index, a location-less
// result, a duplicate, an absolute base — each kept with what it says.
func TestOddResults(t *testing.T) {
	in := `{"version": "2.1.0", "runs": [{
  "tool": {"driver": {"name": "CodeQL", "rules": [
    {"id": "js/sql-injection", "messageStrings": {"default": {"text": "Query built from {0}."}}}]}},
  "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///home/runner/work/shop/shop/"}},
  "artifacts": [{"location": {"uri": "web/db.js", "uriBaseId": "%SRCROOT%"}}],
  "results": [
    {"ruleId": "js/sql-injection", "message": {"id": "default", "arguments": ["req.query.id"]},
     "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 12}}}]},
    {"ruleId": "js/sql-injection", "message": {"text": "again"},
     "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 12}}}]},
    {"ruleId": "js/sql-injection", "kind": "pass", "message": {"text": "checked"},
     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "web/ok.js", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 3}}}]},
    {"ruleId": "js/sql-injection", "baselineState": "absent", "message": {"text": "fixed"},
     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "web/old.js", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 4}}}]},
    {"rule": {"id": "js/sql-injection"}, "message": {"text": "no place"}}
  ]}]}`
	facts := Parse("codeql.sarif", strings.NewReader(in))
	type got struct {
		ID, Message, At string
		Foothold        bool
		Kind, Baseline  any
	}
	var gots []got
	for _, n := range facts.Nodes {
		gots = append(gots, got{n.ID, n.Attrs["message"].(string), n.Prov.File + ":" + itoa(n.Prov.Line),
			n.Attrs["foothold"].(bool), n.Attrs["kind"], n.Attrs["baseline_state"]})
	}
	want := []got{
		{"code-flaw:web/db.js:12:js/sql-injection", "Query built from req.query.id.", "web/db.js:12", true, nil, nil},
		{"code-flaw:web/ok.js:3:js/sql-injection", "checked", "web/ok.js:3", false, "pass", nil},
		{"code-flaw:web/old.js:4:js/sql-injection", "fixed", "web/old.js:4", false, nil, "absent"},
		{"code-flaw:sarif:codeql.sarif:15:js/sql-injection", "no place", "sarif:codeql.sarif:15", true, nil, nil},
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	wantAssumption := []model.Assumption{{Subject: "sarif:codeql.sarif", Attribute: "originalUriBaseIds.%SRCROOT%",
		Reason:  "the run's base %SRCROOT% = file:///home/runner/work/shop/shop/ is an absolute path on the machine that ran CodeQL",
		Assumed: "it is the repository checkout: URIs relative to it are read from the scanned root",
		Prov:    model.Provenance{File: "sarif:codeql.sarif", Line: 7, Extractor: Name}}}
	if diff := cmp.Diff(wantAssumption, facts.Assumptions); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
}

// TestResultOffsets finds each result's start the way encoding/json reads keys (any case; the last of two
// "runs" keys wins).
func TestResultOffsets(t *testing.T) {
	in := `{"Runs": [{"results": [{"a": [1, {"results": 2}]}, "x\"y", {}]}], "other": {"runs": []}}`
	got := resultOffsets([]byte(in))
	want := [][]int{{23, 51, 59}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("offsets (-want +got):\n%s", diff)
	}
	dup := `{"runs": [{"results": [{}]}], "runs": [{"results": [{}, {}]}]}`
	if got := resultOffsets([]byte(dup)); len(got) != 1 || len(got[0]) != 2 {
		t.Errorf("duplicate runs: %v", got)
	}
}
