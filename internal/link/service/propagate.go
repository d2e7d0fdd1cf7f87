package service

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// forward are the edges whose target belongs to the service of their source: the workload's image, the
// image's Dockerfile and lockfile modules, their packages, the ServiceAccount and the role it uses.
var forward = map[model.EdgeKind]bool{
	model.EdgeRuns: true, model.EdgeBuiltFrom: true, model.EdgeContains: true, model.EdgeUsesIdentity: true,
}

// step is one node reached by propagation, with how it was reached.
type step struct {
	id   string
	seed string
	conf link.Confidence
	via  []*model.Edge
}

// propagate extends a service's direct claims along forward edges and backwards along routes-to, breadth
// first, so that each node is reached by its shortest chain from the first seed (seeds in ID order).
func (w *work) propagate(svc *model.Node) {
	m := w.claims[svc.ID]
	if len(m) == 0 {
		return
	}
	seeds := make([]string, 0, len(m))
	for id := range m {
		seeds = append(seeds, id)
	}
	sort.Strings(seeds)
	seen := make(map[string]bool, len(seeds))
	queue := make([]step, 0, len(seeds))
	for _, id := range seeds {
		seen[id] = true
		queue = append(queue, step{id: id, seed: id, conf: m[id].conf})
	}
	g := w.in.Graph
	for head := 0; head < len(queue); head++ {
		cur := queue[head]
		visit := func(to string, e *model.Edge) {
			if seen[to] {
				return
			}
			seen[to] = true
			n, ok := g.Node(to)
			if !ok || !claimable(n) || n.Kind == model.KindService {
				return
			}
			next := step{id: to, seed: cur.seed, conf: min(cur.conf, edgeConfidence(e)),
				via: append(append([]*model.Edge(nil), cur.via...), e)}
			w.add(svc, w.propagated(svc, n, next, m[cur.seed]))
			queue = append(queue, next)
		}
		for _, e := range g.Out(cur.id) {
			if forward[e.Kind] {
				visit(e.To, e)
			}
		}
		for _, e := range g.In(cur.id) {
			if e.Kind == model.EdgeRoutesTo {
				visit(e.From, e)
			}
		}
	}
}

// propagated describes a claim reached along s.via from the seed's claim.
func (w *work) propagated(svc, n *model.Node, s step, seed *claim) *claim {
	keys := make([]string, len(s.via))
	kinds := make([]string, len(s.via))
	var ev []model.Evidence
	for i, e := range s.via {
		keys[i], kinds[i] = e.Key(), string(e.Kind)
	}
	for i := len(s.via) - 1; i >= 0; i-- { // the edge that reaches the node first: it is the edge's provenance
		ev = append(ev, link.EvidenceOfEdge(s.via[i], s.via[i].Key()))
	}
	ev = append(ev, seed.evidence[0])
	return &claim{node: n, method: MethodPropagated, conf: s.conf, evidence: ev, seed: s.seed, via: keys,
		assumptions: seed.assumptions,
		reason: fmt.Sprintf("%s is reached from %s (part of %s by %s) along %s", n.ID, s.seed, svc.ID,
			seed.method, strings.Join(kinds, ", "))}
}

// edgeConfidence reads a link edge's confidence; an extractor's edge states what its file says: certain.
func edgeConfidence(e *model.Edge) link.Confidence {
	if c, ok := e.Attrs["confidence"].(float64); ok {
		return link.Confidence(c)
	}
	return link.Certain
}

// multiClaims reports nodes that two business services, or two Components, claim, with one info diagnostic
// each: a workload, identity or store in two services usually means two globs overlap. Shared artefacts
// (packages, images built elsewhere) and shared infrastructure (an Ingress in front of several services, a
// network, a cluster and its nodes) are expected to be claimed by several and are not reported.
func (w *work) multiClaims(byNode map[string][]string) {
	ids := make([]string, 0, len(byNode))
	for id := range byNode {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		n, _ := w.in.Graph.Node(id)
		list, several := w.families(byNode[id])
		if !several || sharedArtefact(w.in.Graph, n) || sharedInfrastructure[n.Kind] {
			continue
		}
		w.out.Diagnostics = append(w.out.Diagnostics, model.Diagnostic{File: n.Prov.File, Line: n.Prov.Line,
			Severity: model.SeverityInfo, Extractor: link.Extractor(w.b),
			Message: fmt.Sprintf("%s is part of several services: %s; it has a part-of edge to each", id, list)})
	}
}

// sharedInfrastructure are the kinds several services legitimately share.
var sharedInfrastructure = map[model.NodeKind]bool{model.KindExposure: true, model.KindNetwork: true,
	model.KindCluster: true, model.KindHost: true, model.KindAccount: true, model.KindLogging: true}

// families lists the services claiming a node, business services and Components apart, and reports whether
// two of one family claim it (a Component and the business service of the same name do not count).
func (w *work) families(services []string) (string, bool) {
	var business, components []string
	for _, s := range services {
		if n, ok := w.in.Graph.Node(s); ok && n.Kind == model.KindService {
			components = append(components, s)
		} else {
			business = append(business, s)
		}
	}
	var parts []string
	if len(business) > 0 {
		parts = append(parts, strings.Join(business, ", ")+" (business services)")
	}
	if len(components) > 0 {
		parts = append(parts, strings.Join(components, ", ")+" (Backstage components)")
	}
	return strings.Join(parts, "; "), len(business) > 1 || len(components) > 1
}

// sharedArtefact reports whether a node is something many services are expected to share: a package, or
// an image no Dockerfile of the repository builds (a base image, a public image).
func sharedArtefact(g *graph.Graph, n *model.Node) bool {
	switch n.Kind {
	case model.KindPackage:
		return true
	case model.KindImage:
		for _, e := range g.Out(n.ID) {
			if d, ok := g.Node(e.To); ok && e.Kind == model.EdgeBuiltFrom && d.Kind == model.KindDockerfile {
				return false
			}
		}
		return true
	}
	return false
}
