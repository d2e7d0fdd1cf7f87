package handling

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// dataLevels are the access levels that touch data, in the order they are listed.
var dataLevels = []string{"read", "write", "admin"}

// chain is one way a workload reaches a data class.
type chain struct {
	edges       []*model.Edge // workload … access edge, holds
	access      int           // index in edges of the edge that gives the access
	store       string
	class       string
	levels      []string // data levels, in dataLevels order; empty when the access touches no data
	other       []string // the other levels of the access edge (list, tagging, permissions-management)
	method      string
	conf        link.Confidence
	assumptions []string // the chain's own and those of its edges: the handles edge's assumptions attribute
	own         []string // the chain's own: also model.Assumptions about the access edge's source
}

// key orders chains: shortest first, then by their edges.
func (c chain) key() string {
	keys := make([]string, len(c.edges))
	for i, e := range c.edges {
		keys[i] = e.Key()
	}
	return strings.Join(keys, "\x00")
}

// idPath is an identity a workload holds, with the uses-identity edges that lead to it.
type idPath struct {
	node  string
	edges []*model.Edge
}

// identities returns the workload itself and every identity it reaches through uses-identity, breadth
// first, at most maxIdentityDepth hops away.
func identities(g *graph.Graph, w *model.Node) []idPath {
	out := []idPath{{node: w.ID}}
	seen := map[string]bool{w.ID: true}
	for head := 0; head < len(out); head++ {
		p := out[head]
		if len(p.edges) >= maxIdentityDepth {
			continue
		}
		for _, e := range g.Out(p.node) {
			if e.Kind != model.EdgeUsesIdentity || seen[e.To] {
				continue
			}
			seen[e.To] = true
			out = append(out, idPath{node: e.To, edges: append(append([]*model.Edge(nil), p.edges...), e)})
		}
	}
	return out
}

// route is a way to a data store, before the classes it holds are known.
type route struct {
	edges       []*model.Edge // … the access edge last
	levels      []string
	other       []string
	method      string
	assumptions []string
}

// reachOf returns every chain from a workload to a data class.
func reachOf(g *graph.Graph, w *model.Node) []chain {
	var routes []route
	for _, p := range identities(g, w) {
		for _, e := range g.Out(p.node) {
			if e.Kind != model.EdgeCan || !holdsAny(g, e.To) {
				continue
			}
			levels, other, assumed := accessOf(e, "the grant states no access levels; Seam assumes read and write")
			routes = append(routes, route{edges: append(append([]*model.Edge(nil), p.edges...), e), levels: levels,
				other: other, method: MethodGrant, assumptions: assumed})
		}
	}
	for _, e := range g.Out(w.ID) {
		switch e.Kind {
		case model.EdgeConnectsTo:
			levels, other, assumed := accessOf(e, "the connection states no access levels; Seam assumes read and write")
			routes = append(routes, route{edges: []*model.Edge{e}, levels: levels, other: other, method: MethodConnect,
				assumptions: assumed})
		case model.EdgeReadsSecret, model.EdgeMounts:
			routes = append(routes, route{edges: []*model.Edge{e}, levels: []string{"read"}, method: MethodSecret})
		}
	}
	var chains []chain
	for _, r := range routes {
		store := r.edges[len(r.edges)-1].To
		for _, h := range g.Out(store) {
			if h.Kind != model.EdgeHolds {
				continue
			}
			edges := append(append([]*model.Edge(nil), r.edges...), h)
			chains = append(chains, chain{edges: edges, access: len(r.edges) - 1, store: store, class: h.To,
				levels: r.levels, other: r.other, method: r.method, conf: confidenceOf(edges),
				assumptions: assumptionsOf(edges, r.assumptions), own: r.assumptions})
		}
	}
	keys := make([]string, len(chains))
	for i := range chains {
		keys[i] = chains[i].key()
	}
	idx := make([]int, len(chains))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if len(chains[i].edges) != len(chains[j].edges) {
			return len(chains[i].edges) < len(chains[j].edges)
		}
		return keys[i] < keys[j]
	})
	sorted := make([]chain, len(chains))
	for k, i := range idx {
		sorted[k] = chains[i]
	}
	return sorted
}

// holdsAny reports whether a store holds any data class: only those make a workload a handler.
func holdsAny(g *graph.Graph, store string) bool {
	for _, h := range g.Out(store) {
		if h.Kind == model.EdgeHolds {
			return true
		}
	}
	return false
}

// accessOf splits an edge's access attribute into data levels and the others. Without the attribute (or with
// one that is not a list), read and write are assumed, with the given assumption.
func accessOf(e *model.Edge, assumption string) (levels, other []string, assumed []string) {
	raw := e.Attrs["access"]
	switch raw.(type) {
	case []any, []string:
	default: // absent, or a value Seam could not know: never silently safe
		return []string{"read", "write"}, nil, []string{assumption}
	}
	have := map[string]bool{}
	for _, l := range link.Strings(raw) {
		have[l] = true
	}
	for _, l := range dataLevels {
		if have[l] {
			levels = append(levels, l)
			delete(have, l)
		}
	}
	for l := range have {
		other = append(other, l)
	}
	sort.Strings(other)
	return levels, other, nil
}

// confidenceOf is a chain's confidence: that of its least sure edge (an extractor's edge is certain).
func confidenceOf(edges []*model.Edge) link.Confidence {
	c := link.Certain
	for _, e := range edges {
		if v, ok := e.Attrs["confidence"].(float64); ok && link.Confidence(v) < c {
			c = link.Confidence(v)
		}
	}
	return c
}

// assumptionsOf gathers the assumptions the chain's edges rest on, and the chain's own.
func assumptionsOf(edges []*model.Edge, own []string) []string {
	out := append([]string(nil), own...)
	for _, e := range edges {
		out = append(out, link.Strings(e.Attrs["assumptions"])...)
	}
	return out
}
