package rbac

import (
	"slices"
	"sort"
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
