package rbac

import (
	"fmt"
	"sort"
)

// IssueKind names a problem found while resolving roles and bindings.
type IssueKind string

// The issues NewPolicy reports. A binding with an issue about its roleRef grants nothing Seam can see.
const (
	// IssueMissingRole: the roleRef names a role no input defines and that is not built in.
	IssueMissingRole IssueKind = "missing-role"
	// IssueUnknownSystemRole: the roleRef names a system: ClusterRole the control plane may have, whose
	// rules Seam does not know.
	IssueUnknownSystemRole IssueKind = "unknown-system-role"
	// IssueInvalidRoleRef: the roleRef cannot be valid (a ClusterRoleBinding to a Role, an unknown kind).
	IssueInvalidRoleRef IssueKind = "invalid-role-ref"
	// IssueInvalidSubject: a subject the API server would refuse (a ServiceAccount without a namespace in a
	// ClusterRoleBinding, an empty name, an unknown kind); it is skipped.
	IssueInvalidSubject IssueKind = "invalid-subject"
	// IssueRulesOverwritten: an aggregating ClusterRole also lists rules of its own, which the control
	// plane replaces by the aggregated ones.
	IssueRulesOverwritten IssueKind = "aggregation-overwrites-rules"
)

// Issue is a problem with one binding or role, for the caller to report.
type Issue struct {
	Kind    IssueKind
	Binding *Binding // set for binding issues
	Role    *Role    // set for role issues
	Loc     Location
	Message string
}

// EffectiveRule is a rule as a role grants it: one of the role's own rules or, for an aggregating ClusterRole,
// a rule of a role it aggregates. From and Index say where the rule is written.
type EffectiveRule struct {
	Rule  *Rule
	From  *Role
	Index int
}

// resolved is a role with its effective rules and, per rule, the capability probes the rule matches.
type resolved struct {
	role   *Role
	extra  *Role // the built-in role of the same name, when the input also defines it
	labels map[string]string
	agg    []Selector
	rules  []EffectiveRule
	hits   [][]capHit
	state  int8 // 0 unresolved, 1 resolving, 2 done (aggregation cycles)
}

// bound is a binding with its subjects normalised and its role resolved (nil when it does not resolve).
type bound struct {
	b        *Binding
	role     *resolved
	subjects []Subject
}

// Policy is a set of roles and bindings, resolved: role references and aggregation followed, subjects
// indexed. It is read-only once built and safe for concurrent use.
type Policy struct {
	roles    map[string]*resolved // by roleKey
	order    []*resolved          // sorted by namespace, name
	bindings []*bound             // sorted by namespace, name
	bySA     map[string][]int     // "ns/name" → binding indexes
	byUser   map[string][]int
	byGroup  map[string][]int
	issues   []Issue
}

func roleKey(namespace, name string) string { return namespace + "/" + name }

// NewPolicy resolves roles and bindings. The built-in ClusterRoles (Builtins) are always present; an input
// ClusterRole of the same name is taken with the built-in's rules (and aggregationRule) added, since the API
// server restores them at every start — and keeps its own rules even when it aggregates, so Seam never
// shows less than the files say. Inputs are copied; the caller may reuse its slices.
func NewPolicy(roles []Role, bindings []Binding) *Policy {
	p := &Policy{roles: map[string]*resolved{}, bySA: map[string][]int{}, byUser: map[string][]int{},
		byGroup: map[string][]int{}}
	for _, r := range Builtins() {
		r := r
		p.roles[roleKey("", r.Name)] = &resolved{role: &r}
	}
	for i := range roles {
		r := roles[i]
		k := roleKey(r.Namespace, r.Name)
		if cur, ok := p.roles[k]; ok && cur.role.Builtin {
			p.roles[k] = &resolved{role: &r, extra: cur.role}
			continue
		}
		p.roles[k] = &resolved{role: &r}
	}
	for _, rr := range p.roles {
		rr.labels, rr.agg = mergedLabels(rr), rr.role.Aggregation
		if rr.agg == nil && rr.extra != nil {
			rr.agg = rr.extra.Aggregation
		}
		p.order = append(p.order, rr)
	}
	sort.Slice(p.order, func(i, j int) bool { return roleLess(p.order[i].role, p.order[j].role) })
	for _, rr := range p.order {
		p.resolve(rr)
	}
	for _, rr := range p.order {
		rr.hits = make([][]capHit, len(rr.rules))
		for i, er := range rr.rules {
			rr.hits[i] = ruleHits(er.Rule)
		}
	}
	p.bindAll(bindings)
	return p
}

func roleLess(a, b *Role) bool {
	if a.Namespace != b.Namespace {
		return a.Namespace < b.Namespace
	}
	return a.Name < b.Name
}

func mergedLabels(rr *resolved) map[string]string {
	if rr.extra == nil {
		return rr.role.Labels
	}
	m := map[string]string{}
	for k, v := range rr.extra.Labels {
		m[k] = v
	}
	for k, v := range rr.role.Labels {
		m[k] = v
	}
	return m
}

// resolve computes a role's effective rules, following aggregation (transitively; a cycle contributes
// nothing more).
func (p *Policy) resolve(rr *resolved) {
	if rr.state != 0 {
		return
	}
	rr.state = 1
	defer func() { rr.state = 2 }()
	if rr.agg == nil || rr.role.Namespace != "" {
		rr.rules = ownRules(rr)
		return
	}
	seen := map[EffectiveRule]bool{}
	switch {
	case rr.extra != nil:
		// A redefined built-in aggregator: the files' own rules are kept too, rather than trusting the
		// reconciler to drop them (never less than the files say).
		for _, er := range ownRules(rr) {
			seen[er] = true
			rr.rules = append(rr.rules, er)
		}
	case len(rr.role.Rules) > 0 && !rr.role.Builtin:
		p.issues = append(p.issues, Issue{Kind: IssueRulesOverwritten, Role: rr.role, Loc: rr.role.Loc,
			Message: fmt.Sprintf("%s aggregates other ClusterRoles; the control plane replaces the %d rules it lists with theirs", rr.role, len(rr.role.Rules))})
	}
	for _, other := range p.order {
		if other == rr || other.role.Namespace != "" || !selects(rr.agg, other.labels) {
			continue
		}
		p.resolve(other)
		for _, er := range other.rules {
			if !seen[er] {
				seen[er] = true
				rr.rules = append(rr.rules, er)
			}
		}
	}
}

func ownRules(rr *resolved) []EffectiveRule {
	var out []EffectiveRule
	for _, r := range []*Role{rr.role, rr.extra} {
		if r == nil {
			continue
		}
		for i := range r.Rules {
			out = append(out, EffectiveRule{Rule: &r.Rules[i], From: r, Index: i})
		}
	}
	return out
}

// selects reports whether any of an aggregationRule's selectors matches the labels.
func selects(sels []Selector, labels map[string]string) bool {
	for _, s := range sels {
		if s.Matches(labels) {
			return true
		}
	}
	return false
}

// bindAll resolves every binding's roleRef and indexes its subjects.
func (p *Policy) bindAll(bindings []Binding) {
	for i := range bindings {
		b := bindings[i]
		b.Subjects = append([]Subject(nil), b.Subjects...)
		p.bindings = append(p.bindings, &bound{b: &b})
	}
	sort.SliceStable(p.bindings, func(i, j int) bool {
		a, b := p.bindings[i].b, p.bindings[j].b
		if a.Namespace != b.Namespace {
			return a.Namespace < b.Namespace
		}
		return a.Name < b.Name
	})
	for i, bb := range p.bindings {
		bb.role = p.roleFor(bb.b)
		bb.subjects = p.subjectsOf(bb.b)
		for _, s := range bb.subjects {
			switch s.Kind {
			case ServiceAccount:
				k := roleKey(s.Namespace, s.Name)
				p.bySA[k] = appendOnce(p.bySA[k], i)
			case User:
				p.byUser[s.Name] = appendOnce(p.byUser[s.Name], i)
			case Group:
				p.byGroup[s.Name] = appendOnce(p.byGroup[s.Name], i)
			}
		}
	}
}

func appendOnce(list []int, i int) []int {
	if n := len(list); n > 0 && list[n-1] == i {
		return list
	}
	return append(list, i)
}

// roleFor resolves a binding's roleRef, recording an issue when it does not resolve.
func (p *Policy) roleFor(b *Binding) *resolved {
	issue := func(kind IssueKind, format string, args ...any) *resolved {
		p.issues = append(p.issues, Issue{Kind: kind, Binding: b, Loc: b.Loc, Message: fmt.Sprintf(format, args...)})
		return nil
	}
	switch b.RoleRef.Kind {
	case "Role":
		if b.Namespace == "" {
			return issue(IssueInvalidRoleRef, "%s references Role %q: a ClusterRoleBinding can only reference a ClusterRole", b, b.RoleRef.Name)
		}
		if rr, ok := p.roles[roleKey(b.Namespace, b.RoleRef.Name)]; ok {
			return rr
		}
		return issue(IssueMissingRole, "%s references Role %s/%s, which is not defined in the scanned files", b, b.Namespace, b.RoleRef.Name)
	case "ClusterRole":
		if rr, ok := p.roles[roleKey("", b.RoleRef.Name)]; ok {
			return rr
		}
		if isSystemName(b.RoleRef.Name) {
			return issue(IssueUnknownSystemRole, "%s references ClusterRole %s, a system role whose rules Seam does not know", b, b.RoleRef.Name)
		}
		return issue(IssueMissingRole, "%s references ClusterRole %s, which is neither defined in the scanned files nor built in", b, b.RoleRef.Name)
	}
	return issue(IssueInvalidRoleRef, "%s has a roleRef of kind %q; it must be Role or ClusterRole", b, b.RoleRef.Kind)
}

// subjectsOf normalises a binding's subjects: a ServiceAccount without a namespace takes a RoleBinding's;
// subjects the API server would refuse are reported and dropped.
func (p *Policy) subjectsOf(b *Binding) []Subject {
	out := make([]Subject, 0, len(b.Subjects))
	for _, s := range b.Subjects {
		bad := ""
		switch {
		case s.Name == "":
			bad = "has no name"
		case s.Kind == ServiceAccount && s.Namespace == "" && b.Namespace == "":
			bad = "is a ServiceAccount without a namespace in a ClusterRoleBinding"
		case s.Kind != ServiceAccount && s.Kind != User && s.Kind != Group:
			bad = fmt.Sprintf("is of unknown kind %q", s.Kind)
		}
		if bad != "" {
			loc := s.Loc
			if loc == (Location{}) {
				loc = b.Loc
			}
			p.issues = append(p.issues, Issue{Kind: IssueInvalidSubject, Binding: b, Loc: loc,
				Message: fmt.Sprintf("%s: subject %q %s; skipped", b, s.Name, bad)})
			continue
		}
		if s.Kind == ServiceAccount && s.Namespace == "" {
			s.Namespace = b.Namespace
		}
		if s.Kind != ServiceAccount {
			s.Namespace = ""
		}
		out = append(out, s)
	}
	return out
}

// Issues returns what NewPolicy found wrong, in the order of roles then bindings.
func (p *Policy) Issues() []Issue { return p.issues }

// Rules returns the effective rules of a role ("" namespace for a ClusterRole), aggregation followed.
func (p *Policy) Rules(namespace, name string) ([]EffectiveRule, bool) {
	rr, ok := p.roles[roleKey(namespace, name)]
	if !ok {
		return nil, false
	}
	return rr.rules, true
}
