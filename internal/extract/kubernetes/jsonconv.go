package kubernetes

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The typed decode goes YAML tree → JSON → encoding/json into the k8s.io/api struct, the same route
// sigs.k8s.io/yaml and kubectl take, so a field of the wrong type fails here exactly where the API server
// would refuse it. Writing the JSON ourselves from the position-keeping tree parses each document once and
// lets a decode error be traced back to its YAML line through the offset marks.

// maxJSONValues bounds the values one file may expand to, over all its documents and List items (alias
// bombs: "billion laughs"). Real manifests stay far below: a value per scalar, mapping or list.
const maxJSONValues = 1_000_000

// errTooLarge is returned for a document that expands past maxJSONValues or nests past maxDepth.
var errTooLarge = errors.New("document too large or too deeply nested after alias expansion")

// mark ties a byte offset of the JSON to the YAML line its value came from.
type mark struct{ off, line int }

// jsonWriter renders a YAML tree as JSON.
type jsonWriter struct {
	buf     []byte
	marks   []mark
	budget  *int // values the file may still expand to
	maxLine int
	err     error
}

// toJSON renders n as JSON, with offset marks for lineForOffset, drawing on the file's value budget.
func toJSON(n *yaml.Node, budget *int) ([]byte, []mark, int, error) {
	w := &jsonWriter{buf: make([]byte, 0, 2048), budget: budget}
	w.value(n, 0)
	return w.buf, w.marks, w.maxLine, w.err
}

// lineForOffset returns the line of the last value that starts before off.
func lineForOffset(marks []mark, off int) int {
	i := sort.Search(len(marks), func(i int) bool { return marks[i].off >= off })
	if i == 0 {
		return 0
	}
	return marks[i-1].line
}

func (w *jsonWriter) value(n *yaml.Node, depth int) {
	if w.err != nil {
		return
	}
	*w.budget--
	if depth > maxDepth || *w.budget < 0 {
		w.err = errTooLarge
		return
	}
	if n.Kind == yaml.AliasNode {
		if t := resolve(n); t != nil {
			w.value(t, depth+1)
		} else {
			w.buf = append(w.buf, "null"...)
		}
		return
	}
	w.marks = append(w.marks, mark{len(w.buf), n.Line})
	w.maxLine = max(w.maxLine, n.Line)
	switch n.Kind {
	case yaml.MappingNode:
		w.mapping(n, depth)
	case yaml.SequenceNode:
		w.buf = append(w.buf, '[')
		for i, c := range n.Content {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.value(c, depth+1)
		}
		w.buf = append(w.buf, ']')
	case yaml.ScalarNode:
		w.scalar(n)
	default:
		w.buf = append(w.buf, "null"...)
	}
}

// mapping writes a mapping. Merge keys (<<) contribute the keys the mapping does not set itself, as YAML's
// merge key type says; they are written first so that a later explicit key wins in encoding/json.
func (w *jsonWriter) mapping(n *yaml.Node, depth int) {
	w.buf = append(w.buf, '{')
	first := true
	sep := func() {
		if !first {
			w.buf = append(w.buf, ',')
		}
		first = false
	}
	var explicit map[string]bool
	for i := 0; i+1 < len(n.Content); i += 2 {
		if isMergeKey(n.Content[i]) {
			if explicit == nil {
				explicit = mappingKeys(n)
			}
			for _, src := range mergeSources(n.Content[i+1]) {
				for j := 0; j+1 < len(src.Content); j += 2 {
					k, ok := keyString(src.Content[j])
					if !ok || explicit[k] || isMergeKey(src.Content[j]) {
						continue
					}
					explicit[k] = true
					sep()
					w.pair(k, src.Content[j+1], depth)
				}
			}
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if isMergeKey(n.Content[i]) {
			continue
		}
		k, ok := keyString(n.Content[i])
		if !ok {
			w.err = errors.New("a mapping key is not a scalar (line " + strconv.Itoa(n.Content[i].Line) + ")")
			return
		}
		sep()
		w.pair(k, n.Content[i+1], depth)
	}
	w.buf = append(w.buf, '}')
}

func (w *jsonWriter) pair(k string, v *yaml.Node, depth int) {
	w.buf = appendJSONString(w.buf, k)
	w.buf = append(w.buf, ':')
	w.value(v, depth+1)
}

func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge"
}

func mappingKeys(n *yaml.Node) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, ok := keyString(n.Content[i]); ok && !isMergeKey(n.Content[i]) {
			out[k] = true
		}
	}
	return out
}

// mergeSources returns the mappings a merge key's value names: one mapping or a sequence of them.
func mergeSources(v *yaml.Node) []*yaml.Node {
	v = resolve(v)
	if v == nil {
		return nil
	}
	switch v.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range v.Content {
			if c = resolve(c); c != nil && c.Kind == yaml.MappingNode {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

// keyString returns a mapping key as JSON object keys need it: scalars by their text (so 80: becomes "80", as
// sigs.k8s.io/yaml does), other keys are refused.
func keyString(k *yaml.Node) (string, bool) {
	k = resolve(k)
	if k == nil || k.Kind != yaml.ScalarNode {
		return "", false
	}
	return k.Value, true
}

// scalar writes a scalar by its resolved YAML 1.2 tag. Values JSON cannot hold (.inf, .nan, huge integers)
// are written as strings.
func (w *jsonWriter) scalar(n *yaml.Node) {
	switch n.ShortTag() {
	case "!!null":
		w.buf = append(w.buf, "null"...)
		return
	case "!!bool":
		if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
			w.buf = strconv.AppendBool(w.buf, b)
			return
		}
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			w.buf = strconv.AppendInt(w.buf, i, 10)
			return
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) {
			w.buf = strconv.AppendFloat(w.buf, f, 'g', -1, 64)
			return
		}
	case "!!float":
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil &&
			!math.IsInf(f, 0) && !math.IsNaN(f) {
			w.buf = strconv.AppendFloat(w.buf, f, 'g', -1, 64)
			return
		}
	}
	w.buf = appendJSONString(w.buf, n.Value)
}

// appendJSONString appends s as a JSON string literal; invalid UTF-8 becomes U+FFFD.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf = append(buf, '\\', c)
			case c < 0x20:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, `\ufffd`...)
		} else {
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}
