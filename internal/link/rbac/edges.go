package rbac

import (
	"fmt"
	"sort"

	rbaciam "github.com/seam-sec/seam/internal/iam/rbac"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// reach accumulates why one identity can act on one target: every access, verb and capability, and the
// grants behind them.
type reach struct {
	access, verbs, caps []string
	grants              []rbaciam.Grant
}

func (r *reach) add(access, capID string, verbs []string, gs []rbaciam.Grant) {
	if len(gs) == 0 {
		return
	}
	r.access = addOnce(r.access, access)
	r.caps = addOnce(r.caps, capID)
	for _, v := range verbs {
		r.verbs = addOnce(r.verbs, v)
	}
	r.grants = append(r.grants, gs...)
}

func addOnce(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// heldScopes returns the scopes in which a capability is held, and whether one is the whole cluster.
func heldScopes(held []rbaciam.Held, ids ...string) (namespaces []string, cluster bool) {
	for _, h := range held {
		for _, id := range ids {
			if h.Capability.ID != id {
				continue
			}
			if h.Scope.IsCluster() {
				cluster = true
			} else {
				namespaces = addOnce(namespaces, h.Scope.Namespace)
			}
		}
	}
	return namespaces, cluster
}

// candidates returns the nodes in scope — all of them for the cluster, else those of the namespaces —
// sorted by ID.
func candidates(all []*model.Node, byNS map[string][]*model.Node, namespaces []string, cluster bool) []*model.Node {
	if cluster {
		return all
	}
	var out []*model.Node
	for _, ns := range namespaces {
		out = append(out, byNS[ns]...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// secretEdges links a ServiceAccount to every Secret it may read.
func (w *work) secretEdges(sa *model.Node, perms []rbaciam.Permission, held []rbaciam.Held) {
	nss, cluster := heldScopes(held, "secrets-read")
	if len(nss) == 0 && !cluster {
		return
	}
	for _, s := range candidates(w.in.secrets, w.in.secretsByNS, nss, cluster) {
		var r reach
		ns := str(s.Attrs["namespace"])
		for _, verb := range []string{"get", "list", "watch"} {
			gs := rbaciam.Allowed(perms, rbaciam.Request{Verb: verb, Resource: "secrets", Namespace: ns, Name: s.Name})
			r.add("read", "secrets-read", []string{verb}, gs)
		}
		w.emit(sa, s, &r, "read Secret "+ns+"/"+s.Name)
	}
}

// serviceAccountEdges links a ServiceAccount to every other ServiceAccount it may impersonate, mint tokens
// for, or run pods as.
func (w *work) serviceAccountEdges(sa *model.Node, perms []rbaciam.Permission, held []rbaciam.Held) {
	nss, cluster := heldScopes(held, "impersonate", "serviceaccount-token", "workloads-create")
	if len(nss) == 0 && !cluster {
		return
	}
	var runAs []rbaciam.Held
	for _, h := range held {
		if h.Capability.ID == "workloads-create" {
			runAs = append(runAs, h)
		}
	}
	for _, t := range candidates(w.in.sas, w.in.sasByNS, nss, cluster) {
		if t.ID == sa.ID {
			continue
		}
		ns := str(t.Attrs["namespace"])
		var r reach
		imp := rbaciam.Request{Verb: "impersonate", Resource: "serviceaccounts", Namespace: ns, Name: t.Name}
		r.add("impersonate", "impersonate", []string{"impersonate"}, rbaciam.Allowed(perms, imp))
		impUser := rbaciam.Request{Verb: "impersonate", Resource: "users", Name: rbaciam.ServiceAccountUser(ns, t.Name)}
		r.add("impersonate", "impersonate", []string{"impersonate"}, rbaciam.Allowed(perms, impUser))
		tok := rbaciam.Request{Verb: "create", Resource: "serviceaccounts", Subresource: "token", Namespace: ns, Name: t.Name}
		r.add("token", "serviceaccount-token", []string{"create"}, rbaciam.Allowed(perms, tok))
		for _, h := range runAs {
			if h.Scope.Covers(ns) {
				r.add("run-as", "workloads-create", h.Verbs, h.Grants)
			}
		}
		w.emit(sa, t, &r, "borrow ServiceAccount "+ns+"/"+t.Name)
	}
}

// builtinTargets are the built-in ClusterRoles worth an edge when a ServiceAccount can bind them, even if
// no file mentions them: binding one of these is the usual way up.
var builtinTargets = []string{"admin", "cluster-admin", "edit"}

// roleEdges links a ServiceAccount to every Role and ClusterRole it may bind or escalate.
func (w *work) roleEdges(sa *model.Node, perms []rbaciam.Permission, held []rbaciam.Held) {
	if nss, cluster := heldScopes(held, "rbac-bind", "rbac-escalate"); len(nss) == 0 && !cluster {
		return
	}
	targets := append([]*model.Node(nil), w.in.roleNodes...)
	for _, name := range builtinTargets {
		id := model.K8sID("", "ClusterRole", name)
		if _, ok := w.g.Node(id); !ok {
			targets = append(targets, &model.Node{ID: id, Kind: model.KindGrant, Type: "ClusterRole", Name: name,
				Implicit: true, Attrs: map[string]any{"builtin": true}})
		}
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].ID < targets[j].ID })
	const group = "rbac.authorization.k8s.io"
	for _, t := range targets {
		var r reach
		if t.Type == "Role" {
			ns := str(t.Attrs["namespace"])
			r.add("bind", "rbac-bind", []string{"bind"}, rbaciam.Allowed(perms, rbaciam.Request{Verb: "bind", Group: group, Resource: "roles", Namespace: ns, Name: t.Name}))
			r.add("escalate", "rbac-escalate", []string{"escalate"}, rbaciam.Allowed(perms, rbaciam.Request{Verb: "escalate", Group: group, Resource: "roles", Namespace: ns, Name: t.Name}))
		} else {
			// bind on a ClusterRole is checked in the namespace of the binding being made: a namespaced grant
			// lets the subject bind it there. escalate is an update of the cluster-scoped role itself.
			r.add("bind", "rbac-bind", []string{"bind"}, allowedInAnyScope(perms, rbaciam.Request{Verb: "bind", Group: group, Resource: "clusterroles", Name: t.Name}))
			r.add("escalate", "rbac-escalate", []string{"escalate"}, rbaciam.Allowed(perms, rbaciam.Request{Verb: "escalate", Group: group, Resource: "clusterroles", Name: t.Name}))
		}
		if len(r.grants) == 0 {
			continue
		}
		if t.Implicit {
			w.implicitRole(t, r.grants[0])
		}
		w.emit(sa, t, &r, "bind or escalate "+t.Type+" "+t.Name)
	}
}

// allowedInAnyScope is Allowed with the request made in each grant's own scope.
func allowedInAnyScope(perms []rbaciam.Permission, req rbaciam.Request) []rbaciam.Grant {
	var out []rbaciam.Grant
	for i := range perms {
		req.Namespace = perms[i].Grant.Scope.Namespace
		out = append(out, rbaciam.Allowed(perms[i:i+1], req)...)
	}
	return out
}

// implicitRole emits a built-in ClusterRole node the graph lacks, once, where the grant that reaches it is.
func (w *work) implicitRole(t *model.Node, g rbaciam.Grant) {
	if w.emitted[t.ID] {
		return
	}
	if _, ok := w.g.Node(t.ID); ok {
		return
	}
	w.emitted[t.ID] = true
	n := *t
	n.Prov = w.prov(g.Binding.Loc)
	w.facts.Nodes = append(w.facts.Nodes, n)
}

// emit makes the can edge of a reach, if it has any grant.
func (w *work) emit(from, to *model.Node, r *reach, what string) {
	if len(r.grants) == 0 {
		return
	}
	grants := dedupeGrants(r.grants)
	sort.Strings(r.access)
	sort.Strings(r.verbs)
	sort.Strings(r.caps)
	ev, builtin, scanned := w.evidence(grants)
	l := link.Link{Method: "rbac-evaluation", Confidence: link.Certain, Evidence: ev,
		Reason: fmt.Sprintf("%s can %s (%s): %s", from.ID, what, joinList(r.verbs), describeGrant(grants[0]))}
	if len(grants) > 1 {
		l.Reason += fmt.Sprintf(", and %d more grants", len(grants)-1)
	}
	if !scanned {
		l.Confidence = link.High
	}
	for _, name := range builtin {
		l.Assumptions = append(l.Assumptions, builtinReason(name))
	}
	l.Attrs = map[string]any{"access": anyList(r.access), "verbs": anyList(r.verbs), "capabilities": anyList(r.caps),
		"scope": broadest(grants), "granted_by": grantedBy(grants)}
	w.facts.Edges = append(w.facts.Edges, link.NewEdge(w.b, from.ID, model.EdgeCan, to.ID, l))
}

// dedupeGrants keeps one of grants naming the same binding, role and rule, sorted by binding, role and rule.
func dedupeGrants(gs []rbaciam.Grant) []rbaciam.Grant {
	type key struct {
		b     *rbaciam.Binding
		r     *rbaciam.Role
		index int
	}
	seen := map[key]bool{}
	out := gs[:0:0]
	for _, g := range gs {
		k := key{g.Binding, g.From, g.Index}
		if !seen[k] {
			seen[k] = true
			out = append(out, g)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ai, bi := bindingID(a.Binding), bindingID(b.Binding); ai != bi {
			return ai < bi
		}
		if ai, bi := roleID(a.From), roleID(b.From); ai != bi {
			return ai < bi
		}
		return a.Index < b.Index
	})
	return out
}

// evidence points at each grant's binding, subject and rule. It also says which built-in roles the grants
// rely on, and whether any grant rests on a role written in the scanned files.
func (w *work) evidence(grants []rbaciam.Grant) (ev []model.Evidence, builtin []string, scanned bool) {
	seen := map[model.Evidence]bool{}
	add := func(e model.Evidence) {
		if e.File != "" && !seen[e] {
			seen[e] = true
			ev = append(ev, e)
		}
	}
	for _, g := range grants {
		add(model.Evidence{File: g.Binding.Loc.File, Line: g.Binding.Loc.Line,
			What: fmt.Sprintf("%s binds %s to %s", g.Binding, g.Role, g.Subject)})
		if g.Subject.Loc != g.Binding.Loc {
			add(model.Evidence{File: g.Subject.Loc.File, Line: g.Subject.Loc.Line, What: "subject " + g.Subject.String()})
		}
		if g.From.Builtin {
			name := g.From.Name
			if g.Role.Builtin {
				name = g.Role.Name
			}
			builtin = addOnce(builtin, name)
			if line := w.in.roleRefLine[objKey(g.Binding.Kind(), g.Binding.Namespace, g.Binding.Name)]; line > 0 {
				add(model.Evidence{File: g.Binding.Loc.File, Line: line, What: "roleRef names built-in " + g.Role.String()})
			}
			continue
		}
		scanned = true
		add(model.Evidence{File: g.From.Loc.File, Line: g.From.Loc.Line,
			What: fmt.Sprintf("%s rule %d: %s", g.From, g.Index, ruleText(&g.From.Rules[g.Index]))})
	}
	return ev, builtin, scanned
}

// grantedBy renders grants as the granted_by attribute.
func grantedBy(grants []rbaciam.Grant) []any {
	out := make([]any, 0, len(grants))
	for _, g := range grants {
		m := map[string]any{"binding": bindingID(g.Binding), "role": roleID(g.Role), "rule": g.Index,
			"file": g.Binding.Loc.File, "line": g.Binding.Loc.Line, "scope": g.Scope.String(), "subject": g.Subject.String()}
		if g.From != g.Role {
			m["rule_of"] = roleID(g.From)
		}
		if g.From.Builtin {
			m["builtin_role"] = true
		} else {
			m["role_file"], m["role_line"] = g.From.Loc.File, g.From.Loc.Line
		}
		out = append(out, m)
	}
	return out
}

// broadest is "cluster" when any grant is cluster-wide, else the scope of the first grant.
func broadest(grants []rbaciam.Grant) string {
	for _, g := range grants {
		if g.Scope.IsCluster() {
			return g.Scope.String()
		}
	}
	return grants[0].Scope.String()
}

func describeGrant(g rbaciam.Grant) string {
	s := fmt.Sprintf("%s grants %s", g.Binding, g.Role)
	if g.From != g.Role {
		s += fmt.Sprintf(" (rule %d of %s, aggregated)", g.Index, g.From)
	} else {
		s += fmt.Sprintf(" rule %d", g.Index)
	}
	if g.Subject.Kind == rbaciam.Group {
		s += " to " + g.Subject.String()
	}
	return s
}

// ruleText renders a rule for people: "get, list secrets [db]".
func ruleText(r *rbaciam.Rule) string {
	s := joinList(r.Verbs) + " "
	if len(r.NonResourceURLs) > 0 && len(r.Resources) == 0 {
		return s + joinList(r.NonResourceURLs)
	}
	s += joinList(r.Resources)
	if len(r.APIGroups) > 0 && !(len(r.APIGroups) == 1 && r.APIGroups[0] == "") {
		s += " in " + joinList(r.APIGroups)
	}
	if len(r.ResourceNames) > 0 {
		s += " [" + joinList(r.ResourceNames) + "]"
	}
	return s
}

func joinList(l []string) string {
	out := ""
	for i, s := range l {
		if i > 0 {
			out += ", "
		}
		if s == "" {
			s = `""`
		}
		out += s
	}
	return out
}

func anyList(l []string) []any {
	out := make([]any, len(l))
	for i, s := range l {
		out[i] = s
	}
	return out
}
