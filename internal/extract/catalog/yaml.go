package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// node is a YAML value with the line it starts on: a small, alias-resolved tree that is easier to read than
// goccy's AST and keeps what the catalog needs (values and lines).
type node struct {
	line  int
	kind  nodeKind
	str   string   // scalar
	keys  []string // mapping, in document order
	vals  []*node
	items []*node // sequence
}

type nodeKind int

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
)

// maxDepth bounds nesting; catalog entities are shallow, and deeper input is ignored rather than recursed into.
const maxDepth = 64

// get returns a mapping's value for key, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// scalar returns a scalar's text.
func (n *node) scalar() (string, bool) {
	if n == nil || n.kind != scalarNode {
		return "", false
	}
	return n.str, true
}

// document is one YAML document of a file: its tree, or the syntax error that stopped it.
type document struct {
	root      *node
	startLine int // first line of the document (its --- marker, if any)
	endLine   int
	errLine   int
	errColumn int
	err       string
}

// splitDocuments cuts a stream at "---" and "..." marker lines, so that one broken document does not hide the
// others, and parses each with goccy/go-yaml, keeping file line numbers.
func splitDocuments(data []byte) []document {
	lines := bytes.SplitAfter(data, []byte("\n"))
	var docs []document
	start := 0
	flush := func(end int) {
		if end > start {
			docs = append(docs, parseDocument(bytes.Join(lines[start:end], nil), start, end))
		}
		start = end
	}
	for i, l := range lines {
		t := bytes.TrimRight(l, "\r\n")
		switch {
		case bytes.Equal(t, []byte("---")) || bytes.HasPrefix(t, []byte("--- ")) || bytes.HasPrefix(t, []byte("---\t")):
			flush(i)
		case bytes.Equal(bytes.TrimRight(t, " \t"), []byte("...")):
			flush(i)
			start = i + 1
		}
	}
	flush(len(lines))
	return docs
}

// parseDocument parses one document's text; offset is the number of lines before it in the file.
func parseDocument(text []byte, offset, end int) (d document) {
	d = document{startLine: offset + 1, endLine: end}
	defer func() {
		if r := recover(); r != nil { // a parser bug must not stop the scan
			d.root, d.err, d.errLine = nil, fmt.Sprintf("YAML parser failed (a bug, please report it): %v", r), offset+1
		}
	}()
	f, err := parser.ParseBytes(text, 0)
	if err != nil {
		d.err, d.errLine, d.errColumn = syntaxError(err, offset)
		return d
	}
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		d.root = convert(doc.Body, map[string]*node{}, offset, 0)
		if d.root != nil {
			break
		}
	}
	return d
}

// syntaxError extracts goccy's message, line (shifted by offset) and column from a parse error.
func syntaxError(err error, offset int) (string, int, int) {
	var se *yaml.SyntaxError
	if errors.As(err, &se) {
		line, col := offset+1, 0
		if se.Token != nil && se.Token.Position != nil {
			line, col = offset+se.Token.Position.Line, se.Token.Position.Column
		}
		return se.Message, line, col
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg, offset + 1, 0
}

// convert builds the node tree; anchors are recorded as they are met, so an alias resolves to an earlier anchor
// and can never form a cycle.
func convert(n ast.Node, anchors map[string]*node, offset, depth int) *node {
	if n == nil || depth > maxDepth {
		return nil
	}
	line := offset
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		line += tk.Position.Line
	}
	switch x := n.(type) {
	case *ast.DocumentNode:
		return convert(x.Body, anchors, offset, depth+1)
	case *ast.AnchorNode:
		v := convert(x.Value, anchors, offset, depth+1)
		if x.Name != nil {
			anchors[x.Name.GetToken().Value] = v
		}
		return v
	case *ast.AliasNode:
		if x.Value == nil {
			return nil
		}
		return anchors[x.Value.GetToken().Value]
	case *ast.TagNode:
		return convert(x.Value, anchors, offset, depth+1)
	case *ast.MappingNode:
		return convertMapping(x.Values, line, anchors, offset, depth)
	case *ast.MappingValueNode:
		return convertMapping([]*ast.MappingValueNode{x}, line, anchors, offset, depth)
	case *ast.SequenceNode:
		out := &node{line: line, kind: seqNode}
		for _, v := range x.Values {
			out.items = append(out.items, convert(v, anchors, offset, depth+1))
		}
		return out
	case *ast.NullNode:
		return &node{line: line, kind: nullNode}
	case ast.ScalarNode:
		return &node{line: line, kind: scalarNode, str: fmt.Sprint(x.GetValue())}
	}
	return nil
}

// convertMapping builds a mapping; merge keys (<<) fill in keys the mapping does not set itself.
func convertMapping(pairs []*ast.MappingValueNode, line int, anchors map[string]*node, offset, depth int) *node {
	out := &node{line: line, kind: mapNode}
	var merges []*node
	for _, p := range pairs {
		if p == nil || p.Key == nil {
			continue
		}
		v := convert(p.Value, anchors, offset, depth+1)
		if p.Key.IsMergeKey() {
			merges = append(merges, v)
			continue
		}
		k := convert(p.Key, anchors, offset, depth+1)
		key, ok := k.scalar()
		if !ok {
			continue // complex keys do not occur in catalog files
		}
		if v == nil {
			v = &node{line: k.line, kind: nullNode}
		}
		out.keys, out.vals = append(out.keys, key), append(out.vals, v)
	}
	for _, m := range merges {
		var srcs []*node
		switch {
		case m == nil:
		case m.kind == mapNode:
			srcs = []*node{m}
		case m.kind == seqNode:
			srcs = m.items
		}
		for _, src := range srcs {
			if src == nil || src.kind != mapNode {
				continue
			}
			for i, k := range src.keys {
				if out.get(k) == nil {
					out.keys, out.vals = append(out.keys, k), append(out.vals, src.vals[i])
				}
			}
		}
	}
	return out
}
