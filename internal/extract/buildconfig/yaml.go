package buildconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"go.yaml.in/yaml/v3"
)

// node is a YAML value with the line it starts on, aliases and merge keys (<<) resolved: the small tree the
// YAML formats here are read from.
type node struct {
	line   int
	kind   nodeKind
	str    string   // scalar text
	block  bool     // a literal or folded block scalar: its text starts on the line after line
	keys   []string // mapping keys, in document order
	klines []int    // the line of each key
	vals   []*node
	items  []*node // sequence
}

type nodeKind int

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
)

// Limits that keep a hostile file from costing more than a real one: nesting depth, and the number of values
// a document may expand to through aliases.
const (
	maxDepth  = 64
	maxValues = 200_000
)

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

// keyLine returns the line of a mapping's key, or the mapping's own line when the key is absent.
func (n *node) keyLine(key string) int {
	if n == nil {
		return 0
	}
	for i, k := range n.keys {
		if k == key {
			return n.klines[i]
		}
	}
	return n.line
}

// scalar returns a scalar's text.
func (n *node) scalar() (string, bool) {
	if n == nil || n.kind != scalarNode {
		return "", false
	}
	return n.str, true
}

// path follows keys through nested mappings.
func (n *node) path(keys ...string) *node {
	for _, k := range keys {
		n = n.get(k)
	}
	return n
}

// yamlDoc is one document of a YAML stream, or the error that stopped the stream.
type yamlDoc struct {
	root      *node
	errLine   int
	errColumn int
	err       string
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseYAML decodes every document of a YAML stream. A syntax error ends the stream: it is returned as the
// last document, with its line.
func parseYAML(data []byte) (docs []yamlDoc) {
	defer func() {
		if r := recover(); r != nil { // a parser bug must not stop the scan
			docs = append(docs, yamlDoc{errLine: 1, err: fmt.Sprintf("YAML parser failed (a bug, please report it): %v", r)})
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			return append(docs, syntaxError(data, err))
		}
		c := &converter{}
		root := c.convert(&doc, 0)
		if c.over {
			return append(docs, yamlDoc{errLine: doc.Line,
				err: fmt.Sprintf("the document expands to more than %d values (aliases?); not read", maxValues)})
		}
		docs = append(docs, yamlDoc{root: root})
	}
}

// syntaxError describes the error that stopped a YAML stream. yaml.v3's message can point a line too early
// (it gives the line where the construct started, counted from 0), so the position comes from goccy/go-yaml's
// parser when it finds the same file invalid; yaml.v3's line is the fallback.
func syntaxError(data []byte, err error) yamlDoc {
	d := yamlDoc{errLine: 1, err: err.Error()}
	if m := yamlLine.FindStringSubmatch(d.err); m != nil {
		d.errLine, _ = strconv.Atoi(m[1])
		d.err = d.err[len(m[0]):]
	}
	func() {
		defer func() { _ = recover() }() // a second parser's bug must not hide the first one's answer
		_, gerr := goccyparser.ParseBytes(data, 0)
		var se *goccy.SyntaxError
		if errors.As(gerr, &se) && se.Token != nil && se.Token.Position != nil && se.Token.Position.Line > 0 {
			d.errLine, d.errColumn, d.err = se.Token.Position.Line, se.Token.Position.Column, se.Message
		}
	}()
	return d
}

// converter turns yaml.v3 nodes into the tree, counting values against maxValues.
type converter struct {
	count int
	over  bool
}

func (c *converter) convert(n *yaml.Node, depth int) *node {
	if n == nil || depth > maxDepth || c.over {
		return nil
	}
	if c.count++; c.count > maxValues {
		c.over = true
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.convert(n.Content[0], depth+1)
	case yaml.AliasNode:
		return c.convert(n.Alias, depth+1)
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return &node{line: n.Line, kind: nullNode}
		}
		return &node{line: n.Line, kind: scalarNode, str: n.Value,
			block: n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0}
	case yaml.SequenceNode:
		out := &node{line: n.Line, kind: seqNode}
		for _, v := range n.Content {
			if item := c.convert(v, depth+1); item != nil {
				out.items = append(out.items, item)
			}
		}
		return out
	case yaml.MappingNode:
		return c.mapping(n, depth)
	}
	return nil
}

// mapping converts a mapping; merge keys fill in keys the mapping does not set itself.
func (c *converter) mapping(n *yaml.Node, depth int) *node {
	out := &node{line: n.Line, kind: mapNode}
	var merges []*node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, c.convert(v, depth+1))
			continue
		}
		key := c.convert(k, depth+1)
		name, ok := key.scalar()
		if !ok {
			continue // complex keys do not occur in build configurations
		}
		val := c.convert(v, depth+1)
		if val == nil {
			val = &node{line: k.Line, kind: nullNode}
		}
		out.keys, out.vals = append(out.keys, name), append(out.vals, val)
		out.klines = append(out.klines, k.Line)
	}
	for _, m := range merges {
		srcs := []*node{m}
		if m != nil && m.kind == seqNode {
			srcs = m.items
		}
		for _, src := range srcs {
			if src == nil || src.kind != mapNode {
				continue
			}
			for i, k := range src.keys {
				if out.get(k) == nil {
					out.keys, out.vals = append(out.keys, k), append(out.vals, src.vals[i])
					out.klines = append(out.klines, src.klines[i])
				}
			}
		}
	}
	return out
}
