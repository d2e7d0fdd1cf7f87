package policy

import (
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// grants summarises the can edges out of a node — the IAM grants the link stage derived for an identity —
// as an entry's "grants" field (docs/design/guardrails.md):
//
//	{"access": {"<level>": {"<target kind>": [target IDs]}}, "pass_role": [role IDs]}
//
// access groups the targets by each access level an edge grants (list, read, write, permissions-management,
// tagging, admin, unknown) and by the target's node kind; pass_role lists the roles the node may pass (see
// passesRole). An identity has thousands of grants in a large repository; controls ask which stores it can
// write or which identities it can manage, and this answers that without carrying every edge with its
// attributes (select.edges still can, for a control that needs them). Nil when the node has no can edge.
func (in *inputs) grants(n *model.Node) *ast.Term {
	access := map[string]map[string][]string{}
	var passes []string
	found := false
	for _, e := range in.g.Out(n.ID) {
		if e.Kind != model.EdgeCan {
			continue
		}
		found = true
		kind := "unknown"
		if m, ok := in.g.Node(e.To); ok {
			kind = string(m.Kind)
		}
		for _, l := range link.Strings(e.Attrs["access"]) {
			if access[l] == nil {
				access[l] = map[string][]string{}
			}
			access[l][kind] = append(access[l][kind], e.To)
		}
		if passesRole(e) {
			passes = append(passes, e.To)
		}
	}
	if !found {
		return nil
	}
	levels := make([][2]*ast.Term, 0, len(access))
	for l, byKind := range access {
		kinds := make([][2]*ast.Term, 0, len(byKind))
		for k, ids := range byKind {
			kinds = append(kinds, ast.Item(ast.InternedTerm(k), in.idList(ids)))
		}
		levels = append(levels, ast.Item(ast.InternedTerm(l), ast.ObjectTerm(kinds...)))
	}
	return ast.ObjectTerm(ast.Item(ast.InternedTerm("access"), ast.ObjectTerm(levels...)),
		ast.Item(ast.InternedTerm("pass_role"), in.idList(passes)))
}

// passesRole reports whether a can edge lets its principal pass the role it points to: the link stage's
// pass_role attribute (set from the whole action list, which the edge's actions attribute caps), or
// iam:PassRole, iam:* or * among the actions.
func passesRole(e *model.Edge) bool {
	if b, _ := e.Attrs["pass_role"].(bool); b {
		return true
	}
	for _, a := range link.Strings(e.Attrs["actions"]) {
		if a == "*" || strings.EqualFold(a, "iam:*") || strings.EqualFold(a, "iam:PassRole") {
			return true
		}
	}
	return false
}

// idList is a sorted array of node IDs, each ID's term shared across the input.
func (in *inputs) idList(ids []string) *ast.Term {
	ids = append([]string(nil), ids...)
	sort.Strings(ids)
	ts := make([]*ast.Term, 0, len(ids))
	for i, id := range ids {
		if i > 0 && ids[i-1] == id {
			continue
		}
		t, ok := in.ids[id]
		if !ok {
			t = ast.StringTerm(id)
			in.ids[id] = t
		}
		ts = append(ts, t)
	}
	return ast.ArrayTerm(ts...)
}
