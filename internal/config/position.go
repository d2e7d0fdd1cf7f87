package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// locate finds the line and column of the value at ptr (JSON pointer tokens) in a parsed YAML body. A member of
// a mapping is located at its key, because that is where a reader looks and because a block value starts on
// the next line; a sequence item at its first token. When ptr leads somewhere the AST cannot follow (through an
// alias or a merge key), the nearest enclosing position is returned. An empty body is at 1:1.
func locate(body ast.Node, ptr []string) (line, col int) {
	line, col = 1, 1
	set := func(p *token.Position) {
		if p != nil && p.Line > 0 {
			line, col = p.Line, p.Column
		}
	}
	n := body
	if n != nil {
		set(startPos(n))
	}
	for _, tok := range ptr {
		n = unwrap(n)
		switch m := n.(type) {
		case *ast.MappingNode:
			mv := findKey(m.Values, tok)
			if mv == nil {
				return line, col
			}
			set(tokenPos(mv.Key.GetToken()))
			n = mv.Value
		case *ast.MappingValueNode:
			if mv := findKey([]*ast.MappingValueNode{m}, tok); mv != nil {
				set(tokenPos(mv.Key.GetToken()))
				n = mv.Value
				continue
			}
			return line, col
		case *ast.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(m.Values) {
				return line, col
			}
			n = m.Values[i]
			set(startPos(n))
		default:
			return line, col
		}
	}
	return line, col
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
