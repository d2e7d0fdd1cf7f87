package rbac

import (
	"sort"

	rbaciam "github.com/seam-sec/seam/internal/iam/rbac"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// DerivedKey is the key of the derived property this builder sets on identities.
const DerivedKey = "rbac"

// derive sets the "rbac" property of an identity: its effective permission summary. It rests on the first
// binding that names the identity, or on the identity itself when none does.
func (w *work) derive(n *model.Node, perms []rbaciam.Permission, held []rbaciam.Held, unresolved []rbaciam.Issue) {
	var scopes, bindings, caps, adminVia []string
	for _, pm := range perms {
		scopes = addOnce(scopes, pm.Grant.Scope.String())
		bindings = addOnce(bindings, bindingID(pm.Grant.Binding))
	}
	for _, is := range unresolved {
		bindings = addOnce(bindings, bindingID(is.Binding))
	}
	sort.Strings(scopes)
	sort.Strings(bindings)
	dangerous := make([]any, 0, len(held))
	for _, h := range held {
		caps = addOnce(caps, h.Capability.ID)
		if h.AdminEquivalent {
			adminVia = addOnce(adminVia, h.Capability.ID)
		}
		dangerous = append(dangerous, w.heldAttr(h))
	}
	v := map[string]any{
		"scopes": anyList(scopes), "capabilities": anyList(caps), "cluster_admin": len(adminVia) > 0,
		"bindings": anyList(bindings), "permissions": len(perms), "dangerous": dangerous,
	}
	if len(adminVia) > 0 {
		v["cluster_admin_via"] = anyList(adminVia)
	}
	if len(unresolved) > 0 {
		var us []any
		for _, is := range unresolved {
			us = append(us, map[string]any{"binding": bindingID(is.Binding), "role_ref": is.Binding.RoleRef.Kind + "/" + is.Binding.RoleRef.Name,
				"reason": is.Message, "file": is.Loc.File, "line": is.Loc.Line})
		}
		v["unresolved"] = us
	}
	ev := link.Evidence(n, "no binding names "+n.Type+" "+n.Name)
	switch {
	case len(perms) > 0:
		b := perms[0].Grant.Binding
		ev = model.Evidence{File: b.Loc.File, Line: b.Loc.Line, What: b.String() + " names " + perms[0].Grant.Subject.String()}
	case len(unresolved) > 0:
		ev = model.Evidence{File: unresolved[0].Loc.File, Line: unresolved[0].Loc.Line, What: unresolved[0].Message}
	}
	w.facts.Derived = append(w.facts.Derived, link.NewDerived(w.b, n.ID, DerivedKey, v, ev))
}

// heldAttr renders one held capability.
func (w *work) heldAttr(h rbaciam.Held) map[string]any {
	m := map[string]any{"id": h.Capability.ID, "title": h.Capability.Title, "technique": h.Capability.Technique,
		"technique_name": h.Capability.TechniqueName, "why": h.Capability.Why, "scope": h.Scope.String(),
		"verbs": anyList(h.Verbs), "granted_by": w.grantedBy(h.Grants)}
	if h.ResourceNames != nil {
		m["resource_names"] = anyList(h.ResourceNames)
	}
	if h.AdminEquivalent {
		m["admin_equivalent"] = true
		m["admin_granted_by"] = w.grantedBy(h.AdminGrants)
	}
	return m
}
