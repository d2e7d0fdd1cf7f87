package rbac

import (
	"fmt"

	rbaciam "github.com/seam-sec/seam/internal/iam/rbac"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// inputs is what the builder reads from the graph, indexed.
type inputs struct {
	roles    []rbaciam.Role
	bindings []rbaciam.Binding
	// bindingNode maps a binding's (kind, namespace, name) to its node; roleRefLine is the line of its roleRef.
	bindingNode map[string]*model.Node
	roleRefLine map[string]int
	sas         []*model.Node            // ServiceAccount nodes, sorted by ID (implicit ones added by the builder included)
	sasByNS     map[string][]*model.Node // namespace → ServiceAccounts
	others      []*model.Node            // User and Group nodes
	secretsByNS map[string][]*model.Node
	secrets     []*model.Node
	roleNodes   []*model.Node // Role and ClusterRole nodes, defined or implicit
	incomplete  []*model.Node // roles and bindings the extractor read only in part
}

func objKey(kind, namespace, name string) string { return kind + "|" + namespace + "|" + name }

// readGraph collects roles, bindings, identities and Secrets from the graph.
func readGraph(in *link.Input) *inputs {
	r := &inputs{bindingNode: map[string]*model.Node{}, roleRefLine: map[string]int{},
		sasByNS: map[string][]*model.Node{}, secretsByNS: map[string][]*model.Node{}}
	g := in.Graph
	for _, n := range g.NodesOfKind(model.KindGrant) {
		if _, part := n.Attrs["incomplete"]; part && !n.Implicit {
			r.incomplete = append(r.incomplete, n)
		}
		switch n.Type {
		case "Role", "ClusterRole":
			r.roleNodes = append(r.roleNodes, n)
			if !n.Implicit {
				r.roles = append(r.roles, roleOf(n))
			}
		case "RoleBinding", "ClusterRoleBinding":
			if !n.Implicit {
				r.addBinding(in, n)
			}
		}
	}
	for _, n := range g.NodesOfKind(model.KindIdentity) {
		switch n.Type {
		case "ServiceAccount":
			r.sas = append(r.sas, n)
		case "User", "Group":
			r.others = append(r.others, n)
		}
	}
	for _, n := range g.NodesOfKind(model.KindDataStore) {
		if n.Type == "Secret" {
			ns := str(n.Attrs["namespace"])
			r.secrets = append(r.secrets, n)
			r.secretsByNS[ns] = append(r.secretsByNS[ns], n)
		}
	}
	return r
}

// indexSAs groups the ServiceAccounts by namespace, once the implicit ones are added.
func (r *inputs) indexSAs() {
	r.sasByNS = map[string][]*model.Node{}
	for _, n := range r.sas {
		ns := str(n.Attrs["namespace"])
		r.sasByNS[ns] = append(r.sasByNS[ns], n)
	}
}

// roleOf reads a Role or ClusterRole node the Kubernetes extractor made.
func roleOf(n *model.Node) rbaciam.Role {
	role := rbaciam.Role{Name: n.Name, Labels: stringMap(n.Attrs["labels"]), Loc: loc(n.Prov)}
	if n.Type == "Role" {
		role.Namespace = str(n.Attrs["namespace"])
	}
	for _, v := range list(n.Attrs["rules"]) {
		m, _ := v.(map[string]any)
		role.Rules = append(role.Rules, rbaciam.Rule{
			APIGroups: strList(m["api_groups"]), Resources: strList(m["resources"]), Verbs: strList(m["verbs"]),
			ResourceNames: strList(m["resource_names"]), NonResourceURLs: strList(m["non_resource_urls"]),
		})
	}
	if agg, ok := n.Attrs["aggregation_rule"]; ok && n.Type == "ClusterRole" {
		role.Aggregation = []rbaciam.Selector{}
		for _, v := range list(agg) {
			m, _ := v.(map[string]any)
			sel := rbaciam.Selector{MatchLabels: stringMap(m["match_labels"])}
			for _, e := range list(m["match_expressions"]) {
				em, _ := e.(map[string]any)
				sel.MatchExpressions = append(sel.MatchExpressions, rbaciam.Expression{
					Key: str(em["key"]), Operator: str(em["operator"]), Values: strList(em["values"])})
			}
			role.Aggregation = append(role.Aggregation, sel)
		}
	}
	return role
}

// addBinding reads a RoleBinding or ClusterRoleBinding node, with the line of each subject from the
// attached-to edges the extractor made and the line of its roleRef from its references edge.
func (r *inputs) addBinding(in *link.Input, n *model.Node) {
	b := rbaciam.Binding{Name: n.Name, Loc: loc(n.Prov)}
	if n.Type == "RoleBinding" {
		b.Namespace = str(n.Attrs["namespace"])
	}
	ref, _ := n.Attrs["role_ref"].(map[string]any)
	b.RoleRef = rbaciam.RoleRef{Kind: str(ref["kind"]), Name: str(ref["name"])}
	lines := map[string]model.Provenance{}
	key := objKey(n.Type, b.Namespace, b.Name)
	for _, e := range in.Graph.Out(n.ID) {
		switch {
		case e.Kind == model.EdgeAttachedTo:
			lines[e.To] = e.Prov
		case e.Kind == model.EdgeReferences && e.Attrs["via"] == "roleRef":
			r.roleRefLine[key] = e.Prov.Line
		}
	}
	for _, v := range list(n.Attrs["subjects"]) {
		m, _ := v.(map[string]any)
		s := rbaciam.Subject{Kind: rbaciam.SubjectKind(str(m["kind"])), Name: str(m["name"]), Namespace: str(m["namespace"])}
		if s.Kind == rbaciam.ServiceAccount && s.Namespace == "" {
			s.Namespace = b.Namespace
		}
		s.Loc = b.Loc
		if p, ok := lines[subjectID(s)]; ok {
			s.Loc = loc(p)
		}
		b.Subjects = append(b.Subjects, s)
	}
	r.bindings = append(r.bindings, b)
	r.bindingNode[key] = n
}

// subjectID is the graph ID of a binding subject.
func subjectID(s rbaciam.Subject) string {
	if s.Kind == rbaciam.ServiceAccount {
		return model.K8sID(s.Namespace, "ServiceAccount", s.Name)
	}
	return model.K8sID("", string(s.Kind), s.Name)
}

// roleID is the graph ID of a role.
func roleID(r *rbaciam.Role) string { return model.K8sID(r.Namespace, r.Kind(), r.Name) }

// bindingID is the graph ID of a binding.
func bindingID(b *rbaciam.Binding) string { return model.K8sID(b.Namespace, b.Kind(), b.Name) }

// identityOf is the question to ask the policy about an identity node.
func identityOf(n *model.Node) (rbaciam.Subject, bool) {
	switch n.Type {
	case "ServiceAccount":
		return rbaciam.Subject{Kind: rbaciam.ServiceAccount, Namespace: str(n.Attrs["namespace"]), Name: n.Name}, true
	case "User":
		return rbaciam.Subject{Kind: rbaciam.User, Name: n.Name}, true
	case "Group":
		return rbaciam.Subject{Kind: rbaciam.Group, Name: n.Name}, true
	}
	return rbaciam.Subject{}, false
}

func loc(p model.Provenance) rbaciam.Location { return rbaciam.Location{File: p.File, Line: p.Line} }

func str(v any) string {
	s, _ := v.(string)
	return s
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// strList reads a list attribute of strings; anything else in it is rendered as written, so that an odd
// value is matched literally rather than dropped.
func strList(v any) []string {
	var out []string
	switch l := v.(type) {
	case []any:
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			} else if x != nil {
				out = append(out, fmt.Sprint(x))
			}
		}
	case []string:
		out = append(out, l...)
	}
	return out
}

func stringMap(v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, x := range m {
		out[k] = fmt.Sprint(x)
	}
	return out
}
