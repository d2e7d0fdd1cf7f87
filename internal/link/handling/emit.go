package handling

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// emit turns a workload's chains into one handles edge per data class it can read or write, and a refused
// link per class it reaches with list-only (or other non-data) access alone.
func (b *Builder) emit(out *model.Facts, w *model.Node, chains []chain) {
	byClass := map[string][]chain{}
	var classes []string
	for _, c := range chains {
		if _, ok := byClass[c.class]; !ok {
			classes = append(classes, c.class)
		}
		byClass[c.class] = append(byClass[c.class], c)
	}
	sort.Strings(classes)
	for _, class := range classes {
		var data, nodata []chain
		for _, c := range byClass[class] {
			if len(c.levels) > 0 {
				data = append(data, c)
			} else {
				nodata = append(nodata, c)
			}
		}
		switch {
		case len(data) > 0:
			out.Edges = append(out.Edges, b.handles(w, class, data))
			b.assume(out, data)
		case len(nodata) > 0:
			c := nodata[0]
			out.Broken = append(out.Broken, link.NewBroken(b, w.ID, model.EdgeHandles, class, link.Link{
				Method: c.method, Evidence: evidence(c),
				Reason: fmt.Sprintf("%s reaches %s, which holds %s, with %s access only: that reveals names, not data",
					w.ID, c.store, className(class), orNone(c.other))}))
		}
	}
}

// assume records the access levels a handler's chains had to assume, once per access edge, as assumptions
// about the edge's source (the workload or identity) at the edge's file and line.
func (b *Builder) assume(out *model.Facts, chains []chain) {
	seen := map[string]bool{}
	for _, c := range chains {
		e := c.edges[c.access]
		for _, a := range c.own {
			if seen[e.Key()+a] {
				continue
			}
			seen[e.Key()+a] = true
			out.Assumptions = append(out.Assumptions, model.Assumption{Subject: e.From, Attribute: "access of " + e.Key(),
				Reason: fmt.Sprintf("the %s edge to %s states no access levels", e.Kind, e.To), Assumed: a,
				Prov: model.Provenance{File: e.Prov.File, Line: e.Prov.Line, Extractor: link.Extractor(b)}})
		}
	}
}

// handles builds the edge for the chains that give a workload data access to one class.
func (b *Builder) handles(w *model.Node, class string, chains []chain) model.Edge {
	have := map[string]bool{}
	stores := map[string]bool{}
	methods := map[string]bool{}
	var assumptions []string
	seenAssumption := map[string]bool{}
	best := chains[0]
	for _, c := range chains {
		for _, l := range c.levels {
			have[l] = true
		}
		stores[c.store], methods[c.method] = true, true
		if c.conf > best.conf {
			best = c
		}
		for _, a := range c.assumptions {
			if !seenAssumption[a] {
				seenAssumption[a] = true
				assumptions = append(assumptions, a)
			}
		}
	}
	var levels []any
	for _, l := range dataLevels {
		if have[l] {
			levels = append(levels, l)
		}
	}
	via := make([]any, 0, min(len(chains), maxChains))
	for _, c := range chains[:min(len(chains), maxChains)] {
		keys := make([]any, len(c.edges))
		for i, e := range c.edges {
			keys[i] = e.Key()
		}
		via = append(via, keys)
	}
	first := chains[0]
	return link.NewEdge(b, w.ID, model.EdgeHandles, class, link.Link{
		Method: first.method, Confidence: best.conf, Evidence: evidence(first), Assumptions: assumptions,
		Reason: fmt.Sprintf("%s can %s %s data: %s", w.ID, levelWords(first.levels), className(class), describe(first)),
		Attrs: map[string]any{"access": levels, "stores": sortedAttr(stores), "methods": sortedAttr(methods),
			"via": via, "via_count": len(chains)},
	})
}

// evidence lists a chain's edges, the one that gives the access first (it is the edge's provenance).
func evidence(c chain) []model.Evidence {
	ev := []model.Evidence{link.EvidenceOfEdge(c.edges[c.access], c.edges[c.access].Key()+accessNote(c))}
	for i, e := range c.edges {
		if i != c.access {
			ev = append(ev, link.EvidenceOfEdge(e, e.Key()))
		}
	}
	return ev
}

func accessNote(c chain) string {
	all := append(append([]string(nil), c.levels...), c.other...)
	if len(all) == 0 {
		return ""
	}
	return " (access " + strings.Join(all, ", ") + ")"
}

// describe says in words how a chain reaches the store.
func describe(c chain) string {
	var hops []string
	for _, e := range c.edges[:c.access] {
		hops = append(hops, e.To)
	}
	switch c.method {
	case MethodGrant:
		if len(hops) == 0 {
			return fmt.Sprintf("it is granted access to %s, which holds it", c.store)
		}
		return fmt.Sprintf("through %s, which can access %s, which holds it", strings.Join(hops, " and "), c.store)
	case MethodConnect:
		return fmt.Sprintf("it connects to %s, which holds it", c.store)
	}
	return fmt.Sprintf("it reads %s, which holds it", c.store)
}

func levelWords(levels []string) string {
	if len(levels) == 0 {
		return "access"
	}
	return strings.Join(levels, " and ")
}

func className(id string) string { return strings.TrimPrefix(id, "data-class:") }

func orNone(ss []string) string {
	if len(ss) == 0 {
		return "no"
	}
	return strings.Join(ss, " and ")
}

func sortedAttr(set map[string]bool) []any {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}
