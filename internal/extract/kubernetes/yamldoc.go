package kubernetes

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// document is one YAML document of a file: its parsed tree (with line numbers already shifted to file lines),
// or the syntax error that stopped it.
type document struct {
	root      *yaml.Node // the document's content node; nil for an empty document
	text      []byte     // the document's text, for the cheap "does it claim to be Kubernetes" test
	startLine int        // first line of the document in the file
	endLine   int        // last line of the document in the file
	err       string
	errLine   int
}

// splitDocuments cuts a stream at "---" and "..." marker lines in column 0, so that one broken document does
// not hide the others (a marker inside a block scalar is always indented, so it cannot be mistaken for one),
// and parses each with go.yaml.in/yaml/v3.
func splitDocuments(data []byte) []document {
	var docs []document
	start, startLine, line := 0, 1, 0
	// flush ends the current document before byte end (its last line is lastLine) and starts the next one at
	// byte next, file line nextLine.
	flush := func(end, lastLine, next, nextLine int) {
		if end > start {
			docs = append(docs, parseDocument(data[start:end], startLine, lastLine))
		}
		start, startLine = next, nextLine
	}
	for off := 0; off < len(data); {
		line++
		end := len(data)
		if nl := bytes.IndexByte(data[off:], '\n'); nl >= 0 {
			end = off + nl + 1
		}
		t := bytes.TrimRight(data[off:end], "\r\n")
		switch {
		case isDocStart(t):
			// The marker line belongs to the new document: "--- {a: 1}" puts content on it.
			flush(off, line-1, off, line)
		case bytes.Equal(bytes.TrimRight(t, " \t"), []byte("...")):
			flush(off, line-1, end, line+1)
		}
		off = end
	}
	flush(len(data), line, len(data), line+1)
	return docs
}

func isDocStart(t []byte) bool {
	return bytes.HasPrefix(t, []byte("---")) && (len(t) == 3 || t[3] == ' ' || t[3] == '\t')
}

// yamlErrLine finds the line number in a go.yaml.in/yaml/v3 error message ("yaml: line 3: ...").
var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseDocument parses one document's text; firstLine is the file line it starts on, lastLine the file line
// it ends on.
func parseDocument(text []byte, firstLine, lastLine int) (d document) {
	d = document{text: text, startLine: firstLine, endLine: lastLine}
	defer func() {
		if r := recover(); r != nil { // a parser bug must not stop the scan
			d.root, d.err, d.errLine = nil, fmt.Sprintf("YAML parser failed (a bug, please report it): %v", r), firstLine
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal(text, &n); err != nil {
		d.err, d.errLine = err.Error(), firstLine
		if m := yamlErrLine.FindStringSubmatch(d.err); m != nil {
			if l, convErr := strconv.Atoi(m[1]); convErr == nil {
				// Parser errors ("did not find expected …") count lines from 0, scanner errors from 1.
				if strings.Contains(d.err, "did not find expected") {
					l++
				}
				d.errLine = firstLine + l - 1
			}
			d.err = d.err[len(m[0]):]
		} else {
			d.err = strings.TrimPrefix(d.err, "yaml: ")
		}
		return d
	}
	if n.Kind != yaml.DocumentNode || len(n.Content) == 0 {
		return d
	}
	shiftLines(n.Content[0], firstLine-1, 0)
	d.root = n.Content[0]
	return d
}

// shiftLines adds delta to the line of every node of the tree. Aliases are not followed: each node is reached
// exactly once through Content.
func shiftLines(n *yaml.Node, delta, depth int) {
	if n == nil || depth > maxDepth {
		return
	}
	n.Line += delta
	for _, c := range n.Content {
		shiftLines(c, delta, depth+1)
	}
}

// maxDepth bounds nesting everywhere the extractor recurses into YAML; real manifests are far shallower.
const maxDepth = 100

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// child returns a mapping's value for key (merge keys are not consulted), or nil.
func child(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return resolve(n.Content[i+1])
		}
	}
	return nil
}

// keyNode returns the key node of a mapping entry, whose line is the line of "key:".
func keyNode(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return k
		}
	}
	return nil
}

// item returns element i of a sequence, or nil.
func item(n *yaml.Node, i int) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
		return nil
	}
	return resolve(n.Content[i])
}

// scalar returns the text of a scalar node, or "".
func scalar(n *yaml.Node) string {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// lineAt returns the line of the key at the end of path (strings are mapping keys, ints sequence indexes;
// a path ending in an index gives the element's line), or 0 when the path is not in the tree.
func lineAt(n *yaml.Node, path ...any) int {
	line := 0
	for _, p := range path {
		switch p := p.(type) {
		case string:
			k := keyNode(n, p)
			if k == nil {
				return 0
			}
			line, n = k.Line, child(n, p)
		case int:
			n = item(n, p)
			if n == nil {
				return 0
			}
			line = n.Line
		}
	}
	return line
}

// nodeAt walks path like lineAt and returns the node it ends on.
func nodeAt(n *yaml.Node, path ...any) *yaml.Node {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			n = child(n, p)
		case int:
			n = item(n, p)
		}
		if n == nil {
			return nil
		}
	}
	return n
}
