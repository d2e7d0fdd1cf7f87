package exposure

import (
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// The extractors store attributes as JSON-compatible values; a plan file may give numbers as float64 and the
// HCL extractor as int. These helpers read them without caring which.

// str returns v as a string when it is a known string.
func str(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// strAttr returns a known string attribute, "" otherwise.
func strAttr(attrs map[string]any, key string) string {
	s, _ := attrs[key].(string)
	return s
}

// toInt returns v as an int: an int, a whole float64 or a decimal string.
func toInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		if x == float64(int(x)) {
			return int(x), true
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n, true
		}
	}
	return 0, false
}

// boolOf reads a boolean attribute: value, whether it was set, and the expression when it is unknown.
func boolOf(v any) (val, set bool, unknown string) {
	switch x := v.(type) {
	case bool:
		return x, true, ""
	case string:
		switch strings.ToLower(x) {
		case "true":
			return true, true, ""
		case "false":
			return false, true, ""
		}
	case nil:
		return false, false, ""
	}
	if expr, ok := model.IsUnknown(v); ok {
		return false, true, expr
	}
	return false, false, ""
}

// list returns v as a list; a single value becomes a one-element list and nil an empty one. An unknown value
// is a one-element list holding it, so callers see it.
func list(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	}
	return []any{v}
}

// blocks returns the nested blocks of an attribute (a list of objects).
func blocks(attrs map[string]any, key string) []map[string]any {
	var out []map[string]any
	for _, v := range list(attrs[key]) {
		if m, ok := v.(map[string]any); ok {
			if _, unknown := model.IsUnknown(m); !unknown {
				out = append(out, m)
			}
		}
	}
	return out
}

// stringMap returns a map attribute's known string values.
func stringMap(v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, x := range m {
		if s, ok := x.(string); ok {
			out[k] = s
		}
	}
	return out
}

// stringsOf returns the known strings of a list attribute.
func stringsOf(v any) []string {
	var out []string
	for _, x := range list(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// sortedUnique sorts a string slice and drops duplicates.
func sortedUnique(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	sort.Strings(ss)
	out := ss[:1]
	for _, s := range ss[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}

// sortedInts sorts an int slice and drops duplicates.
func sortedInts(ns []int) []int {
	if len(ns) == 0 {
		return nil
	}
	sort.Ints(ns)
	out := ns[:1]
	for _, n := range ns[1:] {
		if n != out[len(out)-1] {
			out = append(out, n)
		}
	}
	return out
}

// anyStrings renders strings as an attribute list.
func anyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// anyInts renders ints as an attribute list.
func anyInts(ns []int) []any {
	out := make([]any, len(ns))
	for i, n := range ns {
		out[i] = n
	}
	return out
}

// describe renders a value for a reason sentence: a string as itself, an unknown as its expression.
func describe(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if expr, ok := model.IsUnknown(v); ok {
		return expr
	}
	if n, ok := toInt(v); ok {
		return strconv.Itoa(n)
	}
	return "?"
}
