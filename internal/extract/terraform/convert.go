package terraform

import (
	"encoding/json"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/seam-sec/seam/internal/extract/awscatalog"
	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/model"
)

// redacted replaces a secret value in node attributes.
const redacted = model.Redacted

// defaultReason explains an unknown value no mark explains.
const defaultReason = "the value cannot be determined from the configuration alone"

// unknownLeaf is an unknown value met while converting an attribute; it becomes an assumption.
type unknownLeaf struct {
	path    string
	reasons []string
	line    int
}

// converter turns evaluated attribute values of one resource into JSON-compatible node attributes: unknown
// parts become model.Unknown and are recorded, JSON documents the catalogue names are parsed, secrets are
// redacted.
type converter struct {
	typ      string
	data     bool
	unknowns []unknownLeaf
	badJSON  []unknownLeaf // attributes whose JSON document does not parse (reasons unused)
}

// attr converts the value of the attribute at path ("ingress[0].cidr_blocks"), written as src on line.
func (c *converter) attr(v cty.Value, path, src string, line int) any {
	uv, pvms := v, []cty.PathValueMarks(nil)
	if v.ContainsMarked() {
		uv, pvms = v.UnmarkDeepWithPaths()
	}
	var byPath map[string]cty.ValueMarks
	if len(pvms) > 0 {
		byPath = make(map[string]cty.ValueMarks, len(pvms))
		for _, p := range pvms {
			byPath[pathKey(p.Path)] = p.Marks
		}
	}
	np := awscatalog.NormalizePath(path)
	w := &walker{c: c, byPath: byPath, base: path, src: src, line: line,
		json: awscatalog.IsJSONAttr(c.typ, c.data, np), secret: awscatalog.IsSecretAttr(c.typ, c.data, np)}
	return w.value(uv, "", nil, false)
}

// walker converts one attribute value.
type walker struct {
	c            *converter
	byPath       map[string]cty.ValueMarks
	base, src    string
	line         int
	json, secret bool
}

func (w *walker) value(v cty.Value, sub string, inherited cty.ValueMarks, secretKey bool) any {
	marks := inherited
	if m, ok := w.byPath[sub]; ok {
		marks = union(inherited, m)
		w.unknownKeys(sub, m)
	}
	switch {
	case !v.IsKnown():
		return w.unknown(sub, marks, reasonsOf(marks))
	case v.IsNull():
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return w.str(v.AsString(), sub, marks, secretKey)
	case ty == cty.Number:
		if secretKey || w.secret {
			return redacted
		}
		return number(v.AsBigFloat())
	case ty == cty.Bool:
		return v.True()
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := make([]any, 0, v.LengthInt())
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			out = append(out, w.value(ev, sub+"["+strconv.Itoa(i)+"]", marks, secretKey))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			kv, ev := it.Element()
			k := kv.AsString()
			step := "." + k
			if ty.IsMapType() {
				step = "[" + strconv.Quote(k) + "]"
			}
			out[plainKey(k)] = w.value(ev, sub+step, marks, secretKey || awscatalog.SecretName(k))
		}
		return out
	}
	return w.unknown(sub, marks, []string{"value of type " + ty.FriendlyName() + " cannot be stored"})
}

func (w *walker) str(s, sub string, marks cty.ValueMarks, secretKey bool) any {
	if _, sensitive := marks[sensitiveMark{}]; sensitive || w.secret || secretKey {
		return redacted
	}
	if w.json && indexOnly(sub) {
		return w.jsonDoc(s, sub)
	}
	if hasPlaceholder(s) {
		text, reasons := splitPlaceholders(s)
		return w.unknownAs(sub, text, reasons)
	}
	if _, partial := marks[partialMark{}]; partial {
		return w.unknown(sub, marks, reasonsOf(marks))
	}
	return redact.Value(s)
}

// indexOnly reports whether sub is empty or only list indices: the attribute itself or an element of it.
func indexOnly(sub string) bool { return strings.Trim(sub, "[]0123456789") == "" }

// jsonDoc parses a JSON document attribute. One that does not parse is kept as a string and reported.
func (w *walker) jsonDoc(s, sub string) any {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var g any
	if err := dec.Decode(&g); err != nil || dec.More() {
		if hasPlaceholder(s) {
			text, reasons := splitPlaceholders(s)
			return w.unknownAs(sub, text, reasons)
		}
		w.c.badJSON = append(w.c.badJSON, unknownLeaf{path: w.base + sub, line: w.line})
		return redact.Value(s)
	}
	return w.jsonValue(g, sub, false)
}

// jsonValue converts a decoded JSON value: placeholders become unknowns; the value of a {"name": ..., "value":
// ...} pair whose name looks secret (an ECS container's environment) is redacted.
func (w *walker) jsonValue(g any, sub string, secret bool) any {
	switch x := g.(type) {
	case string:
		if secret {
			return redacted
		}
		if hasPlaceholder(x) {
			text, reasons := splitPlaceholders(x)
			return w.unknownAs(sub, text, reasons)
		}
		return redact.Value(x)
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = w.jsonValue(e, sub+"["+strconv.Itoa(i)+"]", secret)
		}
		return out
	case map[string]any:
		pair := false
		if n, ok := x["name"].(string); ok && awscatalog.SecretName(n) {
			_, pair = x["value"]
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[plainKey(k)] = w.jsonValue(e, sub+"."+k, secret || (pair && k == "value"))
		}
		return out
	}
	return g
}

func (w *walker) unknown(sub string, marks cty.ValueMarks, reasons []string) any {
	text := exprText(w.src)
	if sub != "" {
		if text = exprOf(marks); text == "" {
			text = exprText(w.src) + sub
		}
	}
	return w.unknownAs(sub, text, reasons)
}

func (w *walker) unknownAs(sub, text string, reasons []string) any {
	if len(reasons) == 0 {
		reasons = []string{defaultReason}
	}
	w.c.unknowns = append(w.c.unknowns, unknownLeaf{path: w.base + sub, reasons: reasons, line: w.line})
	return model.Unknown(text)
}

// plainKey renders a map key that embeds placeholders as a template, so no placeholder reaches the graph.
func plainKey(k string) string {
	if !hasPlaceholder(k) {
		return k
	}
	text, _ := splitPlaceholders(k)
	return text
}

// number converts a cty number to int when it is a whole number that fits, else float64.
func number(bf *big.Float) any {
	if bf.IsInt() {
		if i, acc := bf.Int64(); acc == big.Exact {
			return int(i)
		}
	}
	f, _ := bf.Float64()
	return f
}

// pathKey renders a cty path the way the walkers build sub-paths: .name, ["key"], [0].
func pathKey(p cty.Path) string {
	var b strings.Builder
	for _, step := range p {
		switch s := step.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + s.Name)
		case cty.IndexStep:
			switch {
			case s.Key.Type() == cty.String && s.Key.IsKnown():
				b.WriteString("[" + strconv.Quote(s.Key.AsString()) + "]")
			case s.Key.Type() == cty.Number && s.Key.IsKnown():
				b.WriteString("[" + s.Key.AsBigFloat().Text('f', -1) + "]")
			default:
				b.WriteString("[?]")
			}
		}
	}
	return b.String()
}

// union returns the union of two mark sets (either may be nil).
func union(a, b cty.ValueMarks) cty.ValueMarks {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make(cty.ValueMarks, len(a)+len(b))
	for m := range a {
		out[m] = struct{}{}
	}
	for m := range b {
		out[m] = struct{}{}
	}
	return out
}

// placeholderGo converts v into a JSON-compatible Go value for encoding into a document: unknown parts become
// placeholders. It returns every mark met and whether any placeholder was written.
func placeholderGo(v cty.Value) (any, cty.ValueMarks, bool) {
	uv, pvms := v.UnmarkDeepWithPaths()
	p := &phWalker{byPath: map[string]cty.ValueMarks{}, all: cty.ValueMarks{}}
	for _, pv := range pvms {
		p.byPath[pathKey(pv.Path)] = pv.Marks
		for m := range pv.Marks {
			p.all[m] = struct{}{}
		}
	}
	return p.value(uv, "", nil), p.all, p.partial
}

type phWalker struct {
	byPath  map[string]cty.ValueMarks
	all     cty.ValueMarks
	partial bool
}

func (p *phWalker) value(v cty.Value, sub string, inherited cty.ValueMarks) any {
	marks := union(inherited, p.byPath[sub])
	switch {
	case !v.IsKnown():
		p.partial = true
		reasons := reasonsOf(marks)
		if len(reasons) == 0 {
			reasons = []string{defaultReason}
		}
		return placeholder(exprOf(marks), reasons)
	case v.IsNull():
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		s := v.AsString()
		if _, ok := marks[partialMark{}]; ok || hasPlaceholder(s) {
			p.partial = true
		}
		return s
	case ty == cty.Number:
		return number(v.AsBigFloat())
	case ty == cty.Bool:
		return v.True()
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := make([]any, 0, v.LengthInt())
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			out = append(out, p.value(ev, sub+"["+strconv.Itoa(i)+"]", marks))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			kv, ev := it.Element()
			k := kv.AsString()
			step := "." + k
			if ty.IsMapType() {
				step = "[" + strconv.Quote(k) + "]"
			}
			out[k] = p.value(ev, sub+step, marks)
		}
		return out
	}
	p.partial = true
	return placeholder("", []string{"value of type " + ty.FriendlyName() + " cannot be encoded"})
}

// unknownKeys records, as unknown leaves, the object keys among a value's own marks that are known only after
// apply (see unknownKeyMark), sorted so assumptions come out in a stable order.
func (w *walker) unknownKeys(sub string, own cty.ValueMarks) {
	var keys []unknownKeyMark
	for m := range own {
		if k, ok := m.(unknownKeyMark); ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].key < keys[j].key })
	for _, k := range keys {
		reason := "the key " + strconv.Quote(k.key) + " is known only after apply"
		if k.reason != "" {
			reason += ": " + k.reason
		}
		w.c.unknowns = append(w.c.unknowns, unknownLeaf{path: w.base + sub, reasons: []string{reason}, line: w.line})
	}
}
