package graph

import "github.com/seam-sec/seam/internal/model"

// Node returns the node with the given ID.
func (g *Graph) Node(id string) (*model.Node, bool) {
	n, ok := g.nodes[id]
	return n, ok
}

// Nodes returns every node, sorted by ID.
func (g *Graph) Nodes() []*model.Node { return g.order }

// NodesOfKind returns the nodes of one kind, sorted by ID.
func (g *Graph) NodesOfKind(k model.NodeKind) []*model.Node { return g.byKind[k] }

// Edges returns every edge, sorted by (from, kind, to).
func (g *Graph) Edges() []*model.Edge { return g.edges }

// Out returns the edges leaving a node, sorted by (kind, to).
func (g *Graph) Out(id string) []*model.Edge { return g.out[id] }

// In returns the edges entering a node, sorted by (from, kind).
func (g *Graph) In(id string) []*model.Edge { return g.in[id] }

// Diagnostics returns every diagnostic recorded while building the graph, sorted.
func (g *Graph) Diagnostics() []model.Diagnostic { return g.diags }

// Assumptions returns every assumption, sorted and without duplicates.
func (g *Graph) Assumptions() []model.Assumption { return g.assums }

// Len reports the number of nodes and edges.
func (g *Graph) Len() (nodes, edges int) { return len(g.order), len(g.edges) }
