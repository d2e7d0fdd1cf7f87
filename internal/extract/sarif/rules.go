package sarif

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// The tool families whose rule ids the importer knows.
const (
	familyCodeQL  = "codeql"
	familyGosec   = "gosec"
	familyBandit  = "bandit"
	familySemgrep = "semgrep"
)

// family names the tool family of a driver ("CodeQL", "gosec", "Bandit", "Semgrep OSS"), or "" for another
// tool, whose rule ids are only read by the keyword rules.
func family(driver string) string {
	d := strings.ToLower(driver)
	for _, f := range []string{familyCodeQL, familyGosec, familyBandit, familySemgrep} {
		if strings.Contains(d, f) {
			return f
		}
	}
	return ""
}

// ruleClass is the curated map of well-known rule ids, keyed by "<family> <id>", read when the rule and the
// result carry no CWE that decides the class. Sources:
//   - gosec: the rule list of https://github.com/securego/gosec#available-rules (G107 "Url provided to HTTP
//     request as taint input", G111 "Potential directory traversal", G201/G202 "SQL query construction using
//     format string / string concatenation", G204 "Audit use of command execution", G304 "File path provided as
//     taint input", G305 "File traversal when extracting zip/tar archive").
//   - Bandit: the plugin and blacklist pages of https://bandit.readthedocs.io/en/latest/plugins/ and
//     .../blacklists/blacklist_calls.html (B102 exec_used, B301 pickle, B302 marshal, B307 eval, B506
//     yaml_load, B601 paramiko_calls, B602–B606 and B609 the subprocess and shell checks, B608
//     hardcoded_sql_expressions, B610/B611 django extra and RawSQL, B614 pytorch_load).
//   - CodeQL: the query ids of https://codeql.github.com/codeql-query-help/ (per language: go, python,
//     javascript, java, ruby, csharp).
var ruleClass = map[string]flaw.Class{
	"gosec G107": flaw.SSRF, "gosec G111": flaw.PathTraversal, "gosec G201": flaw.SQLInjection,
	"gosec G202": flaw.SQLInjection, "gosec G204": flaw.CommandInjection, "gosec G304": flaw.PathTraversal,
	"gosec G305": flaw.PathTraversal,

	"bandit B102": flaw.CodeInjection, "bandit B301": flaw.Deserialization, "bandit B302": flaw.Deserialization,
	"bandit B307": flaw.CodeInjection, "bandit B506": flaw.Deserialization, "bandit B601": flaw.CommandInjection,
	"bandit B602": flaw.CommandInjection, "bandit B603": flaw.CommandInjection, "bandit B604": flaw.CommandInjection,
	"bandit B605": flaw.CommandInjection, "bandit B606": flaw.CommandInjection, "bandit B609": flaw.CommandInjection,
	"bandit B608": flaw.SQLInjection, "bandit B610": flaw.SQLInjection, "bandit B611": flaw.SQLInjection,
	"bandit B614": flaw.Deserialization,

	"codeql go/request-forgery": flaw.SSRF, "codeql go/sql-injection": flaw.SQLInjection,
	"codeql go/command-injection": flaw.CommandInjection, "codeql go/path-injection": flaw.PathTraversal,
	"codeql go/zipslip":   flaw.PathTraversal,
	"codeql py/full-ssrf": flaw.SSRF, "codeql py/partial-ssrf": flaw.SSRF, "codeql py/sql-injection": flaw.SQLInjection,
	"codeql py/command-line-injection":               flaw.CommandInjection,
	"codeql py/shell-command-constructed-from-input": flaw.CommandInjection,
	"codeql py/code-injection":                       flaw.CodeInjection, "codeql py/unsafe-deserialization": flaw.Deserialization,
	"codeql py/template-injection": flaw.TemplateInjection, "codeql py/path-injection": flaw.PathTraversal,
	"codeql py/tarslip":         flaw.PathTraversal,
	"codeql js/request-forgery": flaw.SSRF, "codeql js/sql-injection": flaw.SQLInjection,
	"codeql js/command-line-injection":               flaw.CommandInjection,
	"codeql js/shell-command-constructed-from-input": flaw.CommandInjection,
	"codeql js/code-injection":                       flaw.CodeInjection, "codeql js/unsafe-deserialization": flaw.Deserialization,
	"codeql js/template-object-injection": flaw.TemplateInjection, "codeql js/path-injection": flaw.PathTraversal,
	"codeql js/zipslip": flaw.PathTraversal,
	"codeql java/ssrf":  flaw.SSRF, "codeql java/sql-injection": flaw.SQLInjection,
	"codeql java/command-line-injection": flaw.CommandInjection, "codeql java/path-injection": flaw.PathTraversal,
	"codeql java/unsafe-deserialization":         flaw.Deserialization,
	"codeql java/server-side-template-injection": flaw.TemplateInjection,
	"codeql java/spel-expression-injection":      flaw.CodeInjection, "codeql java/ognl-injection": flaw.CodeInjection,
	"codeql java/groovy-injection": flaw.CodeInjection,
	"codeql rb/request-forgery":    flaw.SSRF, "codeql rb/sql-injection": flaw.SQLInjection,
	"codeql rb/command-line-injection": flaw.CommandInjection, "codeql rb/code-injection": flaw.CodeInjection,
	"codeql rb/unsafe-deserialization": flaw.Deserialization, "codeql rb/path-injection": flaw.PathTraversal,
	"codeql cs/sql-injection": flaw.SQLInjection, "codeql cs/command-line-injection": flaw.CommandInjection,
	"codeql cs/path-injection":                         flaw.PathTraversal,
	"codeql cs/unsafe-deserialization-untrusted-input": flaw.Deserialization,
}

// notFoothold lists rules whose CWE tag names a foothold class their finding does not give, so the tag is not
// followed: Bandit tags B701 (jinja2 with autoescape=False) CWE-94, but the check is about cross-site
// scripting, not server-side code execution (https://bandit.readthedocs.io/en/latest/plugins/b701_jinja2_autoescape_false.html).
var notFoothold = map[string]bool{"bandit B701": true}

// keyword is a word in a rule id that names a class. Semgrep registry ids are dotted paths ending in a
// descriptive name ("python.flask.security.injection.ssrf-requests.ssrf-requests",
// "go.lang.security.injection.tainted-sql-string.tainted-sql-string"; https://semgrep.dev/r); other tools'
// custom rules are often named the same way. Words are matched against the id's "-"/"."/"_"/"/"-separated
// tokens joined by "-", in this order, so that "command-injection" wins over "injection" alone.
type keyword struct {
	word  string
	class flaw.Class
}

var keywords = []keyword{
	{"command-injection", flaw.CommandInjection}, {"os-command", flaw.CommandInjection},
	{"shell-injection", flaw.CommandInjection}, {"subprocess-injection", flaw.CommandInjection},
	{"dangerous-subprocess", flaw.CommandInjection}, {"dangerous-system-call", flaw.CommandInjection},
	{"code-injection", flaw.CodeInjection}, {"eval-injection", flaw.CodeInjection},
	{"dangerous-eval", flaw.CodeInjection}, {"dangerous-exec", flaw.CodeInjection},
	{"template-injection", flaw.TemplateInjection}, {"ssti", flaw.TemplateInjection},
	{"deserialization", flaw.Deserialization}, {"pickle", flaw.Deserialization},
	{"ssrf", flaw.SSRF}, {"request-forgery", flaw.SSRF}, {"tainted-url-host", flaw.SSRF},
	{"sqli", flaw.SQLInjection}, {"sql-injection", flaw.SQLInjection}, {"tainted-sql", flaw.SQLInjection},
	{"formatted-sql", flaw.SQLInjection},
	{"path-traversal", flaw.PathTraversal}, {"path-injection", flaw.PathTraversal},
	{"directory-traversal", flaw.PathTraversal},
}

// byRule looks a rule id up in the curated map, then in the keywords.
func byRule(fam, id string) flaw.Class {
	if c, ok := ruleClass[fam+" "+id]; ok {
		return c
	}
	if id == "" {
		return ""
	}
	norm := "-" + strings.Map(func(r rune) rune {
		switch r {
		case '.', '_', '/', ' ':
			return '-'
		}
		return r
	}, strings.ToLower(id)) + "-"
	for _, k := range keywords {
		if strings.Contains(norm, "-"+k.word+"-") {
			return k.class
		}
	}
	return ""
}
