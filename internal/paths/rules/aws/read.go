package aws

import (
	"fmt"
	"sync"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// This file reads what the extractors and the link stage left in the graph: attribute values (strings,
// numbers, nested blocks, unknowns) and the nodes an edge kind leads to.

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string { return link.Strings(v) }

// block returns the first element of a nested block attribute, as the Terraform extractor stores blocks
// ([{...}]); nil when the block is absent.
func block(n *model.Node, attr string) map[string]any {
	switch v := n.Attrs[attr].(type) {
	case []any:
		if len(v) > 0 {
			m, _ := v[0].(map[string]any)
			return m
		}
	case map[string]any:
		if _, unknown := model.IsUnknown(v); !unknown {
			return v
		}
	}
	return nil
}

// value is an attribute as a rule reads it: set or not, known or an unknown expression.
type value struct {
	set     bool
	known   bool
	s       string
	n       int
	unknown string // the expression of an unknown value
}

// read reads key of a block (or attribute map).
func read(m map[string]any, key string) value {
	v, ok := m[key]
	if !ok || v == nil {
		return value{}
	}
	if expr, unknown := model.IsUnknown(v); unknown {
		return value{set: true, unknown: expr}
	}
	switch x := v.(type) {
	case string:
		return value{set: true, known: true, s: x}
	case int:
		return value{set: true, known: true, n: x, s: fmt.Sprint(x)}
	case int64:
		return value{set: true, known: true, n: int(x), s: fmt.Sprint(x)}
	case float64:
		return value{set: true, known: true, n: int(x), s: fmt.Sprint(x)}
	case bool:
		return value{set: true, known: true, s: fmt.Sprint(x)}
	}
	return value{set: true, unknown: fmt.Sprint(v)}
}

// outOf returns the edges of one kind leaving a node, in the graph's order.
func outOf(c *paths.Context, id string, kind model.EdgeKind) []*model.Edge {
	var es []*model.Edge
	for _, e := range c.Graph.Out(id) {
		if e.Kind == kind {
			es = append(es, e)
		}
	}
	return es
}

// inOf returns the edges of one kind entering a node, in the graph's order.
func inOf(c *paths.Context, id string, kind model.EdgeKind) []*model.Edge {
	var es []*model.Edge
	for _, e := range c.Graph.In(id) {
		if e.Kind == kind {
			es = append(es, e)
		}
	}
	return es
}

// hop is one edge followed, with the node it reaches.
type hop struct {
	edge *model.Edge
	node *model.Node
}

// follow returns the nodes of the given types one edge of a kind away, with the edges.
func follow(c *paths.Context, id string, kind model.EdgeKind, types ...string) []hop {
	var hs []hop
	for _, e := range outOf(c, id, kind) {
		n := c.Node(e.To)
		if n == nil || !oneOf(n.Type, types) {
			continue
		}
		hs = append(hs, hop{edge: e, node: n})
	}
	return hs
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// edgeEvidence is the evidence an edge carries (its evidence attribute, else its provenance).
func edgeEvidence(e *model.Edge, what string) []model.Evidence {
	list, _ := e.Attrs["evidence"].([]any)
	var evs []model.Evidence
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		ev := model.Evidence{File: str(m["file"]), What: str(m["what"])}
		switch l := m["line"].(type) {
		case int:
			ev.Line = l
		case float64:
			ev.Line = int(l)
		}
		evs = append(evs, ev)
	}
	if len(evs) == 0 {
		evs = []model.Evidence{link.EvidenceOfEdge(e, what)}
	}
	return evs
}

// edgeAssumptions returns the assumptions an edge was made with.
func edgeAssumptions(e *model.Edge) []string { return strs(e.Attrs["assumptions"]) }

// name is how a node is named in a reason: its type and name, or its ID.
func name(c *paths.Context, id string) string { return c.Name(id) }

// appendNew appends the strings of add that list does not hold yet.
func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		if a != "" && !oneOf(a, list) {
			list = append(list, a)
		}
	}
	return list
}

// keys returns the keys of edges, for a step's Via.
func keys(es ...*model.Edge) []string {
	var out []string
	for _, e := range es {
		if e != nil {
			out = append(out, e.Key())
		}
	}
	return out
}

// lower multiplies a likelihood by f for each reason the step rests on an assumption.
func lower(l float64, f float64, assumed bool) float64 {
	if assumed {
		return l * f
	}
	return l
}

// memo remembers one computed value per key; rules keep them in the analysis context (c.Cached) so that a
// value is computed once per analysis, whichever state asks first.
type memo[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

func newMemo[V any]() *memo[V] { return &memo[V]{m: map[string]V{}} }

func (m *memo[V]) get(key string, build func() V) V {
	m.mu.Lock()
	v, ok := m.m[key]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = build()
	m.mu.Lock()
	m.m[key] = v
	m.mu.Unlock()
	return v
}
