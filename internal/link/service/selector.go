package service

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Selector is a Kubernetes label selector as Backstage's backstage.io/kubernetes-label-selector annotation
// writes it: requirements separated by commas, all of which must hold. Supported forms are those of the
// Kubernetes API (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors):
// key=value, key==value, key!=value, key in (a,b), key notin (a,b), key and !key.
type Selector []Requirement

// Requirement is one condition of a selector.
type Requirement struct {
	Key string
	// Op is one of "=", "!=", "in", "notin", "exists", "!exists" ("==" is read as "=").
	Op     string
	Values []string // sorted; one for = and !=, none for exists and !exists
}

// ParseSelector reads a label selector. An empty selector is an error: Kubernetes reads it as "everything",
// which would put every object in one component.
func ParseSelector(s string) (Selector, error) {
	parts, err := splitRequirements(s)
	if err != nil {
		return nil, err
	}
	var sel Selector
	for _, p := range parts {
		r, err := parseRequirement(strings.TrimSpace(p))
		if err != nil {
			return nil, err
		}
		sel = append(sel, r)
	}
	if len(sel) == 0 {
		return nil, errors.New("the selector is empty")
	}
	return sel, nil
}

// splitRequirements splits on the commas that are not inside parentheses.
func splitRequirements(s string) ([]string, error) {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
			if depth > 1 {
				return nil, errors.New("nested parentheses")
			}
		case ')':
			depth--
			if depth < 0 {
				return nil, errors.New("a ')' without '('")
			}
		case ',':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	if depth != 0 {
		return nil, errors.New("a '(' without ')'")
	}
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	return append(parts, s[start:]), nil
}

func parseRequirement(p string) (Requirement, error) {
	if p == "" {
		return Requirement{}, errors.New("an empty requirement (two commas in a row?)")
	}
	if rest, ok := strings.CutPrefix(p, "!"); ok {
		return requirement(strings.TrimSpace(rest), "!exists", nil)
	}
	if i := strings.IndexAny(p, "=!"); i >= 0 {
		key, rest := strings.TrimSpace(p[:i]), p[i:]
		op := "="
		switch {
		case strings.HasPrefix(rest, "!="):
			op, rest = "!=", rest[2:]
		case strings.HasPrefix(rest, "=="):
			rest = rest[2:]
		case strings.HasPrefix(rest, "="):
			rest = rest[1:]
		default:
			return Requirement{}, fmt.Errorf("%q: '!' must start a requirement or come before '='", p)
		}
		return requirement(key, op, []string{strings.TrimSpace(rest)})
	}
	if fields := strings.Fields(p); len(fields) >= 2 && (fields[1] == "in" || fields[1] == "notin") {
		list := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p[len(fields[0]):]), fields[1]))
		if !strings.HasPrefix(list, "(") || !strings.HasSuffix(list, ")") {
			return Requirement{}, fmt.Errorf("%q: %s needs a list in parentheses", p, fields[1])
		}
		var values []string
		for _, v := range strings.Split(list[1:len(list)-1], ",") {
			values = append(values, strings.TrimSpace(v))
		}
		return requirement(fields[0], fields[1], values)
	}
	return requirement(p, "exists", nil)
}

// requirement checks the key and values and builds the requirement.
func requirement(key, op string, values []string) (Requirement, error) {
	if !validKey(key) {
		return Requirement{}, fmt.Errorf("%q is not a label key", key)
	}
	for _, v := range values {
		if !validValue(v) {
			return Requirement{}, fmt.Errorf("%q is not a label value", v)
		}
	}
	sort.Strings(values)
	return Requirement{Key: key, Op: op, Values: values}, nil
}

// validKey accepts an optional DNS prefix and a name: letters, digits, '-', '_', '.', one '/'.
func validKey(k string) bool {
	if k == "" || strings.Count(k, "/") > 1 || strings.HasPrefix(k, "/") || strings.HasSuffix(k, "/") {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '/') {
			return false
		}
	}
	return true
}

// validValue accepts an empty value or letters, digits, '-', '_' and '.'.
func validValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(isAlnum(c) || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Matches reports whether labels satisfy every requirement. Objects without labels match only selectors made
// of != , notin and !key requirements, as in Kubernetes.
func (s Selector) Matches(labels map[string]string) bool {
	for _, r := range s {
		v, has := labels[r.Key]
		var ok bool
		switch r.Op {
		case "=":
			ok = has && v == r.Values[0]
		case "!=":
			ok = !has || v != r.Values[0]
		case "in":
			ok = has && contains(r.Values, v)
		case "notin":
			ok = !has || !contains(r.Values, v)
		case "exists":
			ok = has
		case "!exists":
			ok = !has
		}
		if !ok {
			return false
		}
	}
	return true
}

// String renders the selector in a canonical form.
func (s Selector) String() string {
	parts := make([]string, len(s))
	for i, r := range s {
		switch r.Op {
		case "exists":
			parts[i] = r.Key
		case "!exists":
			parts[i] = "!" + r.Key
		case "in", "notin":
			parts[i] = r.Key + " " + r.Op + " (" + strings.Join(r.Values, ",") + ")"
		default:
			parts[i] = r.Key + r.Op + r.Values[0]
		}
	}
	return strings.Join(parts, ",")
}

func contains(ss []string, s string) bool {
	i := sort.SearchStrings(ss, s)
	return i < len(ss) && ss[i] == s
}
