package owner

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// resolver decides the owner of nodes, memoising results so that a service's owner is decided once for all
// its members.
type resolver struct {
	b         *Builder
	g         *graph.Graph
	names     *names
	resources []ownerGlob
	paths     []ownerGlob
	co        *codeownersFile
	byFile    map[string][]candidate // file → seam.yaml paths and CODEOWNERS candidates
	done      map[string]*result
	via       map[string]*candidate // service or module ID → the proposal it passes on (nil: none)
	busy      map[string]bool
	implicit  map[string]model.Node // owner nodes to create, by ID
	orphans   []*model.Node
	out       model.Facts
}

// maxCandidates caps the other proposals a derived owner lists (a package many lockfiles pin has one per
// lockfile); candidates_more counts the rest.
const maxCandidates = 20

// result is the decision for one node: the winner (nil for an orphan), every other proposal, and the
// proposals that conflict with the winner.
type result struct {
	win       *candidate
	others    []candidate
	conflicts []candidate
}

func newResolver(b *Builder, in *link.Input) *resolver {
	r := &resolver{b: b, g: in.Graph, byFile: map[string][]candidate{}, done: map[string]*result{},
		via: map[string]*candidate{}, busy: map[string]bool{}, implicit: map[string]model.Node{}}
	var diags []model.Diagnostic
	r.names, diags = newNames(b, in.Graph)
	r.out.Diagnostics = append(r.out.Diagnostics, diags...)
	r.resources, r.paths = seamGlobs(in.Graph)
	r.co, diags = findCodeowners(b, in.Graph)
	r.out.Diagnostics = append(r.out.Diagnostics, diags...)
	r.out.Edges = make([]model.Edge, 0, len(in.Graph.Nodes()))
	r.out.Derived = make([]model.Derived, 0, len(in.Graph.Nodes()))
	return r
}

// resolve decides a node's owner. A node met again while it is being decided (a cycle of part-of edges)
// contributes nothing.
func (r *resolver) resolve(n *model.Node) *result {
	if res, ok := r.done[n.ID]; ok {
		return res
	}
	if r.busy[n.ID] {
		return nil
	}
	r.busy[n.ID] = true
	res := decide(r.candidates(n))
	delete(r.busy, n.ID)
	r.done[n.ID] = res
	return res
}

// candidates collects every proposal for a node's owner.
func (r *resolver) candidates(n *model.Node) []candidate {
	cs := globCandidates(r.resources, n.ID, stepSeamResources, "resources")
	if shared(r.g, n) {
		if in := r.users(n); len(in) > 0 {
			return append(cs, in...)
		}
		if n.Kind == model.KindPackage {
			return append(cs, r.inherited(n)...)
		}
	}
	cs = append(cs, r.seamServices(n)...)
	if !n.Implicit && n.Prov.File != "" && n.Prov.File != config.BuiltinFile {
		cs = append(cs, r.fileCandidates(n.Prov.File)...)
	}
	cs = append(cs, r.backstage(n)...)
	cs = append(cs, r.tags(n)...)
	return append(cs, r.inherited(n)...)
}

// shared reports whether a node is an artefact many services use and none owns alone: a package, or an
// image no Dockerfile of the repository builds (a base image, a public image a workload runs). Such nodes
// take the owner of what uses them, and several owners among those is no conflict.
func shared(g *graph.Graph, n *model.Node) bool {
	switch n.Kind {
	case model.KindPackage:
		return true
	case model.KindImage:
		for _, e := range g.Out(n.ID) {
			if e.Kind != model.EdgeBuiltFrom {
				continue
			}
			if d, ok := g.Node(e.To); ok && d.Kind == model.KindDockerfile {
				return false
			}
		}
		return true
	}
	return false
}

// fileCandidates returns the seam.yaml paths and CODEOWNERS proposals for a file, computed once per file.
func (r *resolver) fileCandidates(file string) []candidate {
	if cs, ok := r.byFile[file]; ok {
		return cs
	}
	cs := globCandidates(r.paths, file, stepSeamPaths, "paths")
	cs = append(cs, r.co.candidates(r.names, file)...)
	r.byFile[file] = cs
	return cs
}

// inherited proposes the decided owner of every service the node is part of.
func (r *resolver) inherited(n *model.Node) []candidate {
	var out []candidate
	for _, s := range r.partOf(n, model.KindBusinessService, model.KindService) {
		if c := r.passOn(s, SourceService, "which it is part of"); c != nil {
			out = append(out, *c)
		}
	}
	if n.Kind == model.KindImage {
		// An image the repository builds is owned like the Dockerfile that builds it.
		for _, e := range r.g.Out(n.ID) {
			if d, ok := r.g.Node(e.To); ok && e.Kind == model.EdgeBuiltFrom && d.Kind == model.KindDockerfile {
				if c := r.passOn(d, SourceDockerfile, "which builds it"); c != nil {
					out = append(out, *c)
				}
			}
		}
	}
	return out
}

// users proposes, for a shared artefact, the decided owner of each node that uses it: the lockfile modules
// and images that contain a package, the Dockerfiles that build from an image and the workloads that run it.
func (r *resolver) users(n *model.Node) []candidate {
	var out []candidate
	for _, e := range r.g.In(n.ID) {
		u, ok := r.g.Node(e.From)
		if !ok {
			continue
		}
		var source, relation string
		switch {
		case e.Kind == model.EdgeContains && (u.Kind == model.KindModule || u.Kind == model.KindImage):
			source, relation = SourceModule, "which contains it"
		case e.Kind == model.EdgeBuiltFrom && u.Kind == model.KindDockerfile:
			source, relation = SourceDockerfile, "which builds from it"
		case e.Kind == model.EdgeRuns && u.Kind == model.KindWorkload:
			source, relation = SourceWorkload, "which runs it"
		default:
			continue
		}
		if c := r.passOn(u, source, relation); c != nil {
			out = append(out, *c)
		}
	}
	return out
}

// passOn returns the proposal a service or module makes to what it holds: its own decided owner. It is
// computed once per service or module.
func (r *resolver) passOn(from *model.Node, source, relation string) *candidate {
	if c, ok := r.via[from.ID]; ok {
		return c
	}
	res := r.resolve(from)
	if res == nil {
		return nil // a cycle: decided later, without this proposal
	}
	var c *candidate
	if res.win != nil {
		rule := fmt.Sprintf("owner of %s (%s), %s", from.ID, res.win.source, relation)
		c = &candidate{owner: res.win.owner, named: res.win.named, source: source, step: stepInherited, rule: rule,
			ev: model.Evidence{File: res.win.ev.File, Line: res.win.ev.Line, What: rule}}
	}
	r.via[from.ID] = c
	return c
}

// decide sorts the proposals and picks the winner (see less); proposals of the winner's step and specificity
// naming another owner are conflicts. Co-owners never win or conflict.
func decide(cs []candidate) *result {
	sort.SliceStable(cs, func(i, j int) bool { return less(cs[i], cs[j]) })
	res := &result{}
	for i := range cs {
		c := cs[i]
		if res.win == nil && !c.coOwner {
			res.win = &cs[i]
			continue
		}
		if seenBefore(res.others, c) {
			continue
		}
		res.others = append(res.others, c)
		if !c.coOwner && res.win != nil && c.step == res.win.step && c.spec == res.win.spec && c.owner != res.win.owner {
			res.conflicts = append(res.conflicts, c)
		}
	}
	return res
}

// seenBefore reports whether a proposal of the same owner, source and rule is already listed (lists are short).
func seenBefore(list []candidate, c candidate) bool {
	for _, o := range list {
		if o.owner == c.owner && o.source == c.source && o.rule == c.rule {
			return true
		}
	}
	return false
}

// confidence grades an owner by its source.
func confidence(source string) link.Confidence {
	switch source {
	case SourceSeam:
		return link.Certain
	case SourceBackstage, SourceTag, SourceLabel:
		return link.High
	}
	return link.Medium
}

// emit records a node's decision: the derived owner, the owned-by edge, a conflict warning; or an orphan.
func (r *resolver) emit(n *model.Node, res *result) {
	if res == nil || res.win == nil {
		r.orphans = append(r.orphans, n)
		r.out.Derived = append(r.out.Derived, link.NewDerived(r.b, n.ID, Key, map[string]any{"orphan": true},
			link.Evidence(n, "no source names an owner")))
		return
	}
	w := res.win
	r.ensureOwner(w)
	value := map[string]any{"owner": w.owner, "name": r.names.display(w.owner), "source": w.source, "rule": w.rule}
	if len(res.others) > 0 {
		shown := res.others[:min(len(res.others), maxCandidates)]
		cands := make([]any, len(shown))
		for i, c := range shown {
			cands[i] = r.candidateAttr(c)
		}
		value["candidates"] = cands
		if len(res.others) > len(shown) {
			value["candidates_more"] = len(res.others) - len(shown)
		}
	}
	if len(res.conflicts) > 0 {
		value["conflict"] = true
		if !shared(r.g, n) {
			r.conflict(n, res)
		}
	}
	r.out.Derived = append(r.out.Derived, link.NewDerived(r.b, n.ID, Key, value, w.ev))
	e := link.NewEdge(r.b, n.ID, model.EdgeOwnedBy, w.owner, link.Link{
		Method: w.source, Confidence: confidence(w.source), Evidence: []model.Evidence{w.ev},
		Reason: fmt.Sprintf("%s is owned by %s: %s", n.ID, r.names.display(w.owner), w.rule)})
	e.Attrs["rule"] = w.rule // set here rather than through Link.Attrs: one map less per node
	r.out.Edges = append(r.out.Edges, e)
}

func (r *resolver) candidateAttr(c candidate) map[string]any {
	m := map[string]any{"owner": c.owner, "name": r.names.display(c.owner), "source": c.source, "rule": c.rule,
		"file": c.ev.File}
	if c.ev.Line > 0 {
		m["line"] = c.ev.Line
	}
	if c.coOwner {
		m["co_owner"] = true
	}
	return m
}

// ensureOwner makes an implicit owner node for a winner no source declares.
func (r *resolver) ensureOwner(c *candidate) {
	if _, ok := r.g.Node(c.owner); ok {
		return
	}
	if _, ok := r.implicit[c.owner]; ok {
		return
	}
	r.implicit[c.owner] = model.Node{ID: c.owner, Kind: model.KindOwner, Type: "owner", Name: c.named, Implicit: true,
		Attrs: map[string]any{"source": link.Extractor(r.b), "named_by": c.source},
		Prov:  model.Provenance{File: c.ev.File, Line: c.ev.Line, Extractor: link.Extractor(r.b)}}
}

// conflict warns at the node's file and line that one step proposed several owners, and says which won.
func (r *resolver) conflict(n *model.Node, res *result) {
	props := []string{fmt.Sprintf("%s → %s", res.win.rule, res.win.owner)}
	for _, c := range res.conflicts {
		props = append(props, fmt.Sprintf("%s → %s", c.rule, c.owner))
	}
	r.out.Diagnostics = append(r.out.Diagnostics, model.Diagnostic{File: n.Prov.File, Line: n.Prov.Line,
		Severity: model.SeverityWarning, Extractor: link.Extractor(r.b),
		Message: fmt.Sprintf("owner conflict on %s: %d proposals of one precedence step (%s) name different owners: %s; %s wins (tie-break: tag keys owner, team, owner-team, then the rule first in the files, then the owner ID)",
			n.ID, len(props), stepNames[res.win.step], strings.Join(props, "; "), res.win.owner)})
}

// finish adds the implicit owner nodes and the orphan summary, and sorts what is emitted.
func (r *resolver) finish() {
	ids := make([]string, 0, len(r.implicit))
	for id := range r.implicit {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r.out.Nodes = append(r.out.Nodes, r.implicit[id])
	}
	// Edges and derived values are already in node order: at most one of each per node, emitted in ID order.
	model.SortDiagnostics(r.out.Diagnostics)
	model.SortAssumptions(r.out.Assumptions)
}

// countNodes says "1 node has" or "3 nodes have".
func countNodes(n int, one, many string) string {
	if n == 1 {
		return "1 node " + one
	}
	return fmt.Sprintf("%d nodes %s", n, many)
}
