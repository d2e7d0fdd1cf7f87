package vuln

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// Foothold classes by CWE (cwe.mitre.org). A vulnerability is a foothold when one of its weaknesses is here or
// its advisory text names one (classText). The classes are the code-flaw vocabulary, so that the path rules
// treat a known vulnerability like a code flaw of the same class.
var classByCWE = map[int]flaw.Class{
	77: flaw.CommandInjection, 78: flaw.CommandInjection, 88: flaw.CommandInjection,
	94: flaw.CodeInjection, 95: flaw.CodeInjection, 96: flaw.CodeInjection, 917: flaw.CodeInjection,
	1336: flaw.TemplateInjection,
	502:  flaw.Deserialization,
	918:  flaw.SSRF,
	89:   flaw.SQLInjection, 564: flaw.SQLInjection, 943: flaw.SQLInjection,
	22: flaw.PathTraversal, 23: flaw.PathTraversal, 24: flaw.PathTraversal, 35: flaw.PathTraversal,
	36: flaw.PathTraversal, 73: flaw.PathTraversal,
	287: flaw.AuthBypass, 288: flaw.AuthBypass, 290: flaw.AuthBypass, 294: flaw.AuthBypass, 302: flaw.AuthBypass,
	306: flaw.AuthBypass, 1390: flaw.AuthBypass,
}

// classText finds a foothold class in an advisory's summary and details when its CWEs do not say one. The
// phrases are the ones advisories use; each pattern is anchored on words so that "non-remote" or
// "deserialization of trusted data is safe" style prose is rare enough to accept.
var classText = []struct {
	re    *regexp.Regexp
	class flaw.Class
}{
	{regexp.MustCompile(`(?i)\b(remote code execution|arbitrary code execution|execute arbitrary code|\bRCE\b)`), flaw.RemoteCodeExecution},
	{regexp.MustCompile(`(?i)\b(command injection|arbitrary (os |shell )?commands?)\b`), flaw.CommandInjection},
	{regexp.MustCompile(`(?i)\b(server[- ]side template injection|\bSSTI\b)`), flaw.TemplateInjection},
	{regexp.MustCompile(`(?i)\b(server[- ]side request forgery|\bSSRF\b)`), flaw.SSRF},
	{regexp.MustCompile(`(?i)\bSQL injection\b`), flaw.SQLInjection},
	{regexp.MustCompile(`(?i)\b(path|directory) traversal\b`), flaw.PathTraversal},
	{regexp.MustCompile(`(?i)\b(unsafe|insecure|untrusted) deserializ`), flaw.Deserialization},
	{regexp.MustCompile(`(?i)\bauthentication bypass\b|\bbypass(es)? (the )?authentication\b`), flaw.AuthBypass},
}

// Classify returns the foothold classes of a vulnerability from its CWE IDs ("CWE-918") and its advisory
// text, sorted and without repeats, and the reason for each ("CWE-918", "the advisory says \"SSRF\"").
// Text is read only when no CWE gives a class: a CWE is the advisory's considered statement.
func Classify(cwes []string, text string) (classes []string, reasons map[string]string) {
	reasons = map[string]string{}
	for _, c := range cwes {
		n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(c)), "CWE-"))
		if err != nil {
			continue
		}
		if cl, ok := classByCWE[n]; ok {
			if _, seen := reasons[string(cl)]; !seen {
				reasons[string(cl)] = "CWE-" + strconv.Itoa(n)
			}
		}
	}
	if len(reasons) == 0 {
		for _, t := range classText {
			if m := t.re.FindString(text); m != "" {
				if _, seen := reasons[string(t.class)]; !seen {
					reasons[string(t.class)] = "the advisory says \"" + m + "\""
				}
			}
		}
	}
	// Remote code execution named together with its mechanism is that mechanism.
	if _, ok := reasons[string(flaw.RemoteCodeExecution)]; ok {
		for _, cl := range []flaw.Class{flaw.CommandInjection, flaw.CodeInjection, flaw.TemplateInjection, flaw.Deserialization} {
			if _, named := reasons[string(cl)]; named {
				delete(reasons, string(flaw.RemoteCodeExecution))
				break
			}
		}
	}
	for cl := range reasons {
		classes = append(classes, cl)
	}
	sort.Strings(classes)
	return classes, reasons
}
