package iam

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// ParsePolicy reads an IAM policy document: a JSON-compatible value (map[string]any, []any, string,
// float64, int, bool, as Seam's extractors store documents) or a JSON string. resolve turns any leaf into a
// string: known values as themselves, unknown values ({"$unknown": expr}) as what the caller knows of them,
// with the parts it cannot know as ${...} tokens; nil resolves strings, numbers and booleans as written and
// an unknown value to the token ${expr}. A leaf resolve cannot read becomes the token ${unresolved}, so it
// may match anything, and is reported. Malformed documents give Problems, never a panic: what can be read is
// kept, a statement without an Effect or an Action is skipped.
func ParsePolicy(doc any, src Source, resolve func(v any) (string, bool)) (Policy, []Problem) {
	ps := &parser{src: src, resolve: resolve}
	if ps.resolve == nil {
		ps.resolve = defaultResolve
	}
	pol := Policy{Source: src}
	if expr, ok := model.IsUnknown(doc); ok {
		pol.Unknown = expr
		ps.problem(-1, "", "the document is an unknown value ("+expr+"); it is not evaluated and may grant anything")
		return pol, ps.problems
	}
	if s, ok := doc.(string); ok {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			pol.Unknown = "unparseable JSON"
			ps.problem(-1, "", "not a JSON policy document: "+err.Error())
			return pol, ps.problems
		}
		doc = v
	}
	m, ok := doc.(map[string]any)
	if !ok {
		pol.Unknown = "not an object"
		ps.problem(-1, "", fmt.Sprintf("a policy document is a JSON object, not %s", kindOf(doc)))
		return pol, ps.problems
	}
	ps.header(&pol, m)
	for i, el := range ps.statementList(m) {
		if st, ok := ps.statement(i, el); ok {
			pol.Statements = append(pol.Statements, st)
		}
	}
	return pol, ps.problems
}

// header reads Version and Id and reports elements a policy does not have.
func (ps *parser) header(pol *Policy, m map[string]any) {
	for _, k := range sortedKeys(m) {
		switch k {
		case "Version":
			pol.Version, _ = ps.leaf(-1, "Version", m[k])
		case "Id":
			pol.ID, _ = ps.leaf(-1, "Id", m[k])
		case "Statement":
		default:
			ps.problem(-1, k, "unknown policy element, ignored")
		}
	}
}

// statementList returns the Statement element as a list (it may be one object).
func (ps *parser) statementList(m map[string]any) []any {
	raw, ok := m["Statement"]
	if !ok {
		ps.problem(-1, "Statement", "the document has no Statement")
		return nil
	}
	var list []any
	switch x := raw.(type) {
	case []any:
		list = x
	case map[string]any:
		if _, unknown := model.IsUnknown(x); unknown {
			ps.problem(-1, "Statement", "the statements are an unknown value; none is evaluated")
			return nil
		}
		list = []any{x}
	default:
		ps.problem(-1, "Statement", fmt.Sprintf("Statement is an object or a list, not %s", kindOf(raw)))
	}
	return list
}

type parser struct {
	src      Source
	resolve  func(v any) (string, bool)
	problems []Problem
}

func (ps *parser) problem(stmt int, path, msg string) {
	if stmt >= 0 {
		if path == "" {
			path = fmt.Sprintf("Statement[%d]", stmt)
		} else {
			path = fmt.Sprintf("Statement[%d].%s", stmt, path)
		}
	}
	ps.problems = append(ps.problems, Problem{Source: ps.src, Statement: stmt, Path: path, Message: msg})
}

// defaultResolve is the resolver used when the caller gives none.
func defaultResolve(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case json.Number:
		return x.String(), true
	}
	if expr, ok := model.IsUnknown(v); ok {
		return "${" + expr + "}", true
	}
	return "", false
}

// unresolved is the token a leaf becomes when it cannot be read.
const unresolved = "${unresolved}"

// leaf reads one scalar (or unknown) value as a string.
func (ps *parser) leaf(stmt int, path string, v any) (string, bool) {
	switch v.(type) {
	case []any:
		ps.problem(stmt, path, "expected a single value, found a list")
		return "", false
	case map[string]any:
		if _, ok := model.IsUnknown(v); !ok {
			ps.problem(stmt, path, "expected a single value, found an object")
			return "", false
		}
	case nil:
		ps.problem(stmt, path, "the value is null")
		return "", false
	}
	s, ok := ps.resolve(v)
	if !ok {
		ps.problem(stmt, path, "value could not be read; assumed it may match anything")
		return unresolved, true
	}
	return s, true
}

// leaves reads a value that is one scalar or a list of them.
func (ps *parser) leaves(stmt int, path string, v any) []string {
	list, isList := v.([]any)
	if !isList {
		if s, ok := ps.leaf(stmt, path, v); ok {
			return []string{s}
		}
		return nil
	}
	out := make([]string, 0, len(list))
	for i, el := range list {
		if s, ok := ps.leaf(stmt, fmt.Sprintf("%s[%d]", path, i), el); ok {
			out = append(out, s)
		}
	}
	return out
}

var statementKeys = map[string]bool{
	"Sid": true, "Effect": true, "Action": true, "NotAction": true, "Resource": true, "NotResource": true,
	"Principal": true, "NotPrincipal": true, "Condition": true,
}

func (ps *parser) statement(i int, el any) (Statement, bool) {
	st := Statement{Index: i, lazy: &statementCache{}}
	m, ok := el.(map[string]any)
	if !ok {
		ps.problem(i, "", fmt.Sprintf("a statement is an object, not %s; skipped", kindOf(el)))
		return st, false
	}
	if _, unknown := model.IsUnknown(m); unknown {
		ps.problem(i, "", "the statement is an unknown value; skipped")
		return st, false
	}
	for _, k := range sortedKeys(m) {
		if !statementKeys[k] {
			ps.problem(i, k, "unknown statement element, ignored")
		}
	}
	if v, ok := m["Sid"]; ok {
		st.Sid, _ = ps.leaf(i, "Sid", v)
	}
	if !ps.effect(&st, m) {
		return st, false
	}
	if !ps.actions(&st, m) {
		return st, false
	}
	ps.resources(&st, m)
	ps.principals(&st, m)
	if v, ok := m["Condition"]; ok {
		st.Conditions = ps.conditions(i, v)
	}
	return st, true
}

func (ps *parser) effect(st *Statement, m map[string]any) bool {
	v, ok := m["Effect"]
	if !ok {
		ps.problem(st.Index, "Effect", "the statement has no Effect; skipped")
		return false
	}
	e, ok := ps.leaf(st.Index, "Effect", v)
	switch {
	case !ok:
		return false
	case strings.EqualFold(e, "Allow"):
		st.Effect = Allow
	case strings.EqualFold(e, "Deny"):
		st.Effect = Deny
	case strings.Contains(e, "${"):
		st.Effect = Allow
		st.Assumed = append(st.Assumed, "Effect "+e+" is unknown: assumed Allow")
	default:
		ps.problem(st.Index, "Effect", fmt.Sprintf("Effect %q is neither Allow nor Deny; skipped", e))
		return false
	}
	return true
}

func (ps *parser) actions(st *Statement, m map[string]any) bool {
	key := "Action"
	v, has := m["Action"]
	if nv, hasNot := m["NotAction"]; hasNot {
		if has {
			ps.problem(st.Index, "NotAction", "both Action and NotAction: NotAction ignored")
		} else {
			key, v, has, st.NotAction = "NotAction", nv, true, true
		}
	}
	if !has {
		ps.problem(st.Index, "Action", "the statement has no Action or NotAction; skipped")
		return false
	}
	for _, s := range ps.leaves(st.Index, key, v) {
		st.Actions = append(st.Actions, CompileAction(s))
	}
	if len(st.Actions) == 0 && !st.NotAction {
		ps.problem(st.Index, key, "no action could be read; skipped")
		return false
	}
	return true
}

func (ps *parser) resources(st *Statement, m map[string]any) {
	key := "Resource"
	v, has := m["Resource"]
	if nv, hasNot := m["NotResource"]; hasNot {
		if has {
			ps.problem(st.Index, "NotResource", "both Resource and NotResource: NotResource ignored")
		} else {
			key, v, has, st.NotResource = "NotResource", nv, true, true
		}
	}
	if !has {
		// Resource-based policies (trust policies, key policies) may omit it: the statement is about the
		// resource the policy is attached to.
		st.Resources = []ResourcePattern{CompileResource("*")}
		return
	}
	for _, s := range ps.leaves(st.Index, key, v) {
		st.Resources = append(st.Resources, CompileResource(s))
	}
}

func (ps *parser) principals(st *Statement, m map[string]any) {
	key := "Principal"
	v, has := m["Principal"]
	if nv, hasNot := m["NotPrincipal"]; hasNot {
		if has {
			ps.problem(st.Index, "NotPrincipal", "both Principal and NotPrincipal: NotPrincipal ignored")
		} else {
			key, v, has, st.NotPrincipal = "NotPrincipal", nv, true, true
		}
	}
	if !has {
		return
	}
	set := &PrincipalSet{}
	st.Principals = set
	defer set.prepare()
	if s, ok := v.(string); ok {
		if s == "*" {
			set.Anyone = true
		} else {
			ps.problem(st.Index, key, fmt.Sprintf("a principal string must be \"*\", found %q; read as an AWS principal", s))
			set.AWS = append(set.AWS, s)
		}
		return
	}
	pm, ok := v.(map[string]any)
	if !ok || isUnknownValue(v) {
		ps.problem(st.Index, key, "the principal is not an object; assumed it may be anyone")
		set.Anyone = true
		return
	}
	for _, k := range sortedKeys(pm) {
		vals := ps.leaves(st.Index, key+"."+k, pm[k])
		switch k {
		case "AWS":
			for _, s := range vals {
				if s == "*" {
					set.Anyone = true
					continue
				}
				set.AWS = append(set.AWS, s)
			}
		case "Service":
			set.Service = append(set.Service, vals...)
		case "Federated":
			set.Federated = append(set.Federated, vals...)
		case "CanonicalUser":
			set.Canonical = append(set.Canonical, vals...)
		default:
			ps.problem(st.Index, key+"."+k, "unknown principal type, ignored")
		}
	}
}

func isUnknownValue(v any) bool { _, ok := model.IsUnknown(v); return ok }

func (ps *parser) conditions(stmt int, v any) []Condition {
	m, ok := v.(map[string]any)
	if !ok || isUnknownValue(v) {
		ps.problem(stmt, "Condition", "the condition is not an object; assumed to hold on an Allow, not to apply on a Deny")
		return []Condition{unknownCondition("Condition " + describeValue(v))}
	}
	var out []Condition
	for _, op := range sortedKeys(m) {
		path := "Condition." + op
		km, ok := m[op].(map[string]any)
		if !ok || isUnknownValue(m[op]) {
			ps.problem(stmt, path, "an operator maps condition keys to values; assumed to hold on an Allow, not to apply on a Deny")
			out = append(out, unknownCondition(op+" "+describeValue(m[op])))
			continue
		}
		for _, key := range sortedKeys(km) {
			vals := ps.leaves(stmt, path+"."+key, km[key])
			c, err := newCondition(op, key, vals)
			if err != nil {
				ps.problem(stmt, path, err.Error()+"; assumed to hold on an Allow, not to apply on a Deny")
			}
			out = append(out, c)
		}
	}
	return out
}

func describeValue(v any) string {
	if expr, ok := model.IsUnknown(v); ok {
		return "${" + expr + "}"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	case bool:
		return "a boolean"
	}
	return "a number"
}
