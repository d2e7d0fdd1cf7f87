package vulnfact

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	Text  string
	True  bool
	Items []*Value // an array's elements
	Keys  []string // an object's keys, in file order
	Vals  []*Value // an object's values, Vals[i] under Keys[i]
}

// Get returns the value under key in an object (the last, if a key repeats), or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := len(v.Keys) - 1; i >= 0; i-- {
		if v.Keys[i] == key {
			return v.Vals[i]
		}
	}
	return nil
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
func Decode(data []byte) (*Value, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := decodeValue(d, 0)
	if err == nil {
		if _, extra := d.Token(); extra != io.EOF {
			err = &SyntaxError{Off: d.InputOffset(), Msg: "more than one JSON value in the file"}
		}
	}
	if err != nil {
		var syn *json.SyntaxError
		switch {
		case errors.As(err, &syn):
			return nil, &SyntaxError{Off: syn.Offset, Msg: syn.Error()}
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, &SyntaxError{Off: int64(len(data)), Msg: "unexpected end of JSON input"}
		}
		var own *SyntaxError
		if errors.As(err, &own) {
			return nil, own
		}
		return nil, &SyntaxError{Off: d.InputOffset(), Msg: err.Error()}
	}
	return v, nil
}

func decodeValue(d *json.Decoder, depth int) (*Value, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	// InputOffset is just past the token; every token but a string's closing part sits on one line, so the
	// offset of its last byte gives the line it starts on.
	v := &Value{Off: max(d.InputOffset()-1, 0)}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= maxDepth {
			return nil, &SyntaxError{Off: v.Off, Msg: fmt.Sprintf("JSON nested deeper than %d levels", maxDepth)}
		}
		if t == '[' {
			v.Kind = Array
			return v, decodeArray(d, v, depth)
		}
		v.Kind = Object
		return v, decodeObject(d, v, depth)
	case string:
		v.Kind, v.Text = String, t
	case json.Number:
		v.Kind, v.Text = Number, string(t)
	case bool:
		v.Kind, v.True = Bool, t
	case nil:
		v.Kind = Null
	}
	return v, nil
}

func decodeArray(d *json.Decoder, v *Value, depth int) error {
	for d.More() {
		item, err := decodeValue(d, depth+1)
		if err != nil {
			return err
		}
		v.Items = append(v.Items, item)
	}
	_, err := d.Token() // ']'
	return err
}

func decodeObject(d *json.Decoder, v *Value, depth int) error {
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string) // the decoder accepts only strings as keys
		val, err := decodeValue(d, depth+1)
		if err != nil {
			return err
		}
		v.Keys = append(v.Keys, key)
		v.Vals = append(v.Vals, val)
	}
	_, err := d.Token() // '}'
	return err
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
