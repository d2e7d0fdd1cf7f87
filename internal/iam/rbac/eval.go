package rbac

import (
	"sort"
	"strings"
)

// Grant says why a subject holds a permission: the binding, the subject of it that matched (the
// ServiceAccount itself, or a group it is in), the role the binding names, and the rule — From and Index
// say where the rule is written, which differs from Role for an aggregating ClusterRole.
type Grant struct {
	Binding *Binding
	Subject Subject
	Role    *Role
	From    *Role
	Index   int
	Scope   Scope
}

// Permission is one rule a subject holds, where it holds it and why.
type Permission struct {
	Rule  *Rule
	Grant Grant
	hits  []capHit
}

// principal is the user name and groups an identity authenticates with.
type principal struct {
	sa     string // "ns/name" for a ServiceAccount
	user   string
	groups []string
}

// principalOf returns what the API server authenticates an identity as. A ServiceAccount is its user
// name plus the three ServiceAccount groups; a user (other than system:anonymous) is also in
// system:authenticated; asking about a group means asking about any member of it, which is also
// authenticated (and, for a ServiceAccount group, in system:serviceaccounts). Groups a user has from an
// identity provider are not known.
func principalOf(id Subject) principal {
	switch id.Kind {
	case ServiceAccount:
		return principal{sa: roleKey(id.Namespace, id.Name), user: ServiceAccountUser(id.Namespace, id.Name),
			groups: []string{GroupServiceAccounts, ServiceAccountGroup(id.Namespace), GroupAuthenticated}}
	case User:
		if ns, name, ok := ParseServiceAccountUser(id.Name); ok {
			return principalOf(Subject{Kind: ServiceAccount, Namespace: ns, Name: name})
		}
		if id.Name == UserAnonymous {
			return principal{user: id.Name, groups: []string{GroupUnauthenticated}}
		}
		return principal{user: id.Name, groups: []string{GroupAuthenticated}}
	case Group:
		groups := []string{id.Name}
		if id.Name == GroupUnauthenticated {
			return principal{groups: groups}
		}
		if id.Name != GroupAuthenticated {
			groups = append(groups, GroupAuthenticated)
		}
		if strings.HasPrefix(id.Name, GroupServiceAccounts+":") {
			groups = append(groups, GroupServiceAccounts)
		}
		return principal{groups: groups}
	}
	return principal{}
}

// matching returns the indexes of the bindings that name an identity, sorted, each with the first of its
// subjects that matched.
func (p *Policy) matching(id Subject) ([]int, map[int]Subject) {
	pr := principalOf(id)
	var idx []int
	add := func(list []int) { idx = append(idx, list...) }
	if pr.sa != "" {
		add(p.bySA[pr.sa])
	}
	if pr.user != "" {
		add(p.byUser[pr.user])
	}
	for _, g := range pr.groups {
		add(p.byGroup[g])
	}
	sort.Ints(idx)
	out := idx[:0]
	matched := make(map[int]Subject, len(idx))
	for i, b := range idx {
		if i > 0 && b == idx[i-1] {
			continue
		}
		out = append(out, b)
		matched[b] = firstMatch(p.bindings[b].subjects, pr)
	}
	return out, matched
}

func firstMatch(subjects []Subject, pr principal) Subject {
	for _, s := range subjects {
		switch s.Kind {
		case ServiceAccount:
			if roleKey(s.Namespace, s.Name) == pr.sa {
				return s
			}
		case User:
			if s.Name == pr.user {
				return s
			}
		case Group:
			if containsLiteral(pr.groups, s.Name) {
				return s
			}
		}
	}
	return Subject{}
}

// Permissions returns every rule an identity holds through the bindings that name it, its user name or a
// group it is in, ordered by binding (ClusterRoleBindings first) then rule. A binding whose role does not
// resolve contributes nothing (see Unresolved).
func (p *Policy) Permissions(id Subject) []Permission {
	idx, matched := p.matching(id)
	var out []Permission
	for _, i := range idx {
		bb := p.bindings[i]
		if bb.role == nil {
			continue
		}
		g := Grant{Binding: bb.b, Subject: matched[i], Role: bb.role.role, Scope: Scope{Namespace: bb.b.Namespace}}
		for ri, er := range bb.role.rules {
			g.From, g.Index = er.From, er.Index
			out = append(out, Permission{Rule: er.Rule, Grant: g, hits: bb.role.hits[ri]})
		}
	}
	return out
}

// Unresolved returns the issues of the bindings that name an identity but whose role does not resolve:
// what the identity may hold beyond what Permissions shows.
func (p *Policy) Unresolved(id Subject) []Issue {
	idx, _ := p.matching(id)
	var out []Issue
	for _, i := range idx {
		if p.bindings[i].role != nil {
			continue
		}
		for _, is := range p.issues {
			if is.Binding == p.bindings[i].b && is.Kind != IssueInvalidSubject {
				out = append(out, is)
			}
		}
	}
	return out
}

// Allowed returns the grants among perms that admit a request: the rule allows it and the grant's scope
// covers its namespace (non-resource URLs only through ClusterRoleBindings).
func Allowed(perms []Permission, req Request) []Grant { return AppendAllowed(nil, perms, req) }

// AppendAllowed is Allowed appending to dst, for callers that check many requests.
func AppendAllowed(dst []Grant, perms []Permission, req Request) []Grant {
	for i := range perms {
		pm := &perms[i]
		if req.NonResource && !pm.Grant.Scope.IsCluster() {
			continue
		}
		if !pm.Grant.Scope.Covers(req.Namespace) || !pm.Rule.Allows(req) {
			continue
		}
		dst = append(dst, pm.Grant)
	}
	return dst
}

// Can reports whether an identity may make a request, and the grants that allow it.
func (p *Policy) Can(id Subject, req Request) []Grant { return Allowed(p.Permissions(id), req) }

// Who returns, for every binding that allows a request, one grant per subject of the binding (so a group
// subject stands for all its members), ordered by binding then rule then subject.
func (p *Policy) Who(req Request) []Grant {
	var out []Grant
	for _, bb := range p.bindings {
		if bb.role == nil {
			continue
		}
		scope := Scope{Namespace: bb.b.Namespace}
		if (req.NonResource && !scope.IsCluster()) || !scope.Covers(req.Namespace) {
			continue
		}
		for _, er := range bb.role.rules {
			if !er.Rule.Allows(req) {
				continue
			}
			for _, s := range bb.subjects {
				out = append(out, Grant{Binding: bb.b, Subject: s, Role: bb.role.role, From: er.From, Index: er.Index, Scope: scope})
			}
		}
	}
	return out
}
