package policy

import (
	"sort"

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
	summaries map[string][][2]*ast.Term
	entries   map[string]*ast.Term
	edgeAttrs map[*model.Edge]*ast.Term
}

// pathRef is one attack path through a node.
type pathRef struct {
	id, entry, target, role string
	risk                    float64
}

func newInputs(g *graph.Graph, pr *paths.Result) *inputs {
	in := &inputs{g: g, paths: map[string][]pathRef{}, summaries: map[string][][2]*ast.Term{},
		entries: map[string]*ast.Term{}, edgeAttrs: map[*model.Edge]*ast.Term{}}
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
		terms = append(terms, in.entry(n))
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
func (in *inputs) single(n *model.Node) ast.Value {
	return ast.NewObject(ast.Item(ast.StringTerm("nodes"), ast.ArrayTerm(in.entry(n))))
}

// summary is what a neighbour shows: id, kind, type, name, attrs, derived, file and line.
func (in *inputs) summary(n *model.Node) [][2]*ast.Term {
	if s, ok := in.summaries[n.ID]; ok {
		return s
	}
	s := [][2]*ast.Term{
		ast.Item(ast.StringTerm("id"), ast.StringTerm(n.ID)),
		ast.Item(ast.StringTerm("kind"), ast.StringTerm(string(n.Kind))),
		ast.Item(ast.StringTerm("type"), ast.StringTerm(n.Type)),
		ast.Item(ast.StringTerm("name"), ast.StringTerm(n.Name)),
		ast.Item(ast.StringTerm("file"), ast.StringTerm(n.Prov.File)),
		ast.Item(ast.StringTerm("line"), ast.IntNumberTerm(n.Prov.Line)),
		ast.Item(ast.StringTerm("attrs"), valueTerm(n.Attrs)),
		ast.Item(ast.StringTerm("derived"), derivedTerm(n.Derived)),
	}
	in.summaries[n.ID] = s
	return s
}

// entry is a selected node: its summary with its edges, neighbours and the attack paths through it.
func (in *inputs) entry(n *model.Node) *ast.Term {
	if e, ok := in.entries[n.ID]; ok {
		return e
	}
	items := append([][2]*ast.Term(nil), in.summary(n)...)
	var out, inc []*ast.Term
	neighbours := ast.NewObject()
	addNeighbour := func(id string) {
		k := ast.StringTerm(id)
		if neighbours.Get(k) != nil {
			return
		}
		if m, ok := in.g.Node(id); ok {
			neighbours.Insert(k, ast.ObjectTerm(in.summary(m)...))
		}
	}
	for _, e := range in.g.Out(n.ID) {
		out = append(out, ast.ObjectTerm(
			ast.Item(ast.StringTerm("kind"), ast.StringTerm(string(e.Kind))),
			ast.Item(ast.StringTerm("to"), ast.StringTerm(e.To)),
			ast.Item(ast.StringTerm("attrs"), in.edgeAttr(e))))
		addNeighbour(e.To)
	}
	for _, e := range in.g.In(n.ID) {
		inc = append(inc, ast.ObjectTerm(
			ast.Item(ast.StringTerm("kind"), ast.StringTerm(string(e.Kind))),
			ast.Item(ast.StringTerm("from"), ast.StringTerm(e.From)),
			ast.Item(ast.StringTerm("attrs"), in.edgeAttr(e))))
		addNeighbour(e.From)
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
	items = append(items,
		ast.Item(ast.StringTerm("out"), ast.ArrayTerm(out...)),
		ast.Item(ast.StringTerm("in"), ast.ArrayTerm(inc...)),
		ast.Item(ast.StringTerm("neighbours"), ast.NewTerm(neighbours)),
		ast.Item(ast.StringTerm("paths"), ast.ArrayTerm(ps...)))
	t := ast.ObjectTerm(items...)
	in.entries[n.ID] = t
	return t
}

func (in *inputs) edgeAttr(e *model.Edge) *ast.Term {
	if t, ok := in.edgeAttrs[e]; ok {
		return t
	}
	t := valueTerm(e.Attrs)
	in.edgeAttrs[e] = t
	return t
}

// valueTerm converts JSON-compatible attributes; nil and values OPA cannot take become an empty object.
func valueTerm(attrs map[string]any) *ast.Term {
	if len(attrs) == 0 {
		return ast.ObjectTerm()
	}
	v, err := ast.InterfaceToValue(attrs)
	if err != nil {
		return ast.ObjectTerm()
	}
	return ast.NewTerm(v)
}

// derivedTerm gives each derived property's value (without its provenance).
func derivedTerm(d map[string]model.DerivedValue) *ast.Term {
	if len(d) == 0 {
		return ast.ObjectTerm()
	}
	m := make(map[string]any, len(d))
	for k, v := range d {
		m[k] = v.Value
	}
	return valueTerm(m)
}
