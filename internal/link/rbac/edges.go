package rbac

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	rbaciam "github.com/seam-sec/seam/internal/iam/rbac"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// reach accumulates why one identity can act on one target: every access, verb and capability, and the
// grants behind them. One reach is reused from target to target.
type reach struct {
	access, verbs, caps []string
	grants              []rbaciam.Grant
}

func (r *reach) reset() *reach {
	r.access, r.verbs, r.caps, r.grants = r.access[:0], r.verbs[:0], r.caps[:0], r.grants[:0]
	return r
}

// allow adds the grants among perms that admit a request.
func (r *reach) allow(perms []rbaciam.Permission, req rbaciam.Request, access, capID string) {
	n := len(r.grants)
	r.grants = rbaciam.AppendAllowed(r.grants, perms, req)
	if len(r.grants) > n {
		r.note(access, capID, req.Verb)
	}
}

// add adds grants already known to hold.
func (r *reach) add(access, capID string, verbs []string, gs []rbaciam.Grant) {
	if len(gs) == 0 {
		return
	}
	r.note(access, capID, verbs...)
	r.grants = append(r.grants, gs...)
}

func (r *reach) note(access, capID string, verbs ...string) {
	r.access = addOnce(r.access, access)
	r.caps = addOnce(r.caps, capID)
	for _, v := range verbs {
		r.verbs = addOnce(r.verbs, v)
	}
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
	slices.SortFunc(out, func(a, b *model.Node) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// secretEdges links a ServiceAccount to every Secret it may read.
func (w *work) secretEdges(sa *model.Node, perms []rbaciam.Permission, held []rbaciam.Held) {
	nss, cluster := heldScopes(held, "secrets-read")
	if len(nss) == 0 && !cluster {
		return
	}
	for _, s := range candidates(w.in.secrets, w.in.secretsByNS, nss, cluster) {
		r := w.scratch.reset()
		ns := str(s.Attrs["namespace"])
		for _, verb := range []string{"get", "list", "watch"} {
			r.allow(perms, rbaciam.Request{Verb: verb, Resource: "secrets", Namespace: ns, Name: s.Name}, "read", "secrets-read")
		}
		if len(r.grants) > 0 {
			w.emit(sa, s, r, "read Secret "+ns+"/"+s.Name)
		}
	}
}

// serviceAccountEdges links a ServiceAccount to every other ServiceAccount it may impersonate, mint tokens
// for, or run pods as.
func (w *work) serviceAccountEdges(sa *model.Node, perms []rbaciam.Permission, held []rbaciam.Held) {
	nss, cluster := heldScopes(held, "impersonate", "serviceaccount-token", "workloads-create")
	if len(nss) == 0 && !cluster {
		return
	}
	impNS, impCluster := heldScopes(held, "impersonate")
	tokNS, tokCluster := heldScopes(held, "serviceaccount-token")
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
		r := w.scratch.reset()
		if impCluster || containsString(impNS, ns) {
			r.allow(perms, rbaciam.Request{Verb: "impersonate", Resource: "serviceaccounts", Namespace: ns, Name: t.Name}, "impersonate", "impersonate")
		}
		if impCluster {
			r.allow(perms, rbaciam.Request{Verb: "impersonate", Resource: "users", Name: rbaciam.ServiceAccountUser(ns, t.Name)}, "impersonate", "impersonate")
		}
		if tokCluster || containsString(tokNS, ns) {
			r.allow(perms, rbaciam.Request{Verb: "create", Resource: "serviceaccounts", Subresource: "token", Namespace: ns, Name: t.Name}, "token", "serviceaccount-token")
		}
		for _, h := range runAs {
			if h.Scope.Covers(ns) {
				r.add("run-as", "workloads-create", h.Verbs, h.Grants)
			}
		}
		if len(r.grants) > 0 {
			w.emit(sa, t, r, "borrow ServiceAccount "+ns+"/"+t.Name)
		}
	}
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
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
		r := w.scratch.reset()
		if t.Type == "Role" {
			ns := str(t.Attrs["namespace"])
			r.allow(perms, rbaciam.Request{Verb: "bind", Group: group, Resource: "roles", Namespace: ns, Name: t.Name}, "bind", "rbac-bind")
			r.allow(perms, rbaciam.Request{Verb: "escalate", Group: group, Resource: "roles", Namespace: ns, Name: t.Name}, "escalate", "rbac-escalate")
		} else {
			// bind on a ClusterRole is checked in the namespace of the binding being made: a namespaced grant
			// lets the subject bind it there. escalate is an update of the cluster-scoped role itself.
			r.add("bind", "rbac-bind", []string{"bind"}, allowedInAnyScope(perms, rbaciam.Request{Verb: "bind", Group: group, Resource: "clusterroles", Name: t.Name}))
			r.allow(perms, rbaciam.Request{Verb: "escalate", Group: group, Resource: "clusterroles", Name: t.Name}, "escalate", "rbac-escalate")
		}
		if len(r.grants) == 0 {
			continue
		}
		if t.Implicit {
			w.implicitRole(t, r.grants[0])
		}
		w.emit(sa, t, r, "bind or escalate "+t.Type+" "+t.Name)
	}
}

// allowedInAnyScope is Allowed with the request made in each grant's own scope.
func allowedInAnyScope(perms []rbaciam.Permission, req rbaciam.Request) []rbaciam.Grant {
	var out []rbaciam.Grant
	for i := range perms {
		req.Namespace = perms[i].Grant.Scope.Namespace
		out = rbaciam.AppendAllowed(out, perms[i:i+1], req)
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
	rd := w.render(r.grants)
	sort.Strings(r.access)
	sort.Strings(r.verbs)
	sort.Strings(r.caps)
	// Evidence and assumptions are the same for every edge resting on these grants: rendered once by
	// render (as NewEdge would render them) and set on the edge below, shared.
	l := link.Link{Method: "rbac-evaluation", Confidence: rd.confidence,
		Reason: from.ID + " can " + what + " (" + w.joined(r.verbs) + "): " + rd.reason}
	// NewEdge copies l.Attrs into the edge's own map, so one scratch map serves every edge (the golden
	// tests would show edges sharing attributes if that ever changed).
	if w.attrs == nil {
		w.attrs = make(map[string]any, 5)
	}
	clear(w.attrs)
	w.attrs["access"], w.attrs["verbs"], w.attrs["capabilities"] = w.list(r.access), w.list(r.verbs), w.list(r.caps)
	w.attrs["scope"], w.attrs["granted_by"] = rd.scopeAttr, rd.grantedByAttr
	l.Attrs = w.attrs
	e := link.NewEdge(w.b, from.ID, model.EdgeCan, to.ID, l)
	e.Attrs["evidence"] = rd.evidenceAttr
	if rd.assumptionsAttr != nil {
		e.Attrs["assumptions"] = rd.assumptionsAttr
	}
	if len(rd.evidence) > 0 {
		e.Prov = w.prov(rbaciam.Location{File: rd.evidence[0].File, Line: rd.evidence[0].Line})
	}
	w.facts.Edges = append(w.facts.Edges, e)
}

// grantKey identifies a grant: one rule of one binding, for the subject of it that matched.
type grantKey struct {
	b     *rbaciam.Binding
	from  *rbaciam.Role
	index int
	subj  rbaciam.Subject
}

// grantInfo is an interned grant with its sort key and rendered attribute.
type grantInfo struct {
	g       rbaciam.Grant
	sortKey string
	attr    map[string]any
}

// rendered is what the edges resting on one set of grants share. The attribute values are built once and
// shared, read-only, by every such edge: a cluster-wide grant reaches thousands of targets.
type rendered struct {
	grants     []rbaciam.Grant
	evidence   []model.Evidence
	confidence link.Confidence
	reason     string
	// Attribute values, boxed once.
	grantedByAttr, evidenceAttr, assumptionsAttr, scopeAttr any
}

// intern returns the id of a grant, rendering it the first time.
func (w *work) intern(g rbaciam.Grant) int {
	k := grantKey{g.Binding, g.From, g.Index, g.Subject}
	if id, ok := w.grantIDs[k]; ok {
		return id
	}
	id := len(w.grants)
	w.grantIDs[k] = id
	w.grants = append(w.grants, grantInfo{g: g, attr: grantAttr(g),
		sortKey: fmt.Sprintf("%s\x00%s\x00%06d\x00%s", bindingID(g.Binding), roleID(g.From), g.Index, g.Subject)})
	return id
}

// sortedGrants interns grants and returns their ids sorted by binding, role, rule and subject, without
// duplicates.
func (w *work) sortedGrants(gs []rbaciam.Grant) []int {
	ids := w.idsBuf[:0]
	for _, g := range gs {
		ids = append(ids, w.intern(g))
	}
	if len(ids) > 1 {
		slices.SortFunc(ids, func(a, b int) int { return strings.Compare(w.grants[a].sortKey, w.grants[b].sortKey) })
	}
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	w.idsBuf = ids
	return out
}

// render returns the shared rendering of a set of grants.
func (w *work) render(gs []rbaciam.Grant) *rendered {
	ids := w.sortedGrants(gs)
	buf := w.keyBuf[:0]
	for _, id := range ids {
		buf = strconv.AppendInt(buf, int64(id), 10)
		buf = append(buf, ',')
	}
	w.keyBuf = buf
	if rd, ok := w.rendered[string(buf)]; ok {
		return rd
	}
	rd := &rendered{confidence: link.Certain}
	grantedBy := make([]any, 0, len(ids))
	for _, id := range ids {
		rd.grants = append(rd.grants, w.grants[id].g)
		grantedBy = append(grantedBy, w.grants[id].attr)
	}
	rd.grantedByAttr = grantedBy
	var builtin []string
	var scanned bool
	rd.evidence, builtin, scanned = w.evidence(rd.grants)
	if !scanned {
		rd.confidence = link.High
	}
	evidence := make([]any, 0, len(rd.evidence))
	for _, e := range rd.evidence {
		evidence = append(evidence, e.Attr())
	}
	rd.evidenceAttr = evidence
	if len(builtin) > 0 {
		var as []any
		for _, name := range builtin {
			as = append(as, builtinReason(name))
		}
		rd.assumptionsAttr = as
	}
	rd.scopeAttr = broadest(rd.grants)
	rd.reason = describeGrant(rd.grants[0])
	if len(rd.grants) > 1 {
		rd.reason += fmt.Sprintf(", and %d more grants", len(rd.grants)-1)
	}
	w.rendered[string(buf)] = rd
	return rd
}

// list returns a shared attribute value for a list of strings (access, verbs and capabilities repeat).
func (w *work) list(l []string) any {
	k := w.joined(l)
	if v, ok := w.lists[k]; ok {
		return v
	}
	var v any = anyList(l)
	w.lists[k] = v
	return v
}

// joined returns the list joined with ", ", shared between calls.
func (w *work) joined(l []string) string {
	buf := w.keyBuf[:0]
	for i, s := range l {
		if i > 0 {
			buf = append(buf, ", "...)
		}
		buf = append(buf, s...)
	}
	w.keyBuf = buf
	if s, ok := w.joins[string(buf)]; ok {
		return s
	}
	s := string(buf)
	w.joins[s] = s
	return s
}

// grantedBy renders grants as a granted_by attribute, in the order given.
func (w *work) grantedBy(gs []rbaciam.Grant) []any {
	out := make([]any, 0, len(gs))
	for _, g := range gs {
		out = append(out, w.grants[w.intern(g)].attr)
	}
	return out
}

// evidence points at each grant's binding (where it names the subject) and rule. It also says which built-in roles the grants
// rely on, and whether any grant rests on a role written in the scanned files.
func (w *work) evidence(grants []rbaciam.Grant) (ev []model.Evidence, builtin []string, scanned bool) {
	seen := map[model.Evidence]bool{}
	add := func(e model.Evidence) {
		if e.File != "" && !seen[e] {
			seen[e] = true
			ev = append(ev, e)
		}
	}
	// The rules of one role share the role's line (the extractor records no line per rule): one evidence
	// per role lists the rules used.
	type roleRules struct {
		role  *rbaciam.Role
		rules []string
	}
	var roles []*roleRules
	byRole := map[*rbaciam.Role]*roleRules{}
	for _, g := range grants {
		// The binding, at the line that names the subject: the line to delete to break the link.
		at := g.Subject.Loc
		if at.File == "" {
			at = g.Binding.Loc
		}
		add(model.Evidence{File: at.File, Line: at.Line, What: g.Binding.String() + " binds " + g.Role.String() + " to " + g.Subject.String()})
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
		rr := byRole[g.From]
		if rr == nil {
			rr = &roleRules{role: g.From}
			byRole[g.From] = rr
			roles = append(roles, rr)
		}
		rr.rules = addOnce(rr.rules, fmt.Sprintf("%d (%s)", g.Index, ruleText(&g.From.Rules[g.Index])))
	}
	for _, rr := range roles {
		word := "rule "
		if len(rr.rules) > 1 {
			word = "rules "
		}
		add(model.Evidence{File: rr.role.Loc.File, Line: rr.role.Loc.Line, What: rr.role.String() + " " + word + joinSep(rr.rules, "; ")})
	}
	return ev, builtin, scanned
}

// grantAttr renders one grant as an entry of granted_by.
func grantAttr(g rbaciam.Grant) map[string]any {
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
	return m
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
	q := make([]string, len(l))
	for i, s := range l {
		if s == "" {
			s = `""`
		}
		q[i] = s
	}
	return joinSep(q, ", ")
}

func joinSep(l []string, sep string) string {
	n := 0
	for _, s := range l {
		n += len(s) + len(sep)
	}
	b := make([]byte, 0, n)
	for i, s := range l {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, s...)
	}
	return string(b)
}

func anyList(l []string) []any {
	out := make([]any, len(l))
	for i, s := range l {
		out[i] = s
	}
	return out
}
