package kubernetes

import (
	"fmt"
	"sort"

	"k8s.io/apimachinery/pkg/labels"

	"github.com/seam-sec/seam/internal/model"
)

// resolveFacts is the cross-object pass over every file's facts: it emits references (with implicit nodes for
// targets no file defines), matches Service, NetworkPolicy and aggregation selectors, settles each workload's
// token automounting against its ServiceAccount, and sorts everything.
func resolveFacts(bs []built) model.Facts {
	var f model.Facts
	defined := map[string]bool{}
	saAutomount := map[string]*bool{}
	var workloads []*workloadInfo
	var clusterRoles []*model.Node
	for _, b := range bs {
		for _, n := range b.nodes {
			defined[n.ID] = true
			if n.Type == "ClusterRole" {
				clusterRoles = append(clusterRoles, n)
			}
		}
		for id, v := range b.saAutomount {
			if _, seen := saAutomount[id]; !seen {
				saAutomount[id] = v
			}
		}
		workloads = append(workloads, b.workloads...)
		f.Diagnostics = append(f.Diagnostics, b.diags...)
		f.Assumptions = append(f.Assumptions, b.assumptions...)
	}
	f.Assumptions = append(f.Assumptions, settleAutomount(workloads, saAutomount)...)
	var implicit []model.Node
	f.Edges, implicit = emitRefs(bs, defined)
	f.Edges = append(f.Edges, matchSelectors(bs, workloads, clusterRoles)...)
	for _, b := range bs {
		for _, n := range b.nodes {
			normalise(n.Attrs, 0)
			f.Nodes = append(f.Nodes, *n)
		}
	}
	f.Nodes = append(f.Nodes, implicit...)
	sortFacts(&f)
	return f
}

// emitRefs turns references into edges, and returns one implicit node (the first by provenance) for each
// target that no file defines.
func emitRefs(bs []built, defined map[string]bool) ([]model.Edge, []model.Node) {
	var edges []model.Edge
	implicit := map[string]model.Node{}
	for _, b := range bs {
		for _, r := range b.refs {
			edges = append(edges, r.edge)
			if defined[r.edge.To] {
				continue
			}
			if cur, ok := implicit[r.edge.To]; !ok || r.implicit.Prov.Less(cur.Prov) {
				implicit[r.edge.To] = r.implicit
			}
		}
	}
	nodes := make([]model.Node, 0, len(implicit))
	for _, n := range implicit {
		nodes = append(nodes, n)
	}
	return edges, nodes
}

// matchSelectors makes the edges of label selectors: Service → workloads (routes-to) and NetworkPolicy →
// workloads (selects) within a namespace, and aggregating ClusterRole → ClusterRoles (references).
func matchSelectors(bs []built, workloads []*workloadInfo, clusterRoles []*model.Node) []model.Edge {
	var edges []model.Edge
	byNS := map[string][]*workloadInfo{}
	for _, w := range workloads {
		byNS[w.namespace] = append(byNS[w.namespace], w)
	}
	for _, b := range bs {
		for _, s := range append(append([]*selectorInfo{}, b.routes...), b.policies...) {
			for _, w := range byNS[s.namespace] {
				if matchesAny(s.selectors, w.podLabels) {
					edges = append(edges, selectorEdge(s, w.node.ID))
				}
			}
		}
		for _, s := range b.aggregates {
			for _, cr := range clusterRoles {
				if cr.ID != s.from && matchesAny(s.selectors, attrLabels(cr.Attrs["labels"])) {
					edges = append(edges, selectorEdge(s, cr.ID))
				}
			}
		}
	}
	return edges
}

// settleAutomount works out whether each workload gets a ServiceAccount token: the pod's setting wins, then
// its ServiceAccount's, then the Kubernetes default (mounted). When the ServiceAccount is not in the scanned
// files its setting is unknown, and the assumption says so.
func settleAutomount(workloads []*workloadInfo, sa map[string]*bool) []model.Assumption {
	var out []model.Assumption
	for _, w := range workloads {
		saValue, saDefined := sa[w.saID]
		w.node.Attrs["service_account_automount"] = boolPtr(saValue)
		switch {
		case w.automount != nil:
			w.node.Attrs["automount_effective"] = *w.automount
		case saValue != nil:
			w.node.Attrs["automount_effective"] = *saValue
		default:
			w.node.Attrs["automount_effective"] = true
			if !saDefined {
				out = append(out, model.Assumption{
					Subject: w.node.ID, Attribute: "automount_effective",
					Reason: fmt.Sprintf("the pod does not set automountServiceAccountToken and ServiceAccount %s is not defined in the scanned files",
						w.saID),
					Assumed: "the ServiceAccount token is mounted (the Kubernetes default)",
					Prov:    prov(w.node.Prov.File, w.saLine),
				})
			}
		}
	}
	return out
}

func matchesAny(sels []labels.Selector, set labels.Set) bool {
	for _, s := range sels {
		if s.Matches(set) {
			return true
		}
	}
	return false
}

func selectorEdge(s *selectorInfo, to string) model.Edge {
	attrs := make(map[string]any, len(s.attrs))
	for k, v := range s.attrs {
		attrs[k] = v
	}
	line := s.line
	if line == 0 {
		line = 1
	}
	return model.Edge{From: s.from, To: to, Kind: s.edgeKind, Attrs: attrs, Prov: prov(s.file, line)}
}

// attrLabels turns a labels attribute back into a label set.
func attrLabels(v any) labels.Set {
	m, _ := v.(map[string]any)
	set := make(labels.Set, len(m))
	for k, val := range m {
		if s, ok := val.(string); ok {
			set[k] = s
		}
	}
	return set
}

// sortFacts orders nodes by ID then provenance, edges by key then provenance.
func sortFacts(f *model.Facts) {
	sort.SliceStable(f.Nodes, func(i, j int) bool {
		a, b := f.Nodes[i], f.Nodes[j]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Prov.Less(b.Prov)
	})
	sort.SliceStable(f.Edges, func(i, j int) bool {
		a, b := f.Edges[i], f.Edges[j]
		if ka, kb := a.Key(), b.Key(); ka != kb {
			return ka < kb
		}
		return a.Prov.Less(b.Prov)
	})
	model.SortDiagnostics(f.Diagnostics)
	model.SortAssumptions(f.Assumptions)
}

// normalise replaces typed nil slices and maps inside attributes with a plain nil, so that an absent list reads
// as nil to every consumer (not only to encoding/json).
func normalise(m map[string]any, depth int) {
	if depth > maxDepth {
		return
	}
	for k, v := range m {
		m[k] = normaliseValue(v, depth+1)
	}
}

func normaliseValue(v any, depth int) any {
	switch x := v.(type) {
	case []any:
		if x == nil {
			return nil
		}
		for i, e := range x {
			x[i] = normaliseValue(e, depth+1)
		}
	case map[string]any:
		if x == nil {
			return nil
		}
		normalise(x, depth)
	}
	return v
}
