package sarif

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// TestCWEs reads CWE numbers from the places and shapes tools write them.
func TestCWEs(t *testing.T) {
	tests := []struct {
		name         string
		rule, result string // JSON of the rule and the result
		want         []int
	}{
		{"CodeQL tags", `{"properties":{"tags":["security","external/cwe/cwe-022","external/cwe/cwe-073"]}}`, `{}`, []int{22, 73}},
		{"Semgrep tags", `{"properties":{"tags":["CWE-918: Server-Side Request Forgery (SSRF)","HIGH CONFIDENCE"]}}`, `{}`, []int{918}},
		{"Semgrep metadata", `{"properties":{"metadata":{"cwe":["CWE-502: Deserialization of Untrusted Data"]}}}`, `{}`, []int{502}},
		{"cwe property, bare number", `{"properties":{"cwe":"78"}}`, `{}`, []int{78}},
		{"gosec cwe object", `{"properties":{"cwe":{"id":"22","url":"https://cwe.mitre.org/data/definitions/22.html"}}}`, `{}`, []int{22}},
		{"Bandit issue_cwe", `{}`, `{"properties":{"issue_cwe":{"id":89,"link":"https://cwe.mitre.org/data/definitions/89.html"}}}`, []int{89}},
		{"gosec relationship", `{"relationships":[{"target":{"id":"88","toolComponent":{"name":"CWE"}}}]}`, `{}`, []int{88}},
		{"relationship to another taxonomy", `{"relationships":[{"target":{"id":"A03","toolComponent":{"name":"OWASP"}}}]}`, `{}`, nil},
		{"result taxa", `{}`, `{"taxa":[{"id":"CWE-94","toolComponent":{"name":"cwe"}}]}`, []int{94}},
		{"a tag number is not a CWE", `{"properties":{"tags":["security","78","HIGH"]}}`, `{}`, nil},
		{"duplicates once, rule first", `{"properties":{"tags":["CWE-89"]}}`, `{"properties":{"issue_cwe":{"id":89},"cwe":"CWE-564"}}`, []int{89, 564}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rule descriptor
			var res result
			if err := json.Unmarshal([]byte(tt.rule), &rule); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.result), &res); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, cwes(&rule, &res)); diff != "" {
				t.Errorf("cwes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestClassify decides classes: CWE first (the strongest foothold when several are named), then rule ids.
func TestClassify(t *testing.T) {
	tests := []struct {
		family, rule string
		cwes         []int
		class        flaw.Class
		cwe, how     string
	}{
		{"codeql", "go/request-forgery", []int{918}, flaw.SSRF, "CWE-918", byCWE},
		{"codeql", "js/code-injection", []int{94, 95, 79, 116}, flaw.CodeInjection, "CWE-94", byCWE},
		{"codeql", "go/unsafe-quoting", []int{89, 78, 94}, flaw.CommandInjection, "CWE-78", byCWE}, // execution first
		{"gosec", "G107", []int{88}, flaw.SSRF, "CWE-918", byRuleID},                               // CWE-88 not followed
		{"gosec", "G304", nil, flaw.PathTraversal, "CWE-22", byRuleID},
		{"gosec", "G101", []int{798}, "", "CWE-798", byNone},
		{"bandit", "B506", []int{20}, flaw.Deserialization, "CWE-502", byRuleID},
		{"bandit", "B701", []int{94}, "", "CWE-94", byNone}, // tagged code injection, but it is XSS
		{"bandit", "B608", nil, flaw.SQLInjection, "CWE-89", byRuleID},
		{"codeql", "py/sql-injection", nil, flaw.SQLInjection, "CWE-89", byRuleID},
		{"semgrep", "javascript.express.security.injection.tainted-sql-string.tainted-sql-string", nil, flaw.SQLInjection, "CWE-89", byRuleID},
		{"semgrep", "go.lang.security.injection.tainted-url-host.tainted-url-host", nil, flaw.SSRF, "CWE-918", byRuleID},
		{"semgrep", "python.flask.security.injection.ssti.render-template-string", nil, flaw.TemplateInjection, "CWE-1336", byRuleID},
		{"", "my-company/sqli-string-concat", nil, flaw.SQLInjection, "CWE-89", byRuleID}, // keywords apply to any tool
		{"", "G204", nil, "", "", byNone},                                                 // a gosec id from another tool is not gosec's
		{"semgrep", "python.lang.best-practice.open-never-closed", nil, "", "", byNone},
		{"semgrep", "javascript.lang.security.audit.sqlite-injectionx", nil, "", "", byNone}, // words, not substrings
	}
	for _, tt := range tests {
		class, cwe, how := classify(tt.family, tt.rule, tt.cwes)
		if class != tt.class || cwe != tt.cwe || how != tt.how {
			t.Errorf("classify(%s, %s, %v) = %q %q %q, want %q %q %q", tt.family, tt.rule, tt.cwes, class, cwe, how, tt.class, tt.cwe, tt.how)
		}
	}
}

// TestFamily recognises the drivers' names as the tools write them.
func TestFamily(t *testing.T) {
	for driver, want := range map[string]string{"CodeQL": "codeql", "gosec": "gosec", "Bandit": "bandit",
		"Semgrep OSS": "semgrep", "semgrep": "semgrep", "ESLint": ""} {
		if got := family(driver); got != want {
			t.Errorf("family(%q) = %q, want %q", driver, got, want)
		}
	}
}
