package tfplan

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/extract/awscatalog"
	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/model"
)

// masked replaces a value that is sensitive (Terraform says so) or secret (the catalogue or the name says so).
const masked = model.Redacted

// unknownAfterApply is the expression of an attribute a plan marks as known only after apply.
const unknownAfterApply = "known after apply"

// converter turns one instance's decoded values into node attributes: JSON numbers become int or float64,
// values the plan marks unknown become model.Unknown, sensitive and secret values are masked, and JSON
// documents (IAM policies, container definitions) are parsed.
type converter struct {
	typ      string
	data     bool
	memo     *secretMemo
	unknowns []string // attribute paths that are unknown
	badJSON  []string // attribute paths whose JSON document does not parse
}

// object converts the top-level values of an instance. unknown and sensitive mirror values' shape with true
// at the paths that are unknown or sensitive (after_unknown, after_sensitive, sensitive_values); either may be
// nil, or true for everything.
func (c *converter) object(values map[string]any, unknown, sensitive any) map[string]any {
	out := make(map[string]any, len(values)+4)
	for _, k := range unionKeys(values, unknown) {
		norm := k
		v, ok := values[k]
		if !ok && !isTrue(child(unknown, k)) {
			continue
		}
		secret := c.memo.secretAttr(c.typ, c.data, norm)
		out[k] = c.value(v, k, norm, child(unknown, k), child(sensitive, k), secret)
	}
	return out
}

// value converts the value at path (rendered "a[0].b") whose catalogue path (dotted, no indices) is norm.
func (c *converter) value(v any, path, norm string, unknown, sensitive any, secret bool) any {
	if isTrue(unknown) {
		c.unknowns = append(c.unknowns, path)
		return model.Unknown(unknownAfterApply)
	}
	if v == nil {
		return nil
	}
	if isTrue(sensitive) {
		return masked
	}
	switch x := v.(type) {
	case map[string]any:
		return c.mapValue(x, path, norm, unknown, sensitive, secret)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = c.value(e, path+"["+strconv.Itoa(i)+"]", norm, child(unknown, i), child(sensitive, i), secret)
		}
		return out
	case string:
		if secret {
			return masked
		}
		return c.str(x, path, norm)
	case bool:
		if secret {
			return masked
		}
		return x
	}
	if secret {
		return masked
	}
	return number(v)
}

// mapValue converts an object or map. A key whose name looks secret masks its value, as does the "value" of a
// {"name": ..., "value": ...} pair whose name looks secret (Lambda and ECS environments).
func (c *converter) mapValue(x map[string]any, path, norm string, unknown, sensitive any, secret bool) any {
	pair := false
	if n, ok := x["name"].(string); ok && c.memo.secretName(n) {
		_, pair = x["value"]
	}
	out := make(map[string]any, len(x))
	for _, k := range unionKeys(x, unknown) {
		v, ok := x[k]
		if !ok && !isTrue(child(unknown, k)) {
			continue
		}
		cn := norm + "." + k
		s := secret || (pair && k == "value") || c.memo.secretAttr(c.typ, c.data, cn)
		out[k] = c.value(v, path+keyStep(k), cn, child(unknown, k), child(sensitive, k), s)
	}
	return out
}

// str converts a string: a JSON document attribute is parsed; passwords in URLs are masked.
func (c *converter) str(s, path, norm string) any {
	catalogued := awscatalog.IsJSONAttr(c.typ, c.data, norm)
	trimmed := strings.TrimSpace(s)
	policyLike := strings.Contains(strings.ToLower(lastSegment(norm)), "policy") && strings.HasPrefix(trimmed, "{")
	if !catalogued && !policyLike {
		return redact.Value(s)
	}
	if trimmed == "" {
		return s
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil || dec.More() {
		if catalogued {
			c.badJSON = append(c.badJSON, path)
		}
		return redact.Value(s)
	}
	if _, isObj := doc.(map[string]any); !catalogued && !isObj {
		return redact.Value(s)
	}
	return jsonDoc(doc, false)
}

// jsonDoc converts a parsed JSON document. Keys are kept as written (an IAM condition key such as
// aws:TokenIssueTime is not a secret); only {"name", "value"} pairs with a secret-looking name are masked.
func jsonDoc(g any, secret bool) any {
	switch x := g.(type) {
	case string:
		if secret {
			return masked
		}
		return redact.Value(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonDoc(e, secret)
		}
		return out
	case map[string]any:
		pair := false
		if n, ok := x["name"].(string); ok && awscatalog.SecretName(n) {
			_, pair = x["value"]
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonDoc(e, secret || (pair && k == "value"))
		}
		return out
	case nil, bool:
		if secret && x != nil {
			return masked
		}
		return x
	}
	if secret {
		return masked
	}
	return number(g)
}

// number converts a decoded JSON number to int when it is whole and fits, else float64.
func number(v any) any {
	switch n := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
			return int(i)
		}
		f, err := n.Float64()
		if err != nil {
			return string(n)
		}
		return number(f)
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int(n)
		}
		return n
	case int:
		return n
	}
	return nil
}

// child returns the part of a shape (after_unknown, sensitive_values) under a key or index; true stays true
// for everything below it.
func child(shape any, k any) any {
	switch s := shape.(type) {
	case bool:
		if s {
			return true
		}
	case map[string]any:
		if key, ok := k.(string); ok {
			return s[key]
		}
	case []any:
		if i, ok := k.(int); ok && i < len(s) {
			return s[i]
		}
	}
	return nil
}

func isTrue(v any) bool { b, ok := v.(bool); return ok && b }

// unionKeys returns the keys of values and of the unknown shape (a value unknown as a whole is absent from
// values), sorted.
func unionKeys(values map[string]any, unknown any) []string {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	if u, ok := unknown.(map[string]any); ok {
		for k, v := range u {
			if _, seen := values[k]; !seen && isTrue(v) {
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// keyStep renders one key of an attribute path: .name for identifiers, ["key"] for anything else.
func keyStep(k string) string {
	for i := 0; i < len(k); i++ {
		c := k[i]
		letter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || !(c == '-' || (c >= '0' && c <= '9'))) {
			return "[" + strconv.Quote(k) + "]"
		}
	}
	if k == "" {
		return `[""]`
	}
	return "." + k
}

func lastSegment(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// secretMemo caches the catalogue's secret checks (regular expressions) for one file: the same attribute
// paths and key names repeat across thousands of instances.
type secretMemo struct {
	attrs map[secretKey]bool
	names map[string]bool
}

type secretKey struct {
	typ, path string
	data      bool
}

func newSecretMemo() *secretMemo {
	return &secretMemo{attrs: map[secretKey]bool{}, names: map[string]bool{}}
}

// secretAttr reports awscatalog.IsSecretAttr, which also covers a last path segment whose name looks secret.
func (m *secretMemo) secretAttr(typ string, data bool, path string) bool {
	k := secretKey{typ, path, data}
	v, ok := m.attrs[k]
	if !ok {
		v = awscatalog.IsSecretAttr(typ, data, path)
		m.attrs[k] = v
	}
	return v
}

// secretName reports awscatalog.SecretName.
func (m *secretMemo) secretName(name string) bool {
	v, ok := m.names[name]
	if !ok {
		v = awscatalog.SecretName(name)
		m.names[name] = v
	}
	return v
}
