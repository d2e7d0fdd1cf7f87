// Package rbac is the link builder that evaluates Kubernetes RBAC over the graph: for every ServiceAccount,
// what the Roles and ClusterRoles bound to it (directly, by its user name, or through the groups
// system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated) let it do to the objects
// the scan found. The semantics live in internal/iam/rbac; this package reads the Kubernetes extractor's
// nodes into it and writes the answers back as edges and derived properties.
//
// It makes, from each ServiceAccount:
//
//	can → Secret          access ["read"]: get, list or watch of that Secret is granted
//	can → ServiceAccount  access, any of:
//	                        "impersonate": it may send requests as the target (impersonate on
//	                                       serviceaccounts, or on users by the target's user name)
//	                        "token":       it may mint a token for the target (create serviceaccounts/token)
//	                        "run-as":      it may start a pod, or change a workload's pod template, in the
//	                                       target's namespace, and a pod may name any ServiceAccount of its
//	                                       namespace and mount its token — it can borrow the target
//	can → Role/ClusterRole access "bind" and/or "escalate": it may bind the role without holding its
//	                        permissions, or write rules into it beyond its own
//
// Every can edge carries verbs, capabilities (the internal/iam/rbac capability ids behind it), scope (the
// broadest scope of its grants: "cluster" or "namespace:<ns>") and granted_by: one entry per grant with the
// binding, the role it names, the rule (its index in rule_of, the role that writes it, when that differs
// from role through aggregation), the binding's file and line, the role's role_file and role_line, the
// grant's scope and the subject that matched (the ServiceAccount, or a group it is in). Its evidence is each
// binding at the line naming the subject (the line to delete to break the link), then each role with the
// rules used, or the roleRef line for a built-in role. When a ServiceAccount can bind the built-in admin,
// cluster-admin or edit and no file mentions it, the implicit ClusterRole node is added for the edge.
//
// Every ServiceAccount, User and Group node gets the derived property "rbac": the scopes it holds
// permissions in, its dangerous capabilities (ids, and in "dangerous" each with its technique, scope,
// verbs, name limits and grants), "cluster_admin" when it is cluster-admin equivalent (with
// "cluster_admin_via"), the bindings that name it, and "unresolved" bindings whose role Seam cannot see.
// Users and groups get no edges: the path analysis starts from the workloads' ServiceAccounts.
//
// A binding whose role is neither in the scan nor built in is a refused link (binding -references->
// role) and an assumption; a binding to an unknown system: ClusterRole is an assumption; a binding to a
// built-in role Seam knows by summary (cluster-admin, admin, edit, view …) records that assumption once per
// binding, and its edges have confidence high rather than certain. A binding naming a ServiceAccount no
// file defines gets the implicit ServiceAccount node, as the extractor would make it.
package rbac

import (
	"context"
	"fmt"
	"sort"

	"github.com/seam-sec/seam/internal/graph"
	rbaciam "github.com/seam-sec/seam/internal/iam/rbac"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Builder is the "rbac" link builder.
type Builder struct{}

// New returns the builder.
func New() *Builder { return &Builder{} }

// Name is the builder's stable name.
func (*Builder) Name() string { return "rbac" }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "ServiceAccount → the Secrets, ServiceAccounts and roles its RBAC grants let it read, borrow or bind, and each identity's effective Kubernetes permissions"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"Role and ClusterRole nodes: rules, labels, aggregation_rule",
		"RoleBinding and ClusterRoleBinding nodes: role_ref, subjects; their attached-to (subject) and references (roleRef) edges",
		"ServiceAccount, User and Group nodes",
		"Secret nodes",
	}
}

// Build evaluates RBAC over the graph.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	w := &work{b: b, g: in.Graph, in: readGraph(in), emitted: map[string]bool{},
		grantIDs: map[grantKey]int{}, rendered: map[string]*rendered{}, lists: map[string]any{}, joins: map[string]string{}}
	w.implicitServiceAccounts()
	w.pol = rbaciam.NewPolicy(w.in.roles, w.in.bindings)
	w.reportIssues()
	for i, n := range w.in.sas {
		if i%256 == 0 && ctx.Err() != nil {
			return model.Facts{}, ctx.Err()
		}
		w.identity(n, true)
	}
	for _, n := range w.in.others {
		w.identity(n, false)
	}
	return w.facts, nil
}

// work is one run of the builder.
type work struct {
	b       *Builder
	g       *graph.Graph
	in      *inputs
	pol     *rbaciam.Policy
	facts   model.Facts
	emitted map[string]bool // implicit nodes already emitted

	grantIDs map[grantKey]int // interned grants, rendered once
	grants   []grantInfo
	rendered map[string]*rendered // by the ids of the grants, sorted
	keyBuf   []byte
	lists    map[string]any // shared list attribute values, boxed
	joins    map[string]string
	scratch  reach
	idsBuf   []int
	attrs    map[string]any
	ext      string // link.Extractor(b)
}

// implicitServiceAccounts adds the ServiceAccount nodes that bindings name and no file defines (the
// extractor normally made them; a graph from other sources may not have).
func (w *work) implicitServiceAccounts() {
	added := false
	for bi := range w.in.bindings {
		for _, s := range w.in.bindings[bi].Subjects {
			if s.Kind != rbaciam.ServiceAccount || s.Name == "" || s.Namespace == "" {
				continue
			}
			id := subjectID(s)
			if _, ok := w.g.Node(id); ok || w.emitted[id] {
				continue
			}
			w.emitted[id] = true
			n := &model.Node{ID: id, Kind: model.KindIdentity, Type: "ServiceAccount", Name: s.Name, Implicit: true,
				Attrs: map[string]any{"namespace": s.Namespace}, Prov: w.prov(s.Loc)}
			w.facts.Nodes = append(w.facts.Nodes, *n)
			w.in.sas = append(w.in.sas, n)
			added = true
		}
	}
	if added {
		sort.Slice(w.in.sas, func(i, j int) bool { return w.in.sas[i].ID < w.in.sas[j].ID })
	}
	w.in.indexSAs()
}

// identity evaluates one identity node: its derived property, and for a ServiceAccount its edges.
func (w *work) identity(n *model.Node, edges bool) {
	subj, ok := identityOf(n)
	if !ok {
		return
	}
	perms := w.pol.Permissions(subj)
	held := rbaciam.Capabilities(perms)
	w.derive(n, perms, held, w.pol.Unresolved(subj))
	if !edges || len(held) == 0 {
		return
	}
	w.secretEdges(n, perms, held)
	w.serviceAccountEdges(n, perms, held)
	w.roleEdges(n, perms, held)
}

// reportIssues turns what the policy found wrong into refused links, assumptions and diagnostics, and
// records the assumption behind every binding to a built-in role.
func (w *work) reportIssues() {
	for _, is := range w.pol.Issues() {
		switch is.Kind {
		case rbaciam.IssueMissingRole, rbaciam.IssueInvalidRoleRef, rbaciam.IssueUnknownSystemRole:
			w.unresolvedBinding(is)
		case rbaciam.IssueRulesOverwritten:
			w.facts.Diagnostics = append(w.facts.Diagnostics, model.Diagnostic{File: is.Loc.File, Line: is.Loc.Line,
				Severity: model.SeverityInfo, Extractor: link.Extractor(w.b), Message: is.Message})
		}
	}
	defined := map[string]bool{}
	for _, r := range w.in.roles {
		if r.Namespace == "" {
			defined[r.Name] = true
		}
	}
	for bi := range w.in.bindings {
		bd := &w.in.bindings[bi]
		if bd.RoleRef.Kind != "ClusterRole" || defined[bd.RoleRef.Name] || !rbaciam.IsBuiltinName(bd.RoleRef.Name) {
			continue
		}
		w.facts.Assumptions = append(w.facts.Assumptions, model.Assumption{
			Subject: bindingID(bd), Attribute: "roleRef", Reason: builtinReason(bd.RoleRef.Name),
			Assumed: "it grants what the Kubernetes default of that role grants", Prov: w.prov(bd.Loc)})
	}
	for _, n := range w.in.incomplete {
		w.facts.Assumptions = append(w.facts.Assumptions, model.Assumption{
			Subject: n.ID, Reason: fmt.Sprintf("%s %s was read only in part: %v", n.Type, n.Name, n.Attrs["incomplete"]),
			Assumed: "only the rules and subjects that were read are evaluated; it may grant more", Prov: w.prov(loc(n.Prov))})
	}
}

func builtinReason(role string) string {
	return fmt.Sprintf("ClusterRole %s is built into Kubernetes and not defined in the scanned files; Seam evaluates its summary of the default", role)
}

// unresolvedBinding reports a binding whose role Seam cannot see.
func (w *work) unresolvedBinding(is rbaciam.Issue) {
	bd := is.Binding
	ref := bd.RoleRef
	roleNS := bd.Namespace
	if ref.Kind == "ClusterRole" {
		roleNS = ""
	}
	to := model.K8sID(roleNS, ref.Kind, ref.Name)
	ev := []model.Evidence{{File: bd.Loc.File, Line: bd.Loc.Line, What: bd.String()}}
	if line := w.in.roleRefLine[objKey(bd.Kind(), bd.Namespace, bd.Name)]; line > 0 {
		ev = append(ev, model.Evidence{File: bd.Loc.File, Line: line, What: fmt.Sprintf("roleRef %s %s", ref.Kind, ref.Name)})
	}
	assumed := "the binding grants nothing Seam can see; its subjects may hold more than shown"
	if is.Kind != rbaciam.IssueUnknownSystemRole {
		w.facts.Broken = append(w.facts.Broken, link.NewBroken(w.b, bindingID(bd), model.EdgeReferences, to, link.Link{
			Method: "rbac-role-ref", Reason: is.Message + "; what it grants is unknown", Evidence: ev}))
	}
	if is.Kind == rbaciam.IssueInvalidRoleRef {
		assumed = "the API server refuses such a binding; it grants nothing"
	}
	w.facts.Assumptions = append(w.facts.Assumptions, model.Assumption{Subject: bindingID(bd), Attribute: "roleRef",
		Reason: is.Message, Assumed: assumed, Prov: w.prov(bd.Loc)})
}

// prov is the builder's provenance at a location.
func (w *work) prov(l rbaciam.Location) model.Provenance {
	if w.ext == "" {
		w.ext = link.Extractor(w.b)
	}
	return model.Provenance{File: l.File, Line: l.Line, Extractor: w.ext}
}
