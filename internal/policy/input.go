package policy

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// maxPathsPerNode caps the attack paths listed on one node's input, best first: a control asks whether a node
// is on a path and how risky the worst is, and a hub on thousands of paths would otherwise dominate the input.
const maxPathsPerNode = 50

// inputs builds the input documents of the contract in docs/design/guardrails.md directly as OPA values. Each
// node's summary (as a neighbour) and entry (as a selected node) is converted once and shared by every
// selection and every control that reads it. It is used by one goroutine, before evaluation starts.
type inputs struct {
	g         *graph.Graph
	paths     map[string][]pathRef
	summaries map[string]*summary
	entries   map[entryKey]*ast.Term
	edgeTerms map[edgeView]*ast.Term
	kinds     map[string][2][]string // the kinds of each node's out and in edges, sorted (see carried)
	grantsOf  map[string]*ast.Term   // each selected node's grants summary (nil: none), see grants
	ids       map[string]*ast.Term   // node ID terms shared by the grants summaries
	conv      *converter             // for what is built lazily, outside prepare
}

// summary is a node as a neighbour shows it: the items (for a selected node's entry to extend) and the
// object built from them once.
type summary struct {
	items [][2]*ast.Term
	term  *ast.Term
}

// pathRef is one attack path through a node.
type pathRef struct {
	id, entry, target, role string
	risk                    float64
}

func newInputs(g *graph.Graph, pr *paths.Result) *inputs {
	in := &inputs{g: g, paths: map[string][]pathRef{}, summaries: map[string]*summary{},
		entries: map[entryKey]*ast.Term{}, edgeTerms: map[edgeView]*ast.Term{}, kinds: map[string][2][]string{},
		grantsOf: map[string]*ast.Term{}, ids: map[string]*ast.Term{}, conv: newConverter()}
	if pr != nil {
		in.indexPaths(pr.Paths)
	}
	return in
}

// indexPaths records, for every node on a path, the path and the node's role on it (entry, hop or target).
func (in *inputs) indexPaths(ps []paths.Path) {
	for _, p := range ps {
		seen := map[string]bool{}
		add := func(node, role string) {
			if node == "" || seen[node] {
				return
			}
			seen[node] = true
			in.paths[node] = append(in.paths[node], pathRef{id: p.ID, entry: p.Entry.Node, target: p.Target.Node, role: role, risk: p.Risk})
		}
		add(p.Entry.Node, "entry")
		add(p.Target.Node, "target")
		for _, h := range p.Hops {
			add(h.From.Node, "hop")
			add(h.To.Node, "hop")
		}
	}
	for id, refs := range in.paths {
		sort.Slice(refs, func(i, j int) bool {
			if refs[i].risk != refs[j].risk {
				return refs[i].risk > refs[j].risk
			}
			return refs[i].id < refs[j].id
		})
		if len(refs) > maxPathsPerNode {
			in.paths[id] = refs[:maxPathsPerNode]
		}
	}
}

// selection returns the input of a selection ({"nodes": [...]}, nodes sorted by ID) and the IDs it holds.
func (in *inputs) selection(sel Select) (ast.Value, []string) {
	var terms []*ast.Term
	var ids []string
	for _, n := range in.candidates(sel) {
		if !sel.Matches(n) {
			continue
		}
		terms = append(terms, in.entry(n, sel))
		ids = append(ids, n.ID)
	}
	return ast.NewObject(ast.Item(ast.StringTerm("nodes"), ast.ArrayTerm(terms...))), ids
}

// candidates narrows the nodes to look at by kind when the selection names kinds, keeping ID order.
func (in *inputs) candidates(sel Select) []*model.Node {
	if len(sel.Kinds) == 0 {
		return in.g.Nodes()
	}
	if len(sel.Kinds) == 1 {
		return in.g.NodesOfKind(model.NodeKind(sel.Kinds[0]))
	}
	var out []*model.Node
	for _, k := range sel.Kinds {
		out = append(out, in.g.NodesOfKind(model.NodeKind(k))...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// single returns the input of one node alone, for per-node evaluation (the benchmark's baseline).
func (in *inputs) single(n *model.Node, sel Select) ast.Value {
	return ast.NewObject(ast.Item(ast.StringTerm("nodes"), ast.ArrayTerm(in.entry(n, sel))))
}

// summary returns a node's summary, building it on first use.
func (in *inputs) summary(n *model.Node) *summary {
	if s, ok := in.summaries[n.ID]; ok {
		return s
	}
	s := newSummary(in.conv, n)
	in.summaries[n.ID] = s
	return s
}

// newSummary is what a neighbour shows: id, kind, type, name, attrs, derived, file and line.
func newSummary(c *converter, n *model.Node) *summary {
	items := [][2]*ast.Term{
		ast.Item(ast.StringTerm("id"), ast.StringTerm(n.ID)),
		ast.Item(ast.StringTerm("kind"), ast.StringTerm(string(n.Kind))),
		ast.Item(ast.StringTerm("type"), ast.StringTerm(n.Type)),
		ast.Item(ast.StringTerm("name"), ast.StringTerm(n.Name)),
		ast.Item(ast.StringTerm("file"), ast.StringTerm(n.Prov.File)),
		ast.Item(ast.StringTerm("line"), ast.IntNumberTerm(n.Prov.Line)),
		ast.Item(ast.StringTerm("attrs"), c.term(n.Attrs)),
		ast.Item(ast.StringTerm("derived"), derivedTerm(c, n.Derived)),
	}
	return &summary{items: items, term: ast.ObjectTerm(items...)}
}

// entryKey identifies a node's entry: the node and the kinds of its edges the entry carries (carried).
type entryKey struct{ id, edges string }

// edgeView is an edge as the entry of its source (out) or of its target shows it.
type edgeView struct {
	e   *model.Edge
	out bool
}

// entry is a selected node: its summary with the edges the selection reads, their other ends' summaries and
// the attack paths through it.
func (in *inputs) entry(n *model.Node, sel Select) *ast.Term {
	k := entryKey{n.ID, in.carried(n, sel)}
	if e, ok := in.entries[k]; ok {
		return e
	}
	t := in.buildEntry(n, k.edges)
	in.entries[k] = t
	return t
}

// buildEntry builds a node's entry with the edges of the kinds key names; it writes to the caches only for
// what they miss.
func (in *inputs) buildEntry(n *model.Node, key string) *ast.Term {
	items := append([][2]*ast.Term(nil), in.summary(n).items...)
	var out, inc []*ast.Term
	neighbours := ast.NewObject()
	addNeighbour := func(id string) {
		if !withNeighbours(key) {
			return
		}
		k := ast.StringTerm(id)
		if neighbours.Get(k) != nil {
			return
		}
		if m, ok := in.g.Node(id); ok {
			neighbours.Insert(k, in.summary(m).term)
		}
	}
	if key != "" {
		for _, e := range in.g.Out(n.ID) {
			if readsKind(key, true, e.Kind) {
				out = append(out, in.edge(e, true))
				addNeighbour(e.To)
			}
		}
		for _, e := range in.g.In(n.ID) {
			if readsKind(key, false, e.Kind) {
				inc = append(inc, in.edge(e, false))
				addNeighbour(e.From)
			}
		}
	}
	var ps []*ast.Term
	for _, p := range in.paths[n.ID] {
		ps = append(ps, ast.ObjectTerm(
			ast.Item(ast.StringTerm("id"), ast.StringTerm(p.id)),
			ast.Item(ast.StringTerm("risk"), ast.FloatNumberTerm(p.risk)),
			ast.Item(ast.StringTerm("entry"), ast.StringTerm(p.entry)),
			ast.Item(ast.StringTerm("target"), ast.StringTerm(p.target)),
			ast.Item(ast.StringTerm("role"), ast.StringTerm(p.role))))
	}
	if g := in.grantsTerm(n); g != nil {
		items = append(items, ast.Item(ast.StringTerm("grants"), g))
	}
	items = append(items,
		ast.Item(ast.StringTerm("out"), ast.ArrayTerm(out...)),
		ast.Item(ast.StringTerm("in"), ast.ArrayTerm(inc...)),
		ast.Item(ast.StringTerm("neighbours"), ast.NewTerm(neighbours)),
		ast.Item(ast.StringTerm("paths"), ast.ArrayTerm(ps...)))
	return ast.ObjectTerm(items...)
}

// grantsTerm returns a node's grants summary, building it on first use.
func (in *inputs) grantsTerm(n *model.Node) *ast.Term {
	if t, ok := in.grantsOf[n.ID]; ok {
		return t
	}
	t := in.grants(n)
	in.grantsOf[n.ID] = t
	return t
}

// edge returns an edge as the entry of its source (out) or of its target shows it, building it on first use.
func (in *inputs) edge(e *model.Edge, out bool) *ast.Term {
	k := edgeView{e, out}
	if t, ok := in.edgeTerms[k]; ok {
		return t
	}
	attrs, ok := in.edgeTerms[edgeView{e, !out}]
	if ok {
		attrs = attrs.Get(ast.InternedTerm("attrs"))
	} else {
		attrs = edgeFacts(in.conv, e)
	}
	t := newEdgeTerm(e, out, attrs)
	in.edgeTerms[k] = t
	return t
}

// newEdgeTerm builds an edge as the entry of its source shows it, {kind, to, attrs}, or as its target's
// does, {kind, from, attrs}.
func newEdgeTerm(e *model.Edge, out bool, attrs *ast.Term) *ast.Term {
	end, other := "from", e.From
	if out {
		end, other = "to", e.To
	}
	return ast.ObjectTerm(ast.Item(ast.InternedTerm("kind"), ast.InternedTerm(string(e.Kind))),
		ast.Item(ast.InternedTerm(end), ast.StringTerm(other)), ast.Item(ast.InternedTerm("attrs"), attrs))
}

// explanation are the edge attributes that explain a fact rather than state it: the link stage's
// evidence (file:line of each step), its sentence, the chains behind a derived edge and the IAM statements
// that grant it. Controls decide on facts (access levels, actions, confidence, assumptions); results point
// at the offending node, whose edges keep their explanation in the graph. Leaving these out of the input
// makes it several times smaller: most edges are IAM grants, whose explanation is most of their size.
var explanation = map[string]bool{"evidence": true, "reason": true, "via": true, "statements": true}

// edgeFacts converts an edge's attributes without their explanation.
func edgeFacts(c *converter, e *model.Edge) *ast.Term {
	drop := false
	for k := range e.Attrs {
		if explanation[k] {
			drop = true
			break
		}
	}
	if !drop {
		return c.term(e.Attrs)
	}
	items := make([][2]*ast.Term, 0, len(e.Attrs))
	for k, v := range e.Attrs {
		if !explanation[k] {
			items = append(items, [2]*ast.Term{ast.InternedTerm(k), c.term(v)})
		}
	}
	return ast.ObjectTerm(items...)
}

// derivedTerm gives each derived property's value (without its provenance).
func derivedTerm(c *converter, d map[string]model.DerivedValue) *ast.Term {
	items := make([][2]*ast.Term, 0, len(d))
	for k, v := range d {
		items = append(items, [2]*ast.Term{ast.StringTerm(k), c.term(v.Value)})
	}
	return ast.ObjectTerm(items...)
}

// prepare builds, on workers goroutines, the summaries, edge attributes and entries every selection in sels
// needs, so that selection only assembles cached terms. Each phase writes its own slice; the caches are
// filled between phases, so the goroutines only ever read them.
func (in *inputs) prepare(sels []Select, workers int) {
	picks := in.picks(sels)
	var needed []*model.Node
	need := func(id string) {
		if _, ok := in.summaries[id]; ok {
			return
		}
		if n, ok := in.g.Node(id); ok {
			in.summaries[id] = nil
			needed = append(needed, n)
		}
	}
	// Every edge some entry carries, with the views it is carried in, converted once (an edge between two
	// selected nodes shares its attributes between its views), in the graph's (from, kind, to) order.
	views := map[*model.Edge][2]bool{}
	carry := func(key string, es []*model.Edge, out bool) {
		for _, e := range es {
			if !readsKind(key, out, e.Kind) {
				continue
			}
			end, d := e.From, 1
			if out {
				end, d = e.To, 0
			}
			if withNeighbours(key) {
				need(end)
			}
			v := views[e]
			v[d] = true
			views[e] = v
		}
	}
	for _, p := range picks {
		need(p.n.ID)
		if p.key != "" {
			carry(p.key, in.g.Out(p.n.ID), true)
			carry(p.key, in.g.In(p.n.ID), false)
		}
	}
	var edges []*model.Edge
	for _, e := range in.g.Edges() {
		if _, ok := views[e]; ok {
			edges = append(edges, e)
		}
	}
	convs := make([]*converter, max(workers, 1))
	for w := range convs {
		convs[w] = newConverter()
	}
	sums := make([]*summary, len(needed))
	parallel(len(needed), workers, func(w, i int) { sums[i] = newSummary(convs[w], needed[i]) })
	for i, n := range needed {
		in.summaries[n.ID] = sums[i]
	}
	terms := make([][2]*ast.Term, len(edges))
	chunked(len(edges), workers, func(w, i int) {
		e, v := edges[i], views[edges[i]]
		attrs := edgeFacts(convs[w], e)
		for d := range 2 {
			if v[d] {
				terms[i][d] = newEdgeTerm(e, d == 0, attrs)
			}
		}
	})
	for i, e := range edges {
		for d, t := range terms[i] {
			if t != nil {
				in.edgeTerms[edgeView{e, d == 0}] = t
			}
		}
	}
	for _, p := range picks {
		in.grantsTerm(p.n)
	}
	entries := make([]*ast.Term, len(picks))
	parallel(len(picks), workers, func(_, i int) { entries[i] = in.buildEntry(picks[i].n, picks[i].key) })
	for i, p := range picks {
		in.entries[entryKey{p.n.ID, p.key}] = entries[i]
	}
}

// pick is an entry to build: a selected node and the kinds of its edges it carries (see carried).
type pick struct {
	n   *model.Node
	key string
}

// picks lists the distinct entries the selections need, in selection and ID order.
func (in *inputs) picks(sels []Select) []pick {
	seen := map[entryKey]bool{}
	var picks []pick
	for _, sel := range sels {
		for _, n := range in.candidates(sel) {
			if !sel.Matches(n) {
				continue
			}
			k := entryKey{n.ID, in.carried(n, sel)}
			if !seen[k] {
				seen[k] = true
				picks = append(picks, pick{n, k.edges})
			}
		}
	}
	return picks
}

// parallel calls fn(w, i) for i in 0..n-1 on up to workers goroutines; w numbers the goroutine.
func parallel(n, workers int, fn func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}

// chunked calls fn(w, i) for i in 0..n-1 on up to workers goroutines, each taking one contiguous run of
// indexes: the edges of one identity, which share their rendered actions and statements, then meet one
// converter's cache.
func chunked(n, workers int, fn func(w, i int)) {
	workers = min(max(workers, 1), n)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}
