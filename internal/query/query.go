// Package query answers the questions users of IAM graph tools ask of a scanned graph: what can this identity
// (or workload) reach, at which level, granted by which statements (Access); and which identities, and the
// workloads that hold them, can perform an action on a resource (WhoCan). Answers carry file and line for
// every claim; rendering them is the report package's job.
package query

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// NodeRef names a node in an answer, with where it is defined.
type NodeRef struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Type string `json:"type"`
	Name string `json:"name"`
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

func ref(n *model.Node) NodeRef {
	return NodeRef{ID: n.ID, Kind: string(n.Kind), Type: n.Type, Name: n.Name, File: n.Prov.File, Line: n.Prov.Line}
}

// Statement is a policy statement (or RBAC rule) that grants something.
type Statement struct {
	Policy string `json:"policy"`
	Index  int    `json:"statement"`
	Sid    string `json:"sid,omitempty"`
	What   string `json:"what,omitempty"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
}

// String renders a statement as "policy X statement N (Sid S) at file:line".
func (s Statement) String() string {
	out := fmt.Sprintf("%s statement %d", s.Policy, s.Index)
	if s.Sid != "" {
		out += " (Sid " + s.Sid + ")"
	}
	if s.File != "" {
		out += fmt.Sprintf(" at %s:%d", s.File, s.Line)
	}
	return out
}

// Find resolves what a user typed to nodes: a node ID; an ARN (as written or as Seam constructs it); a
// Kubernetes "namespace/name" or "namespace/Kind/name"; else a name. Only nodes of the given kinds are
// considered (all when kinds is empty). More than one match is returned sorted; none is an error that says
// how to name a node.
func Find(g *graph.Graph, query string, arnOf func(*model.Node) string, kinds ...model.NodeKind) ([]*model.Node, error) {
	want := map[model.NodeKind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	ok := func(n *model.Node) bool { return len(want) == 0 || want[n.Kind] }
	if n, found := g.Node(query); found && ok(n) {
		return []*model.Node{n}, nil
	}
	var out []*model.Node
	for _, n := range g.Nodes() {
		if !ok(n) {
			continue
		}
		if matches(n, query, arnOf) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("nothing named %q: give a node ID (seam graph --format json lists them), an ARN, a Kubernetes namespace/name or a name", query)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func matches(n *model.Node, q string, arnOf func(*model.Node) string) bool {
	if strings.HasPrefix(q, "arn:") {
		if a, _ := n.Attrs["arn"].(string); a == q {
			return true
		}
		return arnOf != nil && arnOf(n) == q
	}
	if ns, _ := n.Attrs["namespace"].(string); ns != "" && strings.HasPrefix(n.ID, "k8s:") {
		if q == ns+"/"+n.Name || q == ns+"/"+n.Type+"/"+n.Name {
			return true
		}
	}
	if n.Implicit && n.Kind != model.KindIdentity {
		return false
	}
	for _, a := range []string{"name", "bucket", "identifier", "function_name"} {
		if s, _ := n.Attrs[a].(string); s == q {
			return true
		}
	}
	return n.Name == q
}

// Ambiguous is the error for a query that names several nodes.
func Ambiguous(query string, nodes []*model.Node) error {
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	return fmt.Errorf("%q names %d nodes; give one ID: %s", query, len(nodes), strings.Join(ids, ", "))
}
