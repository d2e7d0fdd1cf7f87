package graph

import (
	"fmt"
	"sort"

	"github.com/seam-sec/seam/internal/model"
)

// Extend adds a link stage's facts to a frozen graph and rebuilds the indexes, so the next stage sees them.
// New definitions of an existing node merge with it as at Freeze (the existing node stays primary unless it
// was implicit); an edge whose key exists is kept as it was; an edge whose endpoints do not exist is dropped
// with a diagnostic. Derived properties are set on their nodes in the order given, a later value replacing an
// earlier one; a derived property of a missing node is dropped with a diagnostic. Extend must not run while
// other goroutines read the graph.
func (g *Graph) Extend(f model.Facts) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.frozen {
		panic("graph: Extend before Freeze")
	}
	if len(f.Nodes) > 0 {
		g.extendNodes(f.Nodes)
	}
	if len(f.Edges) > 0 {
		g.extendEdges(f.Edges)
	}
	for _, d := range f.Derived {
		n, ok := g.nodes[d.Node]
		if !ok {
			g.diags = append(g.diags, model.Diagnostic{File: d.Prov.File, Line: d.Prov.Line,
				Severity: model.SeverityWarning, Extractor: d.Prov.Extractor,
				Message: fmt.Sprintf("derived %q of %q dropped: no such node", d.Key, d.Node)})
			continue
		}
		if n.Derived == nil {
			n.Derived = map[string]model.DerivedValue{}
		}
		n.Derived[d.Key] = model.DerivedValue{Value: d.Value, Prov: d.Prov}
	}
	if len(f.Diagnostics) > 0 {
		g.diags = append(g.diags, f.Diagnostics...)
		model.SortDiagnostics(g.diags)
	}
	if len(f.Assumptions) > 0 {
		g.assums = append(g.assums, f.Assumptions...)
		model.SortAssumptions(g.assums)
		g.assums = dedupeAssumptions(g.assums)
	}
	if len(f.Broken) > 0 {
		g.broken = append(g.broken, f.Broken...)
		model.SortBrokenLinks(g.broken)
		g.broken = dedupeBroken(g.broken)
	}
}

func (g *Graph) extendNodes(nodes []model.Node) {
	byID := map[string][]model.Node{}
	for _, n := range nodes {
		byID[n.ID] = append(byID[n.ID], n)
	}
	added := false
	for id, defs := range byID {
		cur, exists := g.nodes[id]
		if exists {
			derived := cur.Derived
			merged := mergeNodes(append([]model.Node{*cur}, defs...))
			merged.Derived = derived
			*cur = merged // edges and indexes keep pointing at the same node
			continue
		}
		n := mergeNodes(defs)
		g.nodes[id] = &n
		g.order = append(g.order, &n)
		added = true
	}
	if !added {
		return
	}
	sort.Slice(g.order, func(i, j int) bool { return g.order[i].ID < g.order[j].ID })
	g.byKind = map[model.NodeKind][]*model.Node{}
	for _, n := range g.order {
		g.byKind[n.Kind] = append(g.byKind[n.Kind], n)
	}
}

// edgeKey identifies an edge without building a string.
type edgeKey struct {
	from, to string
	kind     model.EdgeKind
}

// extendEdges adds new edges: the new ones are sorted and merged into the sorted edge list, and only the
// adjacency lists of the nodes they touch are re-sorted, so a stage that adds few edges to a large graph
// costs little.
func (g *Graph) extendEdges(edges []model.Edge) {
	pending := make(map[edgeKey]int, len(edges)) // key → index into fresh
	fresh := make([]*model.Edge, 0, len(edges))
	for i := range edges {
		e := &edges[i]
		k := edgeKey{e.From, e.To, e.Kind}
		if g.hasEdge(k) {
			continue
		}
		if j, ok := pending[k]; ok {
			if e.Prov.Less(fresh[j].Prov) {
				ec := *e
				fresh[j] = &ec
			}
			continue
		}
		if !g.endpointsExist(*e) {
			continue
		}
		pending[k] = len(fresh)
		ec := *e
		fresh = append(fresh, &ec)
	}
	if len(fresh) == 0 {
		return
	}
	sort.Slice(fresh, func(i, j int) bool { return edgeLess(fresh[i], fresh[j]) })
	g.edges = mergeEdges(g.edges, fresh)
	touchedOut, touchedIn := map[string]bool{}, map[string]bool{}
	for _, e := range fresh {
		g.out[e.From] = append(g.out[e.From], e)
		g.in[e.To] = append(g.in[e.To], e)
		touchedOut[e.From], touchedIn[e.To] = true, true
	}
	for id := range touchedOut {
		l := g.out[id]
		sort.Slice(l, func(i, j int) bool { return edgeLess(l[i], l[j]) })
	}
	for id := range touchedIn {
		l := g.in[id]
		sort.Slice(l, func(i, j int) bool { return edgeLess(l[i], l[j]) })
	}
}

// hasEdge reports whether the graph holds an edge with the key, looking only at the source's adjacency.
func (g *Graph) hasEdge(k edgeKey) bool {
	for _, e := range g.out[k.from] {
		if e.To == k.to && e.Kind == k.kind {
			return true
		}
	}
	return false
}

// mergeEdges merges two sorted edge lists into a new sorted list.
func mergeEdges(a, b []*model.Edge) []*model.Edge {
	out := make([]*model.Edge, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if edgeLess(b[j], a[i]) {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// endpointsExist reports whether both ends of e are nodes, recording a diagnostic when one is not.
func (g *Graph) endpointsExist(e model.Edge) bool {
	_, okFrom := g.nodes[e.From]
	_, okTo := g.nodes[e.To]
	if okFrom && okTo {
		return true
	}
	missing := e.To
	if !okFrom {
		missing = e.From
	}
	g.diags = append(g.diags, model.Diagnostic{
		File: e.Prov.File, Line: e.Prov.Line, Severity: model.SeverityWarning, Extractor: e.Prov.Extractor,
		Message: fmt.Sprintf("%s edge %s → %s dropped: no node %q was produced", e.Kind, e.From, e.To, missing),
	})
	return false
}

// Broken returns the links the link stage looked for and refused, sorted.
func (g *Graph) Broken() []model.BrokenLink { return g.broken }

func dedupeBroken(bs []model.BrokenLink) []model.BrokenLink {
	out := bs[:0]
	for i, b := range bs {
		if i > 0 && sameBroken(b, bs[i-1]) {
			continue
		}
		out = append(out, b)
	}
	return out
}

func sameBroken(a, b model.BrokenLink) bool {
	return a.From == b.From && a.To == b.To && a.Kind == b.Kind && a.Method == b.Method && a.Reason == b.Reason
}
