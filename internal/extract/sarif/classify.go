package sarif

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// How a result's class was decided (attribute class_source).
const (
	byCWE    = "cwe"     // a CWE the rule or result carries
	byRuleID = "rule-id" // the curated map of rule ids (rules.go)
	byNone   = ""        // no foothold class
)

// cweClass maps the weaknesses that give a foothold to their class (https://cwe.mitre.org/data/definitions/
// <n>.html for each). CWE-88 (argument injection) is deliberately absent: it rarely means a shell, and gosec
// tags its SSRF rule G107 with it, which the rule-id map then reads correctly.
var cweClass = map[int]flaw.Class{
	77:   flaw.CommandInjection,  // improper neutralisation of special elements used in a command
	78:   flaw.CommandInjection,  // OS command injection
	94:   flaw.CodeInjection,     // code injection
	95:   flaw.CodeInjection,     // eval injection
	96:   flaw.CodeInjection,     // static code injection
	917:  flaw.CodeInjection,     // expression language injection (SpEL, OGNL)
	1336: flaw.TemplateInjection, // server-side template injection
	502:  flaw.Deserialization,   // deserialisation of untrusted data
	918:  flaw.SSRF,              // server-side request forgery
	89:   flaw.SQLInjection,      // SQL injection
	564:  flaw.SQLInjection,      // SQL injection: Hibernate
	22:   flaw.PathTraversal,     // path traversal
	23:   flaw.PathTraversal,     // relative path traversal
	36:   flaw.PathTraversal,     // absolute path traversal
	73:   flaw.PathTraversal,     // external control of file name or path
}

// cwePattern finds CWE numbers as tools write them: "CWE-918", "CWE-918: Server-Side Request Forgery"
// (Semgrep), "external/cwe/cwe-918" (CodeQL), "cwe918".
var cwePattern = regexp.MustCompile(`(?i)\bcwe[-_/ ]?0*([0-9]{1,5})\b`)

// cwes collects the CWE numbers a rule and a result carry, in the order the classification reads them:
// the rule's properties.tags (CodeQL, Semgrep), properties.cwe and properties.metadata.cwe (Semgrep rule
// metadata, gosec), the result's properties (Bandit's issue_cwe, cwe, tags), then the rule's relationships
// and the result's taxa that point into a CWE taxonomy (gosec). Duplicates are dropped.
func cwes(rule *descriptor, res *result) []int {
	var out []int
	seen := map[int]bool{}
	add := func(n int) {
		if n > 0 && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	if rule != nil {
		for _, key := range []string{"tags", "cwe", "cwe_id", "cwes"} {
			fromValue(rule.Properties[key], key != "tags", add)
		}
		if md, ok := rule.Properties["metadata"].(map[string]any); ok {
			fromValue(md["cwe"], true, add)
		}
	}
	for _, key := range []string{"issue_cwe", "cwe", "cwe_id", "tags"} {
		fromValue(res.Properties[key], key != "tags", add)
	}
	if rule != nil {
		for _, r := range rule.Relationships {
			if taxonomy(r.Target) == "cwe" {
				add(bareNumber(r.Target.ID))
			}
		}
	}
	for _, t := range res.Taxa {
		if taxonomy(t) == "cwe" {
			add(bareNumber(t.ID))
		}
	}
	return out
}

// fromValue reads CWE numbers from a property value: a string ("CWE-78"), a list of them, an object with an
// "id" (Bandit's issue_cwe {"id": 78, "link": …}), or, where bare is true (a property that can only hold a
// CWE), a plain number or numeric string.
func fromValue(v any, bare bool, add func(int)) {
	switch x := v.(type) {
	case string:
		for _, m := range cwePattern.FindAllStringSubmatch(x, -1) {
			n, _ := strconv.Atoi(m[1])
			add(n)
		}
		if bare {
			add(bareNumber(x))
		}
	case float64:
		if bare && x == float64(int(x)) {
			add(int(x))
		}
	case []any:
		for _, e := range x {
			fromValue(e, bare, add)
		}
	case map[string]any:
		fromValue(x["id"], true, add)
	}
}

// bareNumber reads "78" or "CWE-78" as 78, anything else as 0.
func bareNumber(s string) int {
	s = strings.TrimSpace(s)
	if m := cwePattern.FindStringSubmatch(s); m != nil && len(m[0]) == len(s) {
		s = m[1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// taxonomy is the lower-cased name of the tool component a reference points into.
func taxonomy(r descriptorRef) string {
	if r.ToolComponent == nil {
		return ""
	}
	return strings.ToLower(r.ToolComponent.Name)
}

// classify decides a result's foothold class: from its CWEs, where several classes are named the one that
// gives the attacker most (the order of flaw.Classes: execution first); else from the curated rule ids of
// the tool's family; else none. It returns the class, the CWE reported for it, and how it was decided.
func classify(family, ruleID string, ids []int) (flaw.Class, string, string) {
	if notFoothold[family+" "+ruleID] {
		return "", cweName(ids), byNone
	}
	best, bestCWE := -1, 0
	rank := map[flaw.Class]int{}
	for i, c := range flaw.Classes() {
		rank[c] = i
	}
	for _, n := range ids {
		if c, ok := cweClass[n]; ok && (best < 0 || rank[c] < best) {
			best, bestCWE = rank[c], n
		}
	}
	if best >= 0 {
		return flaw.Classes()[best], fmt.Sprintf("CWE-%d", bestCWE), byCWE
	}
	if c := byRule(family, ruleID); c != "" {
		return c, flaw.CWE[c], byRuleID
	}
	return "", cweName(ids), byNone
}

// cweName is the first CWE of a list, as "CWE-n", or "".
func cweName(ids []int) string {
	if len(ids) == 0 {
		return ""
	}
	return fmt.Sprintf("CWE-%d", ids[0])
}

// cweList renders CWE numbers as a sorted attribute value.
func cweList(ids []int) []any {
	s := append([]int(nil), ids...)
	sort.Ints(s)
	out := make([]any, len(s))
	for i, n := range s {
		out[i] = fmt.Sprintf("CWE-%d", n)
	}
	return out
}
