package rbac

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	rbaciam "github.com/seam-sec/seam/internal/iam/rbac"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

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

// evidence points at each grant's binding (where it names the subject) and rule. It also says which
// built-in roles the grants rely on, and whether any grant rests on a role written in the scanned files.
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
