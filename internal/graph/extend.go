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

func (g *Graph) extendEdges(edges []model.Edge) {
	existing := make(map[string]bool, len(g.edges))
	for _, e := range g.edges {
		existing[e.Key()] = true
	}
	pending := map[string]model.Edge{}
	for _, e := range edges {
		k := e.Key()
		if existing[k] {
			continue
		}
		if cur, ok := pending[k]; !ok || e.Prov.Less(cur.Prov) {
			pending[k] = e
		}
	}
	if len(pending) == 0 {
		return
	}
	keys := make([]string, 0, len(pending))
	for k := range pending {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := pending[k]
		if !g.endpointsExist(e) {
			continue
		}
		ec := e
		g.edges = append(g.edges, &ec)
	}
	sort.Slice(g.edges, func(i, j int) bool { return edgeLess(g.edges[i], g.edges[j]) })
	g.out = make(map[string][]*model.Edge, len(g.nodes))
	g.in = make(map[string][]*model.Edge, len(g.nodes))
	for _, e := range g.edges {
		g.out[e.From] = append(g.out[e.From], e)
		g.in[e.To] = append(g.in[e.To], e)
	}
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
