package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// locator finds the line and column of a value by its JSON pointer in a parsed YAML body. It indexes the
// AST once, on first use, so that locating thousands of problems stays linear.
//
// A member of a mapping is located at its key, because that is where a reader looks and because a block
// value starts on the next line; a sequence item at its first token. A pointer the AST cannot follow (through
// an alias or a merge key) is located at its nearest enclosing value. An empty body is at 1:1.
type locator struct {
	body ast.Node
	pos  map[string][2]int
}

// maxIndexDepth bounds the recursion of the index; deeper values are located at their ancestor.
const maxIndexDepth = 200

func newLocator(body ast.Node) *locator { return &locator{body: body} }

// at returns the line and column of the value at ptr.
func (l *locator) at(ptr []string) (line, col int) {
	if l.pos == nil {
		l.pos = map[string][2]int{"": {1, 1}}
		if l.body != nil {
			l.set("", startPos(l.body))
			l.index(l.body, "", 0)
		}
	}
	key := pointer(ptr)
	for {
		if p, ok := l.pos[key]; ok {
			return p[0], p[1]
		}
		i := strings.LastIndexByte(key, '/')
		if i < 0 {
			p := l.pos[""]
			return p[0], p[1]
		}
		key = key[:i]
	}
}

// line is at without the column.
func (l *locator) line(ptr ...string) int {
	line, _ := l.at(ptr)
	return line
}

func (l *locator) set(ptr string, p *token.Position) {
	if p != nil && p.Line > 0 {
		l.pos[ptr] = [2]int{p.Line, p.Column}
	}
}

// index records the position of every value under n, whose pointer is ptr.
func (l *locator) index(n ast.Node, ptr string, depth int) {
	if depth > maxIndexDepth {
		return
	}
	switch m := unwrap(n).(type) {
	case *ast.MappingNode:
		for _, mv := range m.Values {
			l.entry(mv, ptr, depth)
		}
	case *ast.MappingValueNode:
		l.entry(m, ptr, depth)
	case *ast.SequenceNode:
		for i, v := range m.Values {
			p := ptr + "/" + strconv.Itoa(i)
			l.set(p, startPos(v))
			l.index(v, p, depth+1)
		}
	}
}

// entry records one mapping entry at its key and indexes its value.
func (l *locator) entry(mv *ast.MappingValueNode, ptr string, depth int) {
	if mv == nil || mv.Key == nil {
		return
	}
	p := ptr + "/" + escapePointer(keyString(mv.Key))
	if _, seen := l.pos[p]; seen {
		return
	}
	l.set(p, tokenPos(mv.Key.GetToken()))
	l.index(mv.Value, p, depth+1)
}

// pointer joins JSON pointer tokens into a JSON pointer ("" for the root).
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteString("/" + escapePointer(t))
	}
	return b.String()
}

// escapePointer escapes one JSON pointer token (RFC 6901).
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// unwrap looks through anchors and tags to the value they decorate.
func unwrap(n ast.Node) ast.Node {
	for i := 0; i < 64; i++ {
		switch x := n.(type) {
		case *ast.AnchorNode:
			n = x.Value
		case *ast.TagNode:
			n = x.Value
		default:
			return n
		}
	}
	return n
}

// findKey returns the mapping entry whose key reads as name.
func findKey(values []*ast.MappingValueNode, name string) *ast.MappingValueNode {
	for _, mv := range values {
		if mv != nil && mv.Key != nil && keyString(mv.Key) == name {
			return mv
		}
	}
	return nil
}

// keyString renders a mapping key the way the decoder does when it builds map[string]any.
func keyString(k ast.Node) string {
	switch x := unwrap(k).(type) {
	case *ast.MappingKeyNode:
		return keyString(x.Value)
	case ast.ScalarNode:
		switch v := x.GetValue().(type) {
		case nil:
			return "null"
		case string:
			return v
		default:
			return fmt.Sprint(v)
		}
	}
	return ""
}

// startPos is where a node begins in the source.
func startPos(n ast.Node) *token.Position {
	switch x := n.(type) {
	case nil:
		return nil
	case *ast.MappingNode:
		if !x.IsFlowStyle && len(x.Values) > 0 && x.Values[0] != nil && x.Values[0].Key != nil {
			return tokenPos(x.Values[0].Key.GetToken())
		}
	case *ast.MappingValueNode:
		if x.Key != nil {
			return tokenPos(x.Key.GetToken())
		}
	}
	return tokenPos(n.GetToken())
}

// tokenPos is a token's position, or nil for a missing token.
func tokenPos(t *token.Token) *token.Position {
	if t == nil {
		return nil
	}
	return t.Position
}

// pathOf renders JSON pointer tokens into root as a path a reader of YAML recognises: keys joined by dots,
// list indexes in brackets, and keys that are not plain identifiers quoted: owners[1].tier,
// data_classes[0].tags["app.kubernetes.io/team"].
func pathOf(root any, ptr []string) string {
	var b strings.Builder
	v := root
	for _, tok := range ptr {
		switch x := v.(type) {
		case []any:
			b.WriteString("[" + tok + "]")
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(x) {
				v = x[i]
			} else {
				v = nil
			}
			continue
		case map[string]any:
			v = x[tok]
		default:
			v = nil
		}
		if plainKey(tok) {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(tok)
		} else {
			b.WriteString("[" + strconv.Quote(tok) + "]")
		}
	}
	return b.String()
}

// plainKey reports whether a key can be written bare in a path.
func plainKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
