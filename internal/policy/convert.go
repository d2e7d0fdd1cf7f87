package policy

import (
	"reflect"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"
)

// converter turns JSON-compatible Go values into OPA terms, converting a slice or map that several values
// share (the link stage renders one []any of actions or statements for every edge of an identity) once and
// sharing the term: terms are immutable once built, so one may sit in many places of the input. A
// converter is used by one goroutine at a time.
type converter struct {
	slices map[sliceKey]*ast.Term
	maps   map[unsafe.Pointer]*ast.Term
}

// sliceKey identifies a slice by its first element's address and its length.
type sliceKey struct {
	first *any
	n     int
}

func newConverter() *converter {
	return &converter{slices: map[sliceKey]*ast.Term{}, maps: map[unsafe.Pointer]*ast.Term{}}
}

// term converts v; a value OPA cannot take becomes null.
func (c *converter) term(v any) *ast.Term {
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return ast.ArrayTerm()
		}
		k := sliceKey{&x[0], len(x)}
		if t, ok := c.slices[k]; ok {
			return t
		}
		ts := make([]*ast.Term, len(x))
		for i, e := range x {
			ts[i] = c.term(e)
		}
		t := ast.ArrayTerm(ts...)
		c.slices[k] = t
		return t
	case map[string]any:
		if len(x) == 0 {
			return ast.ObjectTerm()
		}
		k := reflect.ValueOf(x).UnsafePointer()
		if t, ok := c.maps[k]; ok {
			return t
		}
		items := make([][2]*ast.Term, 0, len(x))
		for key, e := range x {
			items = append(items, [2]*ast.Term{ast.InternedTerm(key), c.term(e)})
		}
		t := ast.ObjectTerm(items...)
		c.maps[k] = t
		return t
	case string:
		return ast.InternedTerm(x)
	}
	val, err := ast.InterfaceToValue(v)
	if err != nil {
		return ast.NullTerm()
	}
	return ast.NewTerm(val)
}
