package query

import (
	"fmt"
	"sort"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// AccessResult is what a node can reach: the identities it is or holds, and each one's grants.
type AccessResult struct {
	Subject    NodeRef          `json:"subject"`
	Identities []IdentityAccess `json:"identities"`
}

// IdentityAccess is one identity's reach.
type IdentityAccess struct {
	Identity NodeRef `json:"identity"`
	// Via is how the subject holds the identity: the chain of uses-identity (and runs-on) edges from it, each
	// hop with its reason. Empty when the subject is the identity.
	Via    []Hop   `json:"via,omitempty"`
	Grants []Grant `json:"grants"`
}

// Hop is one edge of a chain, with the reason the link stage gave.
type Hop struct {
	From   string `json:"from"`
	Kind   string `json:"kind"`
	To     string `json:"to"`
	Reason string `json:"reason,omitempty"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
}

// Grant is one can or can-assume edge of an identity.
type Grant struct {
	Kind         string      `json:"kind"` // can, can-assume
	Target       NodeRef     `json:"target"`
	Access       []string    `json:"access,omitempty"`
	Actions      []string    `json:"actions,omitempty"`
	ActionsTotal int         `json:"actions_total,omitempty"`
	Partial      bool        `json:"partial,omitempty"`
	Statements   []Statement `json:"statements,omitempty"`
	Assumptions  []string    `json:"assumptions,omitempty"`
	Reason       string      `json:"reason"`
	File         string      `json:"file,omitempty"`
	Line         int         `json:"line,omitempty"`
}

// maxChain bounds how far Access follows uses-identity and runs-on edges from a workload.
const maxChain = 4

// Access answers what the node can reach. A workload (or a ServiceAccount, an instance profile) reaches
// through the identities it holds: its uses-identity chain, and the node role of the hosts it runs on
// (which its pods reach through the instance metadata service, if nothing blocks it; path analysis decides).
func Access(g *graph.Graph, subject *model.Node) *AccessResult {
	res := &AccessResult{Subject: ref(subject)}
	type item struct {
		id  string
		via []Hop
	}
	seen := map[string]bool{subject.ID: true}
	queue := []item{{id: subject.ID}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		n, _ := g.Node(it.id)
		if grants := grantsOf(g, it.id); len(grants) > 0 || it.id == subject.ID && n.Kind == model.KindIdentity {
			res.Identities = append(res.Identities, IdentityAccess{Identity: ref(n), Via: it.via, Grants: grants})
		}
		if len(it.via) == maxChain {
			continue
		}
		for _, e := range g.Out(it.id) {
			if e.Kind != model.EdgeUsesIdentity && e.Kind != model.EdgeRunsOn {
				continue
			}
			if seen[e.To] {
				continue
			}
			seen[e.To] = true
			via := append(append([]Hop(nil), it.via...), hop(e))
			queue = append(queue, item{id: e.To, via: via})
		}
	}
	return res
}

func hop(e *model.Edge) Hop {
	r, _ := e.Attrs["reason"].(string)
	return Hop{From: e.From, Kind: string(e.Kind), To: e.To, Reason: r, File: e.Prov.File, Line: e.Prov.Line}
}

// grantsOf returns the can and can-assume edges leaving a node, as grants.
func grantsOf(g *graph.Graph, id string) []Grant {
	var out []Grant
	for _, e := range g.Out(id) {
		if e.Kind != model.EdgeCan && e.Kind != model.EdgeCanAssume {
			continue
		}
		t, ok := g.Node(e.To)
		if !ok {
			continue
		}
		gr := Grant{Kind: string(e.Kind), Target: ref(t), Access: strs(e.Attrs["access"]), Actions: strs(e.Attrs["actions"]),
			Partial: e.Attrs["partial"] == true, Assumptions: strs(e.Attrs["assumptions"]), File: e.Prov.File, Line: e.Prov.Line}
		gr.Reason, _ = e.Attrs["reason"].(string)
		if n, ok := e.Attrs["actions_total"].(int); ok {
			gr.ActionsTotal = n
		}
		if len(gr.Actions) == 0 {
			gr.Actions = strs(e.Attrs["verbs"])
		}
		gr.Statements = statementsOf(e)
		out = append(out, gr)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Target.ID < out[j].Target.ID
	})
	return out
}

// statementsOf reads the granting statements of an access edge (IAM statements, or RBAC bindings).
func statementsOf(e *model.Edge) []Statement {
	var out []Statement
	list, _ := e.Attrs["statements"].([]any)
	if len(list) == 0 {
		list, _ = e.Attrs["granted_by"].([]any)
	}
	for _, s := range list {
		m, ok := s.(map[string]any)
		if !ok {
			continue
		}
		st := Statement{File: str(m["file"]), Line: integer(m["line"]), Sid: str(m["sid"]), What: str(m["what"])}
		st.Policy = str(m["policy"])
		st.Index = integer(m["statement"])
		if st.Policy == "" {
			st.Policy = str(m["binding"])
			st.What = fmt.Sprintf("role %s rule %d", str(m["role"]), integer(m["rule"]))
			st.Index = integer(m["rule"])
		}
		out = append(out, st)
	}
	return out
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func integer(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return int(x)
	}
	return 0
}
