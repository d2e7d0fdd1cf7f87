package terraform

import (
	"encoding/json"

	"github.com/zclconf/go-cty/cty"
)

// The data source aws_iam_policy_document computes its policy from statement blocks. Seam does the same so a
// reference to its json attribute resolves to a policy the IAM analysis can read: Version, Id, and Statement
// entries with Sid, Effect (default Allow), Action, NotAction, Resource, NotResource, Principal, NotPrincipal
// and Condition. Action and resource lists stay lists; a principals block of type "*" with identifier "*"
// becomes Principal "*", as the provider writes it. Statements of source documents come first, this
// document's statements replace those with the same Sid, and override documents replace by Sid last.

// policyDoc collects a document's JSON and the marks of everything it was built from.
type policyDoc struct {
	marks   cty.ValueMarks
	partial bool
}

// ph converts a value for the document, collecting its marks.
func (p *policyDoc) ph(v cty.Value) any {
	g, marks, partial := placeholderGo(v)
	p.marks = union(p.marks, marks)
	p.partial = p.partial || partial
	return g
}

// attr returns the converted value of an attribute of e, or nil.
func (p *policyDoc) attr(e *evaled, name string) any {
	for _, a := range e.attrs {
		if a.name == name {
			return p.ph(a.val)
		}
	}
	return nil
}

// policyDocument computes the json and minified_json attributes of an aws_iam_policy_document instance.
func (s *scope) policyDocument(ev *evaled) map[string]cty.Value {
	p := &policyDoc{}
	doc := map[string]any{"Version": "2012-10-17"}
	if v, ok := p.attr(ev, "version").(string); ok && v != "" {
		doc["Version"] = v
	}
	if v := p.attr(ev, "policy_id"); v != nil {
		doc["Id"] = v
	}
	var stmts []any
	for _, name := range []string{"source_policy_documents", "source_json"} {
		stmts = mergeBySid(stmts, p.documentStatements(p.attr(ev, name)))
	}
	var own []any
	for _, g := range ev.groups {
		if g.typ != "statement" {
			continue
		}
		if g.unknown != nil {
			own = append(own, p.ph(g.unknown.val))
			continue
		}
		for _, it := range g.items {
			own = append(own, p.statement(it))
		}
	}
	stmts = mergeBySid(stmts, own)
	for _, name := range []string{"override_policy_documents", "override_json"} {
		stmts = mergeBySid(stmts, p.documentStatements(p.attr(ev, name)))
	}
	if stmts == nil {
		stmts = []any{}
	}
	doc["Statement"] = stmts
	pretty, err1 := json.MarshalIndent(doc, "", "  ")
	compact, err2 := json.Marshal(doc)
	if err1 != nil || err2 != nil {
		u := unknownVal(cty.String, "", "the policy document cannot be encoded")
		return map[string]cty.Value{"json": u, "minified_json": u}
	}
	marks := cty.ValueMarks{}
	for m := range p.marks {
		if _, isExpr := m.(exprMark); !isExpr {
			marks[m] = struct{}{}
		}
	}
	if p.partial {
		marks[partialMark{}] = struct{}{}
	}
	return map[string]cty.Value{"json": cty.StringVal(string(pretty)).WithMarks(marks),
		"minified_json": cty.StringVal(string(compact)).WithMarks(marks)}
}

// statement builds one policy statement from a statement block.
func (p *policyDoc) statement(e *evaled) map[string]any {
	st := map[string]any{"Effect": "Allow"}
	if sid := p.attr(e, "sid"); sid != nil && sid != "" {
		st["Sid"] = sid
	}
	if eff := p.attr(e, "effect"); eff != nil {
		st["Effect"] = eff
	}
	for _, f := range [][2]string{{"actions", "Action"}, {"not_actions", "NotAction"}, {"resources", "Resource"},
		{"not_resources", "NotResource"}} {
		if v := p.attr(e, f[0]); v != nil {
			if list, ok := v.([]any); !ok || len(list) > 0 {
				st[f[1]] = v // the provider leaves empty lists out
			}
		}
	}
	for _, g := range e.groups {
		switch g.typ {
		case "principals":
			st["Principal"] = p.principals(g)
		case "not_principals":
			st["NotPrincipal"] = p.principals(g)
		case "condition":
			st["Condition"] = p.conditions(g)
		}
	}
	return st
}

// principals builds a Principal element: type → identifiers, or "*".
func (p *policyDoc) principals(g *evGroup) any {
	if g.unknown != nil {
		return p.ph(g.unknown.val)
	}
	out := map[string]any{}
	for _, it := range g.items {
		typ, _ := p.attr(it, "type").(string)
		ids := p.attr(it, "identifiers")
		if typ == "*" && len(g.items) == 1 {
			if list, ok := ids.([]any); ok && len(list) == 1 && list[0] == "*" {
				return "*"
			}
		}
		prev, _ := out[typ].([]any)
		if list, ok := ids.([]any); ok {
			out[typ] = append(prev, list...)
		} else if ids != nil {
			out[typ] = append(prev, ids)
		}
	}
	return out
}

// conditions builds a Condition element: test → variable → values.
func (p *policyDoc) conditions(g *evGroup) any {
	if g.unknown != nil {
		return p.ph(g.unknown.val)
	}
	out := map[string]any{}
	for _, it := range g.items {
		test, _ := p.attr(it, "test").(string)
		variable, _ := p.attr(it, "variable").(string)
		byVar, _ := out[test].(map[string]any)
		if byVar == nil {
			byVar = map[string]any{}
			out[test] = byVar
		}
		prev, _ := byVar[variable].([]any)
		switch vals := p.attr(it, "values").(type) {
		case []any:
			byVar[variable] = append(prev, vals...)
		case nil:
		default:
			byVar[variable] = append(prev, vals)
		}
	}
	return out
}

// documentStatements returns the statements of one JSON document or a list of them. A document that is not
// known (a placeholder) stays as one unknown statement.
func (p *policyDoc) documentStatements(v any) []any {
	switch x := v.(type) {
	case []any:
		var out []any
		for _, d := range x {
			out = append(out, p.documentStatements(d)...)
		}
		return out
	case string:
		var doc map[string]any
		if err := json.Unmarshal([]byte(x), &doc); err != nil {
			if hasPlaceholder(x) {
				return []any{x}
			}
			return nil
		}
		switch st := doc["Statement"].(type) {
		case []any:
			return st
		case map[string]any:
			return []any{st}
		}
	}
	return nil
}

// mergeBySid appends add to base; a statement whose Sid matches one in base replaces it.
func mergeBySid(base, add []any) []any {
	for _, a := range add {
		am, _ := a.(map[string]any)
		sid, _ := am["Sid"].(string)
		replaced := false
		if sid != "" {
			for i, b := range base {
				bm, _ := b.(map[string]any)
				if bs, _ := bm["Sid"].(string); bs == sid {
					base[i], replaced = a, true
					break
				}
			}
		}
		if !replaced {
			base = append(base, a)
		}
	}
	return base
}
