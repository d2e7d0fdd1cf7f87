package vulnfact

import (
	"bytes"
	"sort"
)

// Kind is the JSON type of a Value.
type Kind uint8

// The JSON types.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String names the JSON type as a message to a user says it ("a string").
func (k Kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// Value is one JSON value and the byte offset it starts at.
type Value struct {
	Kind Kind
	Off  int64
	// Text is a string's content or a number's literal.
	Text string
	True bool
	// Items are an array's elements or an object's values, Items[i] under Keys[i].
	Items []*Value
	Keys  []string // an object's keys, in file order
}

// Get returns the value under key in an object (the last, if a key repeats), or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := len(v.Keys) - 1; i >= 0; i-- {
		if v.Keys[i] == key {
			return v.Items[i]
		}
	}
	return nil
}

// Len is the number of an array's elements or an object's members; 0 for nil and for scalars.
func (v *Value) Len() int {
	if v == nil {
		return 0
	}
	return len(v.Items)
}

// Has reports whether an object has key.
func (v *Value) Has(key string) bool { return v.Get(key) != nil }

// maxDepth bounds nesting; deeper documents are refused (no tool writes them, an attacker might).
const maxDepth = 512

// SyntaxError is malformed JSON at a byte offset.
type SyntaxError struct {
	Off int64
	Msg string
}

func (e *SyntaxError) Error() string { return e.Msg }

// Decode reads one JSON document into a tree. Malformed input is a *SyntaxError with the offset of the fault.
// The parser is Seam's own (parse.go): encoding/json's token stream costs four times as much on a large SBOM.
func Decode(data []byte) (*Value, error) {
	p := &parser{data: data}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if p.space(); p.pos < len(p.data) {
		return nil, p.fail("more than one JSON value in the file")
	}
	return v, nil
}

// Lines turns byte offsets into 1-based line numbers.
type Lines []int // offsets of the newlines

// NewLines indexes the newlines of data.
func NewLines(data []byte) Lines {
	ix := make(Lines, 0, bytes.Count(data, []byte{'\n'}))
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return ix
		}
		ix = append(ix, off+i)
		off += i + 1
	}
}

// Line is the line holding the byte at offset; an offset past the end is on the last line.
func (ix Lines) Line(offset int64) int {
	return sort.SearchInts(ix, int(offset)) + 1
}
