package sbom

import (
	"sort"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// tree is the BOM's component tree and dependency graph, computed once from the graph.
type tree struct {
	g        *graph.Graph
	in       map[string]bool            // node IDs that are components of the BOM
	children map[string][]string        // parent → the components nested under it, sorted
	top      []string                   // top-level components, sorted
	deps     map[string]map[string]bool // ref → refs it depends on
	deployed map[string]bool            // modules and packages inside an image some workload runs
}

// topKinds are always top-level components; nestKinds nest under a home when they have one.
var (
	topKinds  = []model.NodeKind{model.KindBusinessService}
	nestKinds = []model.NodeKind{model.KindService, model.KindImage, model.KindModule, model.KindPackage}
)

func newTree(g *graph.Graph) *tree {
	t := &tree{g: g, in: map[string]bool{}, children: map[string][]string{}, deps: map[string]map[string]bool{}}
	for _, k := range append(append([]model.NodeKind(nil), topKinds...), nestKinds...) {
		for _, n := range g.NodesOfKind(k) {
			t.in[n.ID] = true
		}
	}
	t.deployed = deployed(g)
	t.place()
	t.link()
	return t
}

// deployed returns the modules and packages inside an image that some workload runs, following contains
// edges from each such image.
func deployed(g *graph.Graph) map[string]bool {
	seen := map[string]bool{}
	var stack []string
	for _, img := range g.NodesOfKind(model.KindImage) {
		if runBy(g, img.ID) {
			stack = append(stack, img.ID)
		}
	}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range g.Out(id) {
			if e.Kind == model.EdgeContains && !seen[e.To] {
				seen[e.To] = true
				stack = append(stack, e.To)
			}
		}
	}
	return seen
}

// runBy reports whether a workload runs the image.
func runBy(g *graph.Graph, image string) bool {
	for _, e := range g.In(image) {
		if n, ok := g.Node(e.From); ok && e.Kind == model.EdgeRuns && n.Kind == model.KindWorkload {
			return true
		}
	}
	return false
}

// place chooses each nested component's home and the top-level components. A node whose homes would form a
// cycle is made top-level, so every component appears exactly once.
func (t *tree) place() {
	var roots []string
	for _, k := range topKinds {
		for _, n := range t.g.NodesOfKind(k) {
			roots = append(roots, n.ID)
		}
	}
	for _, k := range nestKinds {
		for _, n := range t.g.NodesOfKind(k) {
			if h := t.home(n); h != "" {
				t.children[h] = append(t.children[h], n.ID)
			} else {
				roots = append(roots, n.ID)
			}
		}
	}
	seen := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		seen[id] = true
		for _, c := range t.children[id] {
			if !seen[c] {
				visit(c)
			}
		}
	}
	for _, r := range roots {
		visit(r)
	}
	for _, k := range nestKinds {
		for _, n := range t.g.NodesOfKind(k) {
			if !seen[n.ID] {
				roots = append(roots, n.ID)
				visit(n.ID)
			}
		}
	}
	for _, cs := range t.children {
		sort.Strings(cs)
	}
	sort.Strings(roots)
	t.top = roots
}

// home is the parent a node nests under, "" for none: the candidate of the lowest rank, then of the lowest
// ID. Ranks, best first — a service: the business service it is part of; an image: a service, then a
// business service; a lockfile: a lockfile or an image a workload runs, any image, a service, a business
// service; a package: a lockfile, an image, a service, a business service.
func (t *tree) home(n *model.Node) string {
	best, bestRank := "", 99
	consider := func(id string, rank int) {
		if !t.in[id] || id == n.ID {
			return
		}
		if rank < bestRank || rank == bestRank && id < best {
			best, bestRank = id, rank
		}
	}
	for _, e := range t.g.In(n.ID) {
		if e.Kind != model.EdgeContains || n.Kind != model.KindModule && n.Kind != model.KindPackage {
			continue
		}
		p, _ := t.g.Node(e.From)
		switch {
		case p.Kind == model.KindModule:
			consider(p.ID, 0)
		case p.Kind == model.KindImage && n.Kind == model.KindModule && runBy(t.g, p.ID):
			consider(p.ID, 0)
		case p.Kind == model.KindImage:
			consider(p.ID, 1)
		}
	}
	for _, e := range t.g.Out(n.ID) {
		if e.Kind != model.EdgePartOf {
			continue
		}
		p, _ := t.g.Node(e.To)
		switch {
		case n.Kind == model.KindService && p.Kind == model.KindBusinessService:
			consider(p.ID, 0)
		case n.Kind == model.KindService:
		case p.Kind == model.KindService:
			consider(p.ID, 2)
		case p.Kind == model.KindBusinessService:
			consider(p.ID, 3)
		}
	}
	return best
}

// link records the dependencies between components: containment, membership and depends-on.
func (t *tree) link() {
	for _, e := range t.g.Edges() {
		if !t.in[e.From] || !t.in[e.To] || e.From == e.To {
			continue
		}
		switch e.Kind {
		case model.EdgeContains, model.EdgeDependsOn:
			t.depend(e.From, e.To)
		case model.EdgePartOf:
			if to, _ := t.g.Node(e.To); to.Kind == model.KindService || to.Kind == model.KindBusinessService {
				t.depend(e.To, e.From)
			}
		}
	}
}

func (t *tree) depend(from, to string) {
	if t.deps[from] == nil {
		t.deps[from] = map[string]bool{}
	}
	t.deps[from][to] = true
}

// components renders the top-level components with their nested trees.
func (t *tree) components() []cdx.Component {
	out := make([]cdx.Component, 0, len(t.top))
	for _, id := range t.top {
		out = append(out, t.component(id))
	}
	return out
}

func (t *tree) component(id string) cdx.Component {
	n, _ := t.g.Node(id)
	c := nodeComponent(n)
	if cs := t.children[id]; len(cs) > 0 {
		nested := make([]cdx.Component, 0, len(cs))
		for _, child := range cs {
			nested = append(nested, t.component(child))
		}
		c.Components = &nested
	}
	return c
}

// nodeComponent is one graph node as a component, without its children.
func nodeComponent(n *model.Node) cdx.Component {
	c := cdx.Component{BOMRef: n.ID, Name: n.Name, Properties: provenance(n)}
	c.Description, _ = n.Attrs["description"].(string)
	switch n.Kind {
	case model.KindImage:
		c.Type = cdx.ComponentTypeContainer
	case model.KindPackage:
		c.Type = cdx.ComponentTypeLibrary
		if name, _ := n.Attrs["name"].(string); name != "" {
			c.Name = name
		}
		c.Version, _ = n.Attrs["version"].(string)
		c.PackageURL, _ = n.Attrs["purl"].(string)
		if c.PackageURL == "" && strings.HasPrefix(n.ID, "pkg:") {
			c.PackageURL = n.ID
		}
	case model.KindModule:
		c.Type = cdx.ComponentTypeApplication
		if p, _ := n.Attrs["module_path"].(string); p != "" {
			c.Name = p
		}
	default:
		c.Type = cdx.ComponentTypeApplication
	}
	props := []cdx.Property{{Name: "seam:kind", Value: string(n.Kind)}}
	if c.Properties != nil {
		props = append(props, *c.Properties...)
	}
	c.Properties = &props
	return c
}

// dependencies lists every component of the BOM, and the repository, with what it depends on, sorted.
func (t *tree) dependencies(root string) []cdx.Dependency {
	ids := make([]string, 0, len(t.in))
	for id := range t.in {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := []cdx.Dependency{dependency(root, t.top)}
	for _, id := range ids {
		var on []string
		for to := range t.deps[id] {
			on = append(on, to)
		}
		sort.Strings(on)
		out = append(out, dependency(id, on))
	}
	return out
}

func dependency(ref string, on []string) cdx.Dependency {
	d := cdx.Dependency{Ref: ref}
	if len(on) > 0 {
		on = append([]string(nil), on...)
		d.Dependencies = &on
	}
	return d
}
