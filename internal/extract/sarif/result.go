package sarif

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/model"
)

// runReader turns the results of one run into code-flaw nodes.
type runReader struct {
	file    string // the SARIF file, as provenance names it
	run     *run
	tool    string
	version string
	fam     string
	rules   map[string]*descriptor // by id: the driver's, then the extensions' not already seen
	assumed map[string]bool        // absolute bases assumed to be the checkout, reported once
	out     model.Facts
}

func newRunReader(file string, r *run) *runReader {
	rr := &runReader{file: file, run: r, tool: strings.TrimSpace(r.Tool.Driver.Name), rules: map[string]*descriptor{},
		assumed: map[string]bool{}}
	rr.version = r.Tool.Driver.SemanticVersion
	if rr.version == "" {
		rr.version = r.Tool.Driver.Version
	}
	if rr.tool == "" {
		rr.tool = "unknown"
	}
	rr.fam = family(rr.tool)
	comps := append([]toolComponent{r.Tool.Driver}, r.Tool.Extensions...)
	for ci := range comps {
		for i := range comps[ci].Rules {
			d := &comps[ci].Rules[i]
			if _, ok := rr.rules[d.ID]; !ok && d.ID != "" {
				rr.rules[d.ID] = d
			}
		}
	}
	return rr
}

// facts reads every result of the run.
func (rr *runReader) facts() model.Facts {
	for i := range rr.run.Results {
		rr.result(&rr.run.Results[i])
	}
	return rr.out
}

// rule finds the rule of a result: by index in the tool component it names (§3.52.5, §3.52.7), else by id.
func (rr *runReader) rule(res *result) *descriptor {
	comp := &rr.run.Tool.Driver
	idx := res.RuleIndex
	id := res.RuleID
	if res.Rule != nil {
		if tc := res.Rule.ToolComponent; tc != nil && tc.Index != nil && *tc.Index >= 0 && *tc.Index < len(rr.run.Tool.Extensions) {
			comp = &rr.run.Tool.Extensions[*tc.Index]
		}
		if res.Rule.Index != nil {
			idx = res.Rule.Index
		}
		if id == "" {
			id = res.Rule.ID
		}
	}
	if idx != nil && *idx >= 0 && *idx < len(comp.Rules) {
		if d := &comp.Rules[*idx]; id == "" || d.ID == id {
			return d
		}
	}
	return rr.rules[id]
}

// where is a result's place: the file and lines, or the SARIF file when it has none.
type where struct {
	fp             filePath
	uri, base      string
	line, end, col int
	located        bool
}

// locate reads the first physical location of a result; an artifact location given only by index is
// looked up in the run's artifacts (§3.4.5).
func (rr *runReader) locate(loc *location) (where, bool) {
	if loc == nil || loc.PhysicalLocation == nil {
		return where{}, false
	}
	al := loc.PhysicalLocation.ArtifactLocation
	if al.URI == "" && al.Index != nil && *al.Index >= 0 && *al.Index < len(rr.run.Artifacts) {
		al = rr.run.Artifacts[*al.Index].Location
	}
	if al.URI == "" {
		return where{}, false
	}
	w := where{fp: resolvePath(al, rr.run.OriginalURIBaseIDs), uri: al.URI, base: al.URIBaseID, located: true}
	if w.fp.path == "" {
		return where{}, false
	}
	if r := loc.PhysicalLocation.Region; r != nil {
		w.line, w.col, w.end = r.StartLine, r.StartColumn, r.EndLine
		if w.end < w.line {
			w.end = 0
		}
	}
	return w, true
}

// result turns one result into a node.
func (rr *runReader) result(lr *located) {
	res := &lr.result
	rule := rr.rule(res)
	id := res.RuleID
	if id == "" && res.Rule != nil {
		id = res.Rule.ID
	}
	if id == "" && rule != nil {
		id = rule.ID
	}
	if id == "" {
		id = "unknown-rule"
	}
	var w where
	if len(res.Locations) > 0 {
		w, _ = rr.locate(&res.Locations[0])
	}
	ids := cwes(rule, res)
	class, cwe, how := classify(rr.fam, id, ids)
	msg := rr.message(rule, res, ids)
	f := flaw.Finding{Class: class, CWE: cwe, Rule: id, Title: title(rule, id, msg), Confidence: confidence(rule, res),
		Tool: rr.tool, File: w.fp.path, Line: w.line, EndLine: w.end}
	if !w.located {
		f.File, f.Line = rr.file, lr.line
	}
	f.Language = language(f.File)
	rr.source(res, w, &f)
	n := f.Node(Name)
	if class == "" {
		n.Type = "other"
	}
	if !w.fp.resolved {
		n.Prov = model.Provenance{File: rr.file, Line: lr.line, Extractor: Name}
	}
	rr.describe(n.Attrs, rule, res, lr, w, msg)
	n.Attrs["foothold"] = class != "" && present(res)
	if how != byNone {
		n.Attrs["class_source"] = how
	}
	if len(ids) > 0 {
		n.Attrs["cwes"] = cweList(ids)
	}
	if w.fp.baseAssumed != "" && !rr.assumed[w.base] {
		rr.assumed[w.base] = true
		rr.out.Assumptions = append(rr.out.Assumptions, model.Assumption{Subject: rr.file,
			Attribute: "originalUriBaseIds." + w.base,
			Reason:    fmt.Sprintf("the run's base %s is an absolute path on the machine that ran %s", w.fp.baseAssumed, rr.tool),
			Assumed:   "it is the repository checkout: URIs relative to it are read from the scanned root",
			Prov:      model.Provenance{File: rr.file, Line: lr.line, Extractor: Name}})
	}
	rr.out.Nodes = append(rr.out.Nodes, n)
}

// describe sets the attributes that say what the tool reported and where the SARIF file says it.
func (rr *runReader) describe(a map[string]any, rule *descriptor, res *result, lr *located, w where, msg string) {
	a["sarif"], a["sarif_line"] = rr.file, lr.line
	a["level"] = level(rule, res)
	a["message"] = msg
	a["located"] = w.located
	if w.located {
		a["path"], a["path_resolved"], a["uri"] = w.fp.path, w.fp.resolved, w.uri
		if w.line > 0 {
			a["line"] = w.line // the flaw's line in its file, also when provenance points into the SARIF file
		}
		if w.base != "" {
			a["uri_base_id"] = w.base
		}
		if w.col > 0 {
			a["column"] = w.col
		}
	}
	if rr.version != "" {
		a["tool_version"] = rr.version
	}
	if k := res.Kind; k != "" && k != "fail" {
		a["kind"] = k
	}
	if res.BaselineState != "" {
		a["baseline_state"] = res.BaselineState
	}
	if rule != nil {
		if rule.Name != rule.ID {
			setIf(a, "rule_name", rule.Name)
		}
		setIf(a, "help_uri", rule.HelpURI)
		if s, ok := number(rule.Properties["security-severity"]); ok {
			a["security_severity"] = s
		}
	}
	if sev := severity(rule, res); sev != "" {
		a["severity"] = sev
	}
	if s, ok := suppressed(res); ok {
		a["suppressed"] = true
		setIf(a, "suppression", s)
	}
}

// present reports whether the tool says the flaw is in the code (§3.27.9 kind, §3.27.24 baselineState): a
// passing check, one not applicable, an informational note or a result gone since the baseline is not.
func present(res *result) bool {
	switch res.Kind {
	case "", "fail", "open", "review":
	default:
		return false
	}
	return res.BaselineState != "absent"
}

// suppressed reports a suppression that stands (status accepted, or none given: §3.34.4), with its
// justification or kind.
func suppressed(res *result) (string, bool) {
	for _, s := range res.Suppressions {
		if s.Status == "" || s.Status == "accepted" {
			if s.Justification != "" {
				return oneLine(s.Justification, 200), true
			}
			return s.Kind, true
		}
	}
	return "", false
}

// source records where the data flow starts (the first location of the first thread flow, §3.37), when it
// is in the flaw's own file.
func (rr *runReader) source(res *result, w where, f *flaw.Finding) {
	for _, cf := range res.CodeFlows {
		for _, tf := range cf.ThreadFlows {
			if len(tf.Locations) == 0 {
				continue
			}
			loc := tf.Locations[0].Location
			src, ok := rr.locate(loc)
			if !ok || src.fp.path != w.fp.path {
				return
			}
			f.SourceLine = src.line
			if loc.Message != nil {
				f.Source = oneLine(redact.URL(loc.Message.Text), 200)
			}
			return
		}
	}
}

// markdownLink matches CodeQL's message links to related locations: "[user-provided value](1)".
var markdownLink = regexp.MustCompile(`\[([^\]]*)\]\([0-9]+\)`)

// credentialCWEs are weaknesses whose messages may quote the secret found ("Possible hardcoded password:
// 'changeme'", Bandit B105): hard-coded password (259), credentials (798), key (321), unprotected credentials
// (522), cleartext storage (312), sensitive information in a file (538).
var credentialCWEs = map[int]bool{259: true, 798: true, 321: true, 522: true, 312: true, 538: true}

// quoted matches a quoted value in a message.
var quoted = regexp.MustCompile(`'[^']*'|"[^"]*"|` + "`[^`]*`")

// message is a result's text: its own, or the rule's message string with the arguments (§3.11.5), with
// links to related locations reduced to their text, passwords in URLs redacted, and, for a credential
// weakness, every quoted value redacted.
func (rr *runReader) message(rule *descriptor, res *result, ids []int) string {
	text := res.Message.Text
	if text == "" && res.Message.ID != "" && rule != nil {
		text = rule.MessageStrings[res.Message.ID].Text
		for i, arg := range res.Message.Arguments {
			text = strings.ReplaceAll(text, "{"+strconv.Itoa(i)+"}", arg)
		}
	}
	text = redact.URL(markdownLink.ReplaceAllString(text, "$1"))
	for _, n := range ids {
		if credentialCWEs[n] {
			text = quoted.ReplaceAllStringFunc(text, func(q string) string { return q[:1] + model.Redacted + q[len(q)-1:] })
			break
		}
	}
	return oneLine(strings.Join(strings.Fields(text), " "), 1000)
}

// title is a short name for the flaw: the rule's short description, unless it only repeats the id (Semgrep
// writes "Semgrep Finding: <id>"), else the message's first sentence.
func title(rule *descriptor, id, msg string) string {
	if rule != nil && rule.ShortDescription != nil {
		t := strings.TrimSpace(rule.ShortDescription.Text)
		if t != "" && t != id && !strings.HasSuffix(t, ": "+id) {
			return oneLine(t, 160)
		}
	}
	if msg != "" {
		if i := strings.Index(msg, ". "); i > 0 {
			msg = msg[:i+1] // the first sentence
		}
		return oneLine(msg, 160)
	}
	return id
}

// level is the result's level, else the rule's default, else "warning" (§3.27.10).
func level(rule *descriptor, res *result) string {
	if res.Level != "" {
		return res.Level
	}
	if rule != nil && rule.DefaultConfiguration.Level != "" {
		return rule.DefaultConfiguration.Level
	}
	return "warning"
}

// grades maps the words tools grade precision and confidence with to Seam's three grades.
var grades = map[string]string{"very-high": "high", "high": "high", "medium": "medium", "low": "low", "very-low": "low"}

// confidence is how sure the tool is, from the first of: Bandit's issue_confidence, a confidence property of
// the result, the rule's metadata.confidence and "HIGH CONFIDENCE" tags (Semgrep, whose precision is always
// very-high in SARIF), its confidence property, its precision (CodeQL, gosec); medium when the tool does not
// say.
func confidence(rule *descriptor, res *result) string {
	cands := []any{res.Properties["issue_confidence"], res.Properties["confidence"]}
	if rule != nil {
		if md, ok := rule.Properties["metadata"].(map[string]any); ok {
			cands = append(cands, md["confidence"])
		}
		if tags, ok := rule.Properties["tags"].([]any); ok {
			for _, t := range tags {
				if s, ok := t.(string); ok && strings.HasSuffix(strings.ToUpper(s), " CONFIDENCE") {
					cands = append(cands, strings.TrimSuffix(strings.ToUpper(s), " CONFIDENCE"))
				}
			}
		}
		cands = append(cands, rule.Properties["confidence"], rule.Properties["precision"])
	}
	for _, c := range cands {
		if s, ok := c.(string); ok {
			if g, ok := grades[strings.ToLower(strings.TrimSpace(s))]; ok {
				return g
			}
		}
	}
	return "medium"
}

// severity is the tool's own severity word: Bandit's issue_severity, else a HIGH/MEDIUM/LOW rule tag (gosec).
func severity(rule *descriptor, res *result) string {
	if s, ok := res.Properties["issue_severity"].(string); ok && s != "" {
		return strings.ToLower(s)
	}
	if rule == nil {
		return ""
	}
	tags, _ := rule.Properties["tags"].([]any)
	for _, t := range tags {
		switch s, _ := t.(string); s {
		case "HIGH", "MEDIUM", "LOW", "CRITICAL":
			return strings.ToLower(s)
		}
	}
	return ""
}

// number reads a numeric property written as a number or a string ("security-severity": "9.1").
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// languages maps file extensions to the language names the detectors use.
var languages = map[string]string{
	".go": "go", ".py": "python", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
	".ts": "typescript", ".tsx": "typescript", ".php": "php", ".java": "java", ".kt": "kotlin", ".rb": "ruby",
	".cs": "csharp", ".c": "c", ".cc": "cpp", ".cpp": "cpp", ".rs": "rust", ".scala": "scala", ".swift": "swift",
}

func language(file string) string { return languages[strings.ToLower(path.Ext(file))] }

// oneLine is the first line of s, trimmed and cut to max bytes (on a rune boundary).
func oneLine(s string, max int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i]) + " …"
	}
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && (s[cut]&0xC0) == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

func setIf(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}
