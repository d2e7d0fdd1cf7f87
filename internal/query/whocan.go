package query

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/access"
	"github.com/seam-sec/seam/internal/model"
)

// WhoCanResult lists who may perform an action on a resource.
type WhoCanResult struct {
	Action   string        `json:"action"`
	Resource NodeRef       `json:"resource"`
	Entries  []WhoCanEntry `json:"identities"`
}

// WhoCanEntry is one identity that may, with the statements that allow it and the workloads that hold it.
type WhoCanEntry struct {
	Identity    NodeRef     `json:"identity"`
	Partial     bool        `json:"partial,omitempty"`   // only part of the resource (an object prefix)
	Uncertain   bool        `json:"uncertain,omitempty"` // the allow rests on assumptions
	Statements  []Statement `json:"statements"`
	Assumptions []string    `json:"assumptions,omitempty"`
	Reason      string      `json:"reason"`
	HeldBy      []Holder    `json:"held_by,omitempty"`
}

// Holder is a workload or host that holds an identity's credentials, with the chain that gives them.
type Holder struct {
	Node  NodeRef `json:"node"`
	Chain []Hop   `json:"chain"`
}

// WhoCan answers which identities may perform action on the resource node, evaluating every identity's
// policies and the resource's policy with internal/iam (for AWS resources), or reading the RBAC grants the link
// stage made (for Kubernetes objects, where action is a verb: get, list, watch, create, …).
func WhoCan(g *graph.Graph, action string, resource *model.Node) *WhoCanResult {
	res := &WhoCanResult{Action: action, Resource: ref(resource)}
	if strings.HasPrefix(resource.ID, "k8s:") {
		res.Entries = rbacWhoCan(g, action, resource)
	} else {
		res.Entries = iamWhoCan(g, action, resource)
	}
	for i := range res.Entries {
		res.Entries[i].HeldBy = holders(g, res.Entries[i].Identity.ID)
	}
	return res
}

func iamWhoCan(g *graph.Graph, action string, resource *model.Node) []WhoCanEntry {
	m := access.NewModel(g, link.NewIndex(g))
	var out []WhoCanEntry
	for _, r := range m.Resources {
		if r.ID != resource.ID {
			continue
		}
		for _, gr := range m.WhoCan(action, r) {
			n, ok := m.Node(gr.Principal.ID)
			if !ok {
				continue
			}
			d := gr.Decision
			e := WhoCanEntry{Identity: ref(n), Partial: d.Partial, Uncertain: d.Uncertain, Reason: d.Reason}
			for _, s := range d.Allowing {
				e.Statements = append(e.Statements, statementOf(s))
			}
			for _, a := range d.Assumptions {
				e.Assumptions = append(e.Assumptions, a.Text)
			}
			e.Assumptions = append(e.Assumptions, m.Unknown(gr.Principal.ID)...)
			out = append(out, e)
		}
	}
	return out
}

func statementOf(s iam.StatementRef) Statement {
	return Statement{Policy: s.Source.Node, Index: s.Index, Sid: s.Sid, What: s.Source.What, File: s.Source.File, Line: s.Source.Line}
}

// rbacWhoCan reads the can edges the rbac builder made into a Kubernetes object.
func rbacWhoCan(g *graph.Graph, verb string, resource *model.Node) []WhoCanEntry {
	var out []WhoCanEntry
	for _, e := range g.In(resource.ID) {
		if e.Kind != model.EdgeCan {
			continue
		}
		verbs := strs(e.Attrs["verbs"])
		if !contains(verbs, verb) && !contains(verbs, "*") {
			continue
		}
		n, ok := g.Node(e.From)
		if !ok {
			continue
		}
		r, _ := e.Attrs["reason"].(string)
		out = append(out, WhoCanEntry{Identity: ref(n), Statements: statementsOf(e), Assumptions: strs(e.Attrs["assumptions"]), Reason: r})
	}
	return out
}

// holders returns the workloads and hosts that hold an identity: the nodes whose uses-identity (and runs-on)
// edges lead to it within maxChain hops, each with its chain.
func holders(g *graph.Graph, id string) []Holder {
	type item struct {
		id    string
		chain []Hop // from the holder towards the identity, built backwards
	}
	var out []Holder
	seen := map[string]bool{id: true}
	queue := []item{{id: id}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if len(it.chain) == maxChain {
			continue
		}
		for _, e := range g.In(it.id) {
			if (e.Kind != model.EdgeUsesIdentity && e.Kind != model.EdgeRunsOn) || seen[e.From] {
				continue
			}
			seen[e.From] = true
			n, ok := g.Node(e.From)
			if !ok {
				continue
			}
			chain := append([]Hop{hop(e)}, it.chain...)
			if n.Kind == model.KindWorkload || n.Kind == model.KindHost {
				out = append(out, Holder{Node: ref(n), Chain: chain})
			}
			queue = append(queue, item{id: e.From, chain: chain})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Node.ID < out[j].Node.ID })
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
