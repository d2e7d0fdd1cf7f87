// Package graph is Seam's typed in-memory graph: every extractor's facts merged into one set of nodes and
// edges with stable IDs, indexed by ID, kind and adjacency, and iterated in a deterministic order.
package graph

import (
	"sort"
	"sync"

	"github.com/seam-sec/seam/internal/model"
)

// Graph holds nodes and edges. Build it with Add, then call Freeze once; after Freeze it is read-only and safe
// for concurrent readers.
type Graph struct {
	mu       sync.Mutex
	pending  map[string][]model.Node
	pendingE []model.Edge // every edge added, in any order; Freeze sorts and deduplicates in place
	diags    []model.Diagnostic
	assums   []model.Assumption
	broken   []model.BrokenLink
	frozen   bool

	nodes  map[string]*model.Node
	order  []*model.Node // sorted by ID
	edges  []*model.Edge // sorted by (from, kind, to)
	out    map[string][]*model.Edge
	in     map[string][]*model.Edge
	byKind map[model.NodeKind][]*model.Node
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{pending: map[string][]model.Node{}}
}

// Add records an extractor's facts. It is safe to call from several goroutines; the result does not depend on
// the order of calls. The graph takes ownership of f's slices: the caller must not use them afterwards.
func (g *Graph) Add(f model.Facts) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.frozen {
		panic("graph: Add after Freeze")
	}
	for _, n := range f.Nodes {
		g.pending[n.ID] = append(g.pending[n.ID], n)
	}
	if g.pendingE == nil {
		g.pendingE = f.Edges // the first batch is kept as it is: no copy of what may be millions of edges
	} else {
		g.pendingE = append(g.pendingE, f.Edges...)
	}
	g.diags = append(g.diags, f.Diagnostics...)
	g.assums = append(g.assums, f.Assumptions...)
	g.broken = append(g.broken, f.Broken...)
	if len(f.Derived) > 0 {
		panic("graph: derived properties are added with Extend, after Freeze")
	}
}

// Freeze merges what was added (see docs/design/graph-foundation.md, "Merging"), drops edges whose endpoints do
// not exist with a diagnostic, and builds the indexes.
func (g *Graph) Freeze() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.frozen {
		return
	}
	g.frozen = true
	g.nodes = make(map[string]*model.Node, len(g.pending))
	for id, defs := range g.pending {
		n := mergeNodes(defs)
		g.nodes[id] = &n
	}
	g.pending = nil
	g.order = make([]*model.Node, 0, len(g.nodes))
	g.byKind = map[model.NodeKind][]*model.Node{}
	for _, n := range g.nodes {
		g.order = append(g.order, n)
	}
	sort.Slice(g.order, func(i, j int) bool { return g.order[i].ID < g.order[j].ID })
	for _, n := range g.order {
		g.byKind[n.Kind] = append(g.byKind[n.Kind], n)
	}
	g.freezeEdges()
	model.SortDiagnostics(g.diags)
	model.SortAssumptions(g.assums)
	g.assums = dedupeAssumptions(g.assums)
	model.SortBrokenLinks(g.broken)
	g.broken = dedupeBroken(g.broken)
}

// freezeEdges sorts the added edges by key and provenance, keeps the first of each key, drops those whose
// endpoints do not exist, and indexes the rest. The edges stay in the one slice they were added to: a large
// graph costs one edge value each, not a map entry and a copy.
func (g *Graph) freezeEdges() {
	es := g.pendingE
	g.pendingE = nil
	sort.Slice(es, func(i, j int) bool {
		a, b := &es[i], &es[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Prov.Less(b.Prov)
	})
	kept := es[:0]
	for i := range es {
		e := es[i]
		if len(kept) > 0 {
			last := &kept[len(kept)-1]
			if last.From == e.From && last.Kind == e.Kind && last.To == e.To {
				continue
			}
		}
		if !g.endpointsExist(e) {
			continue
		}
		kept = append(kept, e)
	}
	clear(es[len(kept):]) // let the dropped edges' attributes go
	g.edges = make([]*model.Edge, len(kept))
	outDeg := make(map[string]int, len(g.nodes))
	inDeg := make(map[string]int, len(g.nodes))
	for i := range kept {
		g.edges[i] = &kept[i]
		outDeg[kept[i].From]++
		inDeg[kept[i].To]++
	}
	g.out = make(map[string][]*model.Edge, len(outDeg))
	g.in = make(map[string][]*model.Edge, len(inDeg))
	for _, e := range g.edges {
		l := g.out[e.From]
		if l == nil {
			l = make([]*model.Edge, 0, outDeg[e.From])
		}
		g.out[e.From] = append(l, e)
		m := g.in[e.To]
		if m == nil {
			m = make([]*model.Edge, 0, inDeg[e.To])
		}
		g.in[e.To] = append(m, e)
	}
}

func edgeLess(a, b *model.Edge) bool {
	if a.From != b.From {
		return a.From < b.From
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	return a.To < b.To
}

// mergeNodes folds every definition of one ID into one node. Defined nodes win over implicit ones; among
// defined ones the first by provenance is primary, the others fill in missing or unknown attributes and are
// listed in Also.
func mergeNodes(defs []model.Node) model.Node {
	defined := defs[:0:0]
	for _, d := range defs {
		if !d.Implicit {
			defined = append(defined, d)
		}
	}
	if len(defined) == 0 {
		defined = defs
	}
	sort.SliceStable(defined, func(i, j int) bool {
		if defined[i].Prov != defined[j].Prov {
			return defined[i].Prov.Less(defined[j].Prov)
		}
		return defined[i].Type < defined[j].Type
	})
	n := defined[0]
	n.Attrs = copyAttrs(n.Attrs)
	seen := map[model.Provenance]bool{n.Prov: true}
	for _, p := range n.Also {
		seen[p] = true
	}
	for _, d := range defined[1:] {
		for k, v := range d.Attrs {
			cur, ok := n.Attrs[k]
			if !ok {
				n.Attrs[k] = v
				continue
			}
			if _, curUnknown := model.IsUnknown(cur); curUnknown {
				if _, unknown := model.IsUnknown(v); !unknown {
					n.Attrs[k] = v
				}
			}
		}
		if n.Name == "" {
			n.Name = d.Name
		}
		if !d.Implicit && !seen[d.Prov] {
			seen[d.Prov] = true
			n.Also = append(n.Also, d.Prov)
		}
	}
	sort.Slice(n.Also, func(i, j int) bool { return n.Also[i].Less(n.Also[j]) })
	if len(n.Attrs) == 0 {
		n.Attrs = nil
	}
	return n
}

func copyAttrs(a map[string]any) map[string]any {
	c := make(map[string]any, len(a))
	for k, v := range a {
		c[k] = v
	}
	return c
}

func dedupeAssumptions(as []model.Assumption) []model.Assumption {
	out := as[:0]
	for i, a := range as {
		if i > 0 && a == as[i-1] {
			continue
		}
		out = append(out, a)
	}
	return out
}
