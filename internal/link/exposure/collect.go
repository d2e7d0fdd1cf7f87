package exposure

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Authentication values, weakest first: what the internet must present to use an exposure.
const (
	authNone    = "none"
	authUnknown = "unknown"
	authCustom  = "custom"
	authJWT     = "jwt"
	authIAM     = "iam"
)

var authRank = map[string]int{authNone: 0, authUnknown: 1, authCustom: 2, authJWT: 3, authIAM: 4}

// weakest returns the weaker of two authentication values.
func weakest(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" || authRank[a] <= authRank[b] {
		return a
	}
	return b
}

// control is something on the way that admits (or would block) a hop: a security group rule, a
// NetworkPolicy, source ranges, an authorizer, a permission.
type control struct {
	id   string // node ID of the control
	kind string // security-group, network-policy, source-ranges, authorizer, lambda-permission, annotation
	what string // what it says, in one phrase
	ev   model.Evidence
}

func (c control) attr() map[string]any {
	m := map[string]any{"id": c.id, "kind": c.kind, "what": c.what, "file": c.ev.File}
	if c.ev.Line > 0 {
		m["line"] = c.ev.Line
	}
	return m
}

func controlsAttr(cs []control) []any {
	out := make([]any, 0, len(cs))
	seen := map[string]bool{}
	for _, c := range cs {
		k := c.id + "\x00" + c.what
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c.attr())
	}
	return out
}

// route is one way the internet reaches a workload: the hops from the internet, what is admitted and how.
type route struct {
	entry       string   // the exposure the internet reaches directly
	hops        []string // node IDs: internet, the entry, …, the workload
	ports       []int    // ports the workload receives on, when known
	protocol    string
	auth        string
	hosts       []string
	paths       []string
	ranges      []string // public ranges, when only part of the internet is admitted
	controls    []control
	assumptions []string
	ev          model.Evidence // where the route starts (the entry's exposure)
}

func (rt route) key() string { return strings.Join(rt.hops, " ") }

func (rt route) attr() map[string]any {
	m := map[string]any{
		"entry": rt.entry, "hops": anyStrings(rt.hops), "authentication": rt.auth,
		"controls": controlsAttr(rt.controls),
	}
	if len(rt.ports) > 0 {
		m["ports"] = anyInts(sortedInts(append([]int(nil), rt.ports...)))
	}
	if rt.protocol != "" {
		m["protocol"] = rt.protocol
	}
	if len(rt.hosts) > 0 {
		m["hosts"] = anyStrings(sortedUnique(append([]string(nil), rt.hosts...)))
	}
	if len(rt.paths) > 0 {
		m["paths"] = anyStrings(sortedUnique(append([]string(nil), rt.paths...)))
	}
	if len(rt.ranges) > 0 {
		m["source_ranges"] = anyStrings(sortedUnique(append([]string(nil), rt.ranges...)))
	}
	if len(rt.assumptions) > 0 {
		m["assumptions"] = anyStrings(sortedUnique(append([]string(nil), rt.assumptions...)))
	}
	return m
}

// collector gathers what a Build emits and returns it sorted.
type collector struct {
	b       *Builder
	g       *graph.Graph
	edges   map[string]model.Edge
	broken  map[string]model.BrokenLink
	derived map[string]model.Derived
	assums  map[model.Assumption]bool
	routes  map[string]map[string]route // workload → route key → route
	nodes   []model.Node
}

func newCollector(b *Builder, g *graph.Graph) *collector {
	return &collector{b: b, g: g, edges: map[string]model.Edge{}, broken: map[string]model.BrokenLink{},
		derived: map[string]model.Derived{}, assums: map[model.Assumption]bool{}, routes: map[string]map[string]route{}}
}

// ensureInternet adds the internet node when the graph has none (a scan without seam.yaml in a test).
func (c *collector) ensureInternet() {
	if _, ok := c.g.Node(model.InternetID); ok {
		return
	}
	c.nodes = append(c.nodes, model.Node{ID: model.InternetID, Kind: model.KindEntryPoint, Type: "internet",
		Name: "internet", Attrs: map[string]any{"type": "internet", "source": "built-in"},
		Prov: model.Provenance{Extractor: link.Extractor(c.b)}})
}

// edge records an edge unless the graph or this build already has it.
func (c *collector) edge(from string, kind model.EdgeKind, to string, l link.Link) {
	e := link.NewEdge(c.b, from, kind, to, l)
	if _, ok := c.edges[e.Key()]; ok {
		return
	}
	for _, ex := range c.g.Out(from) {
		if ex.Kind == kind && ex.To == to && ex.Prov.Extractor != link.Extractor(c.b) {
			return
		}
	}
	c.edges[e.Key()] = e
}

// refuse records a refused link; the first reason recorded for a (from, kind, to, method) wins.
func (c *collector) refuse(from string, kind model.EdgeKind, to string, l link.Link) {
	k := from + " -" + string(kind) + "-> " + to + " " + l.Method
	if _, ok := c.broken[k]; ok {
		return
	}
	c.broken[k] = link.NewBroken(c.b, from, kind, to, l)
}

// derive records a derived property; a later value for the same node and key replaces an earlier one.
func (c *collector) derive(node, key string, value any, ev model.Evidence) {
	c.derived[node+"\x00"+key] = link.NewDerived(c.b, node, key, value, ev)
}

// assume records an assumption about a node.
func (c *collector) assume(subject, attribute, reason, assumed string, ev model.Evidence) {
	c.assums[model.Assumption{Subject: subject, Attribute: attribute, Reason: reason, Assumed: assumed,
		Prov: model.Provenance{File: ev.File, Line: ev.Line, Extractor: link.Extractor(c.b)}}] = true
}

// reach records a route by which the internet reaches a workload.
func (c *collector) reach(workload string, rt route) {
	m := c.routes[workload]
	if m == nil {
		m = map[string]route{}
		c.routes[workload] = m
	}
	if _, ok := m[rt.key()]; !ok {
		m[rt.key()] = rt
	}
}

// reached reports whether some route reaches a workload.
func (c *collector) reached(workload string) bool { return len(c.routes[workload]) > 0 }

// facts turns what was collected into sorted facts, with the derived exposure of every reached workload.
func (c *collector) facts() model.Facts {
	c.exposureProperties()
	f := model.Facts{Nodes: c.nodes}
	for _, e := range c.edges {
		f.Edges = append(f.Edges, e)
	}
	sort.Slice(f.Edges, func(i, j int) bool {
		a, b := &f.Edges[i], &f.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.To < b.To
	})
	for _, b := range c.broken {
		if b.From == model.InternetID && b.Kind == model.EdgeExposes && c.reached(b.To) {
			continue // another route reaches it: the refusal was about one way in, not the node
		}
		f.Broken = append(f.Broken, b)
	}
	model.SortBrokenLinks(f.Broken)
	for _, d := range c.derived {
		f.Derived = append(f.Derived, d)
	}
	sort.Slice(f.Derived, func(i, j int) bool {
		if f.Derived[i].Node != f.Derived[j].Node {
			return f.Derived[i].Node < f.Derived[j].Node
		}
		return f.Derived[i].Key < f.Derived[j].Key
	})
	for a := range c.assums {
		f.Assumptions = append(f.Assumptions, a)
	}
	model.SortAssumptions(f.Assumptions)
	return f
}

// exposureProperties sets the derived "exposure" of every workload some route reaches.
func (c *collector) exposureProperties() {
	for w, m := range c.routes {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var routes []any
		auth := ""
		var ports []int
		for _, k := range keys {
			rt := m[k]
			routes = append(routes, rt.attr())
			auth = weakest(auth, rt.auth)
			ports = append(ports, rt.ports...)
		}
		first := m[keys[0]]
		v := map[string]any{"internet": true, "authentication": auth, "routes": routes}
		if len(ports) > 0 {
			v["ports"] = anyInts(sortedInts(ports))
		}
		c.derive(w, "exposure", v, first.ev)
	}
}
