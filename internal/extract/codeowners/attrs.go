package codeowners

import (
	"fmt"
)

// rulesAttr renders rules as the node's "rules" attribute (JSON-compatible values only).
func rulesAttr(rules Rules) []any {
	out := make([]any, 0, len(rules))
	for _, r := range rules {
		m := map[string]any{"pattern": r.Pattern, "owners": strs(r.Owners), "line": r.Line}
		if r.Section != "" {
			m["section"] = r.Section
		}
		if r.Optional {
			m["optional"] = true
		}
		if r.Approvals > 0 {
			m["approvals"] = r.Approvals
		}
		if r.DefaultOwners {
			m["default_owners"] = true
		}
		if r.Exclude {
			m["exclude"] = true
		}
		out = append(out, m)
	}
	return out
}

func sectionsAttr(sections []Section) []any {
	out := make([]any, 0, len(sections))
	for _, s := range sections {
		m := map[string]any{"name": s.Name, "line": s.Line, "default_owners": strs(s.DefaultOwners)}
		if s.Optional {
			m["optional"] = true
		}
		if s.Approvals > 0 {
			m["approvals"] = s.Approvals
		}
		out = append(out, m)
	}
	return out
}

// RulesFromAttrs rebuilds Rules from a CODEOWNERS config node's attributes, as produced by this extractor or
// read back from JSON (numbers may arrive as float64, lists as []any or []string).
func RulesFromAttrs(attrs map[string]any) (Rules, error) {
	raw, ok := attrs["rules"]
	if !ok {
		return nil, fmt.Errorf("no rules attribute")
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("rules attribute is %T, want a list", raw)
	}
	rules := make(Rules, 0, len(list))
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("rules[%d] is %T, want an object", i, item)
		}
		r := Rule{}
		var err error
		if r.Pattern, ok = m["pattern"].(string); !ok {
			return nil, fmt.Errorf("rules[%d].pattern is missing or not a string", i)
		}
		if r.Owners, err = stringList(m["owners"]); err != nil {
			return nil, fmt.Errorf("rules[%d].owners: %w", i, err)
		}
		r.Section, _ = m["section"].(string)
		r.Optional, _ = m["optional"].(bool)
		r.DefaultOwners, _ = m["default_owners"].(bool)
		r.Exclude, _ = m["exclude"].(bool)
		r.Line, r.Approvals = number(m["line"]), number(m["approvals"])
		r.m = newMatcher(r.Pattern)
		rules = append(rules, r)
	}
	return rules, nil
}

func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []string:
		if len(x) == 0 {
			return nil, nil
		}
		return append([]string(nil), x...), nil
	case []any:
		if len(x) == 0 {
			return nil, nil
		}
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("element is %T, want a string", e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("is %T, want a list of strings", v)
}

func number(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return int(x)
	case int64:
		return int(x)
	}
	return 0
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
