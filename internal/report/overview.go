package report

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// overviewKinds are the node kinds a picture of the system shows: what runs, what it is built from, who it
// acts as, what reaches it and what it reaches. Policies, network plumbing, generic resources, single
// packages and the organisation's own nodes are left to the full graph; a lockfile module shows its package
// count, a node its owner and service.
var overviewKinds = map[model.NodeKind]bool{
	model.KindModule: true, model.KindImage: true, model.KindDockerfile: true,
	model.KindVulnerability: true, model.KindCodeFlaw: true, model.KindSecret: true, model.KindAPIOperation: true,
	model.KindWorkload: true, model.KindHost: true, model.KindIdentity: true, model.KindExposure: true,
	model.KindDataStore: true, model.KindCluster: true, model.KindKey: true, model.KindExternal: true,
	model.KindDataClass: true, model.KindEntryPoint: true,
}

// overviewEdges are the relationships the picture draws: the way in, what runs where and as whom, what it
// is built from, and what it reaches.
var overviewEdges = map[model.EdgeKind]bool{
	model.EdgeExposes: true, model.EdgeRoutesTo: true, model.EdgeRuns: true, model.EdgeBuiltFrom: true,
	model.EdgeContains: true, model.EdgeUsesIdentity: true, model.EdgeRunsOn: true, model.EdgeCan: true,
	model.EdgeCanAssume: true, model.EdgeConnectsTo: true, model.EdgeReadsSecret: true, model.EdgeMounts: true,
	model.EdgeHolds: true, model.EdgeNetworkReach: true, model.EdgeHasFlaw: true, model.EdgeAffectedBy: true,
}

// Overview returns the part of a document a picture of the system needs: the nodes of overviewKinds joined
// by overviewEdges (images only when something runs them, access edges only when they reach classified
// data or grant more than reading metadata), without the nodes left with no edge. Module labels carry their
// package count, node labels their owner and service. The result is a new document; d is not changed.
func Overview(d *Document) *Document {
	out := *d
	nodes := map[string]*model.Node{}
	for i := range d.Nodes {
		nodes[d.Nodes[i].ID] = &d.Nodes[i]
	}
	classified, ran, packages, service := map[string]bool{}, map[string]bool{}, map[string]int{}, map[string][]string{}
	for _, e := range d.Edges {
		switch {
		case e.Kind == model.EdgeRuns:
			ran[e.To] = true
		case e.Kind == model.EdgeHolds:
			classified[e.From] = true
		case e.Kind == model.EdgeContains && strings.HasPrefix(e.From, "module:"):
			packages[e.From]++
		case e.Kind == model.EdgePartOf && strings.HasPrefix(e.To, "business-service:") && e.Attrs["method"] != "propagated":
			service[e.From] = append(service[e.From], strings.TrimPrefix(e.To, "business-service:"))
		}
	}
	keep := func(id string) bool {
		n, ok := nodes[id]
		return ok && overviewKinds[n.Kind] && !(n.Kind == model.KindImage && !ran[id])
	}
	out.Edges = nil
	used := map[string]bool{}
	for _, e := range d.Edges {
		if !overviewEdges[e.Kind] || !keep(e.From) || !keep(e.To) {
			continue
		}
		if e.Kind == model.EdgeCan && !classified[e.To] && !beyondReading(e) {
			continue
		}
		out.Edges = append(out.Edges, e)
		used[e.From], used[e.To] = true, true
	}
	out.Nodes = nil
	for _, n := range d.Nodes {
		if !used[n.ID] {
			continue
		}
		if c := packages[n.ID]; c > 0 {
			n.Name = fmt.Sprintf("%s (%d packages)", n.Name, c)
		}
		if s := service[n.ID]; len(s) > 0 {
			n.Name += "\nservice " + strings.Join(s, ", ")
		}
		if o, ok := n.Derived["owner"]; ok {
			if m, ok := o.Value.(map[string]any); ok {
				if name, ok := m["owner"].(string); ok && name != "" {
					n.Name += "\nowner " + strings.TrimPrefix(name, "owner:")
				}
			}
		}
		out.Nodes = append(out.Nodes, n)
	}
	return &out
}

// beyondReading reports whether an access edge grants more than listing and reading (write, permissions
// management, admin): worth drawing even to a store that holds no classified data.
func beyondReading(e model.Edge) bool {
	levels, _ := e.Attrs["access"].([]any)
	for _, l := range levels {
		switch l {
		case "write", "permissions-management", "admin":
			return true
		}
	}
	return false
}
