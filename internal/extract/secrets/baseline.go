package secrets

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/seam-sec/seam/internal/model"
)

// DefaultBaseline is where the baseline file is read from when extract.Options.SecretsBaseline is empty.
const DefaultBaseline = ".seam/secrets-baseline.yaml"

// Baseline is the list of findings a team has accepted, each named by its fingerprint, with the reason
// (required), who accepted it and until when. The file looks like this:
//
//	version: 1
//	accepted:
//	  - fingerprint: sha256:3f1c0d2e9a7b6c54
//	    reason: fixture key for the integration tests, never valid in any account
//	    owner: "@acme/platform"
//	    expires: 2027-06-30
type Baseline struct {
	File    string
	Entries []BaselineEntry
}

// BaselineEntry accepts one finding.
type BaselineEntry struct {
	Fingerprint string
	Reason      string
	Owner       string
	Expires     string // YYYY-MM-DD, "" when the entry does not expire
	Line        int
}

// Expired reports whether the entry's last day is before now's date (UTC).
func (e BaselineEntry) Expired(now time.Time) bool {
	if e.Expires == "" {
		return false
	}
	return now.UTC().Format(time.DateOnly) > e.Expires
}

var fingerprintPattern = regexp.MustCompile(`^sha256:[0-9a-f]{16}$`)

// ParseBaseline reads a baseline file. Every problem is a diagnostic with the file and line; an entry with
// an error accepts nothing, so a typo never hides a secret.
func ParseBaseline(file string, data []byte) (Baseline, []model.Diagnostic) {
	b := Baseline{File: file}
	var diags []model.Diagnostic
	add := func(sev model.Severity, line int, format string, args ...any) {
		diags = append(diags, model.Diagnostic{File: file, Line: line, Severity: sev, Extractor: Name,
			Message: "secrets baseline: " + fmt.Sprintf(format, args...)})
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		line, msg := yamlError(err)
		add(model.SeverityError, line, "not valid YAML: %s", msg)
		return b, diags
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return b, diags // an empty file accepts nothing
	}
	if len(f.Docs) > 1 {
		add(model.SeverityWarning, lineOf(f.Docs[1].Body), "only the first YAML document is read")
	}
	top, ok := mappingValues(f.Docs[0].Body)
	if !ok {
		add(model.SeverityError, lineOf(f.Docs[0].Body), "the file must be a mapping with an \"accepted\" list")
		return b, diags
	}
	for _, kv := range top {
		switch key := keyOf(kv); key {
		case "version":
			if v := scalar(kv.Value); v != "1" {
				add(model.SeverityError, lineOf(kv), "version %q is not supported (want 1)", v)
				return b, diags
			}
		case "accepted":
			seq, ok := kv.Value.(*ast.SequenceNode)
			if !ok {
				if _, null := kv.Value.(*ast.NullNode); !null {
					add(model.SeverityError, lineOf(kv), "\"accepted\" must be a list of entries")
				}
				continue
			}
			seen := map[string]int{}
			for _, item := range seq.Values {
				e, problems := parseEntry(item)
				diags = append(diags, withFile(file, problems)...)
				if len(problems) > 0 && problems[0].Severity == model.SeverityError {
					continue
				}
				if first, dup := seen[e.Fingerprint]; dup {
					add(model.SeverityWarning, e.Line, "fingerprint %s is already accepted at line %d; this entry is ignored", e.Fingerprint, first)
					continue
				}
				seen[e.Fingerprint] = e.Line
				b.Entries = append(b.Entries, e)
			}
		default:
			add(model.SeverityWarning, lineOf(kv), "unknown key %q ignored", key)
		}
	}
	return b, diags
}

// parseEntry reads one accepted entry; the first problem, if an error, rejects it.
func parseEntry(item ast.Node) (BaselineEntry, []model.Diagnostic) {
	e := BaselineEntry{Line: lineOf(item)}
	bad := func(format string, args ...any) (BaselineEntry, []model.Diagnostic) {
		return e, []model.Diagnostic{{Line: e.Line, Severity: model.SeverityError,
			Message: "secrets baseline: entry " + fmt.Sprintf(format, args...) + "; it accepts nothing"}}
	}
	kvs, ok := mappingValues(item)
	if !ok {
		return bad("must be a mapping with fingerprint and reason")
	}
	var warnings []model.Diagnostic
	for _, kv := range kvs {
		v := scalar(kv.Value)
		switch key := keyOf(kv); key {
		case "fingerprint":
			e.Fingerprint = v
		case "reason":
			e.Reason = strings.TrimSpace(v)
		case "owner":
			e.Owner = v
		case "expires":
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				return bad("has expires %q, which is not a date (YYYY-MM-DD)", v)
			}
			e.Expires = v
		default:
			warnings = append(warnings, model.Diagnostic{Line: lineOf(kv), Severity: model.SeverityWarning,
				Message: fmt.Sprintf("secrets baseline: unknown key %q ignored", key)})
		}
	}
	switch {
	case !fingerprintPattern.MatchString(e.Fingerprint):
		return bad("has fingerprint %q; want sha256: and 16 lowercase hex digits, as Seam prints it", e.Fingerprint)
	case e.Reason == "":
		return bad("for %s has no reason; say why the secret is accepted", e.Fingerprint)
	}
	return e, warnings
}

func withFile(file string, ds []model.Diagnostic) []model.Diagnostic {
	for i := range ds {
		ds[i].File, ds[i].Extractor = file, Name
	}
	return ds
}

// mappingValues returns the pairs of a mapping node (goccy/go-yaml gives a one-pair mapping as a
// MappingValueNode).
func mappingValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	case *ast.TagNode:
		return mappingValues(m.Value)
	}
	return nil, false
}

func keyOf(kv *ast.MappingValueNode) string {
	if kv.Key == nil {
		return ""
	}
	return scalar(kv.Key)
}

// scalar returns a scalar node's text ("" for a null, a mapping or a list).
func scalar(n ast.Node) string {
	switch v := n.(type) {
	case nil, *ast.NullNode, *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return ""
	case *ast.StringNode:
		return v.Value
	case *ast.TagNode:
		return scalar(v.Value)
	}
	if t := n.GetToken(); t != nil {
		return t.Value
	}
	return ""
}

func lineOf(n ast.Node) int {
	if n == nil {
		return 0
	}
	if kv, ok := n.(*ast.MappingValueNode); ok && kv.Key != nil {
		n = kv.Key
	}
	if t := n.GetToken(); t != nil && t.Position != nil {
		return t.Position.Line
	}
	return 0
}

// yamlError returns the line and message of a goccy/go-yaml error.
func yamlError(err error) (int, string) {
	var te interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &te) {
		line := 0
		if t := te.GetToken(); t != nil && t.Position != nil {
			line = t.Position.Line
		}
		return line, te.GetMessage()
	}
	return 0, err.Error()
}
