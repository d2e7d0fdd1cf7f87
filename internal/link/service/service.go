// Package service decides which service each application and infrastructure node belongs to, as part-of edges
// to the service node: a seam.yaml business service (business-service:<name>, by its resources and paths
// globs) or a Backstage Component (service:<namespace>/<name>, by its Kubernetes and source-location
// annotations). From what it claims directly it follows the links earlier stages made — a workload's image,
// Dockerfile, lockfile modules and packages, its ServiceAccount and the IAM role that uses, the Services and
// Ingresses that route to it — so that they belong to the workload's service too.
//
// The builder runs in stage "derive", so that the owner and criticality builders of stage "context" see its
// edges; it reads the join stage's runs, built-from, contains and uses-identity edges.
//
// Decisions:
//   - Direct claims: a seam.yaml service's resources glob matching a node ID (certain); its paths glob
//     matching the file that defines a node (high: one file may define things of several services); a
//     Component's backstage.io/kubernetes-label-selector (high) or, without one, the objects labelled
//     backstage.io/kubernetes-id (certain), both within backstage.io/kubernetes-namespace when given; when no
//     object carries that label, workloads named after the kubernetes-id (name, app.kubernetes.io/name or app
//     label; medium), as the example and many catalogs are written; backstage.io/source-location, the files
//     under its path in this repository (medium, with the assumption that the URL names the scanned
//     repository).
//   - Path globs and source locations claim only nodes a file defines: not implicit nodes (an image a manifest
//     only names), not packages (a package node stands for every lockfile that pins it; packages are reached
//     through their modules), not Backstage entities (the catalog states their relations itself), not
//     Components. Organisation-layer and special nodes are never claimed.
//   - Propagation follows runs, built-from, contains and uses-identity forwards and routes-to backwards (the
//     Service and Ingress that route to a workload), from every directly claimed node. It does not follow
//     reads-secret, connects-to, can or runs-on: a Secret, a database or a node group a workload uses supports
//     the service without being part of it (criticality flows to them; see internal/link/owner).
//   - A propagated claim's confidence is the lowest of the claim it starts from and the edges it crosses; its
//     via attribute lists the edges, and its evidence their provenance.
//   - A node claimed by two business services, or by two Components, gets both edges and one info diagnostic
//     at its file and line. Packages and images no Dockerfile here builds are expected to be shared (a
//     library many services pin, a base image many Dockerfiles start from): they are counted in one summary
//     diagnostic instead.
//   - A Component annotation that matches nothing, and a source location Seam will not use (the repository
//     root, a URL it cannot read), are refused links with the reason.
package service

import (
	"context"
	"sort"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the builder's name; its facts have provenance extractor "link/service".
const Name = "service"

// Builder is the service membership builder. It holds no state and is safe for concurrent use.
type Builder struct{}

// New returns the service builder.
func New() *Builder { return &Builder{} }

var _ link.Builder = (*Builder)(nil)

// Name returns "service".
func (*Builder) Name() string { return Name }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "infrastructure and application nodes to the seam.yaml business services and Backstage Components they belong to, directly and through images, Dockerfiles, lockfiles, identities and routes"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"business-service resources and paths (seam.yaml)",
		"Component annotations backstage.io/kubernetes-id, kubernetes-namespace, kubernetes-label-selector, source-location",
		"Kubernetes labels and namespaces", "node provenance files",
		"edges runs, built-from, contains, uses-identity, routes-to",
	}
}

// Build makes the part-of edges, the diagnostics for nodes several services claim, and the refused links.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	w := newWork(b, in)
	for _, svc := range w.services() {
		if err := ctx.Err(); err != nil {
			return model.Facts{}, err
		}
		switch svc.Kind {
		case model.KindBusinessService:
			w.seamClaims(svc)
		case model.KindService:
			w.backstageClaims(svc)
		}
		w.propagate(svc)
	}
	w.emit()
	return w.out, nil
}

// claim says that a node belongs to a service, and why.
type claim struct {
	node        *model.Node
	method      string
	conf        link.Confidence
	reason      string
	evidence    []model.Evidence
	assumptions []string
	seed        string   // for a propagated claim: the directly claimed node it starts from
	via         []string // for a propagated claim: the edges crossed, as keys
}

// work holds one Build's state and output.
type work struct {
	b      *Builder
	in     *link.Input
	ids    idIndex
	files  fileIndex
	claims map[string]map[string]*claim // service ID → node ID → claim
	order  []string                     // service IDs in the order they were claimed for
	out    model.Facts
}

func newWork(b *Builder, in *link.Input) *work {
	return &work{b: b, in: in, ids: newIDIndex(in.Graph.Nodes()), files: newFileIndex(in.Graph.Nodes()),
		claims: map[string]map[string]*claim{}}
}

// services returns the nodes that can have members: seam.yaml business services with resources or paths,
// and Backstage Components, sorted by ID.
func (w *work) services() []*model.Node {
	var out []*model.Node
	for _, n := range w.in.Graph.NodesOfKind(model.KindBusinessService) {
		if n.Attrs["resources"] != nil || n.Attrs["paths"] != nil {
			out = append(out, n)
		}
	}
	for _, n := range w.in.Graph.NodesOfKind(model.KindService) {
		if n.Type == "Component" {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// add records a claim of svc on c.node, keeping the surer of two claims by the same service (the first on a
// tie, so direct claims made first stand).
func (w *work) add(svc *model.Node, c *claim) {
	if c.node.ID == svc.ID {
		return
	}
	m := w.claims[svc.ID]
	if m == nil {
		m = map[string]*claim{}
		w.claims[svc.ID] = m
		w.order = append(w.order, svc.ID)
	}
	if old, ok := m[c.node.ID]; ok && old.conf >= c.conf {
		return
	}
	m[c.node.ID] = c
}

// assume records an assumption a claim rests on, with the provenance of the entity that makes the claim; the
// same text is in the edges' assumptions attribute.
func (w *work) assume(subject, attribute, reason, assumed string, at *model.Node) {
	w.out.Assumptions = append(w.out.Assumptions, model.Assumption{Subject: subject, Attribute: attribute,
		Reason: reason, Assumed: assumed,
		Prov: model.Provenance{File: at.Prov.File, Line: at.Prov.Line, Extractor: link.Extractor(w.b)}})
}

func (w *work) broken(from string, l link.Link) {
	w.out.Broken = append(w.out.Broken, link.NewBroken(w.b, from, model.EdgePartOf, "", l))
}

// emit turns the claims into edges, sorted, and reports nodes that several services claim.
func (w *work) emit() {
	sort.Strings(w.order)
	byNode := map[string][]string{} // node ID → service IDs claiming it
	for _, sid := range w.order {
		m := w.claims[sid]
		ids := make([]string, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			c := m[id]
			byNode[id] = append(byNode[id], sid)
			attrs := map[string]any{}
			if c.seed != "" {
				attrs["seed"] = c.seed
				attrs["via"] = stringsAttr(c.via)
			}
			w.out.Edges = append(w.out.Edges, link.NewEdge(w.b, id, model.EdgePartOf, sid, link.Link{
				Method: c.method, Confidence: c.conf, Reason: c.reason, Evidence: c.evidence,
				Assumptions: c.assumptions, Attrs: attrs}))
		}
	}
	w.multiClaims(byNode)
	model.SortDiagnostics(w.out.Diagnostics)
	model.SortAssumptions(w.out.Assumptions)
	model.SortBrokenLinks(w.out.Broken)
}

func stringsAttr(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// claimable reports whether a node may belong to a service at all: application and infrastructure nodes.
func claimable(n *model.Node) bool {
	l := n.Kind.Layer()
	return l == model.LayerApplication || l == model.LayerInfrastructure
}

// definedInFile reports whether a node may be claimed through the file that defines it (see the package
// comment): a node a file really defines, not a package, a Component or a Backstage entity.
func definedInFile(n *model.Node) bool {
	return claimable(n) && !n.Implicit && n.Prov.File != "" && n.Kind != model.KindPackage &&
		n.Kind != model.KindService && n.Prov.Extractor != backstageExtractor
}
