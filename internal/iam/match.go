package iam

import (
	"sort"
	"strings"
)

// actionGrade grades whether a statement's Action (or NotAction) element covers an action.
func (st *Statement) actionGrade(act *ActionPattern) grade {
	g := no
	for i := range st.Actions {
		if g = maxGrade(g, st.Actions[i].overlap(act)); g == yes {
			break
		}
	}
	if st.NotAction {
		return notGrade(g)
	}
	return g
}

// resourceGrades grades whether a statement's Resource (or NotResource) element applies to some of, and
// to all of, a target resource pattern. For NotResource the statement applies to some of the target unless
// one entry covers all of it, and to all of it when no entry overlaps it.
func (st *Statement) resourceGrades(tgt *ResourcePattern, cx *ctxView) (some, all grade) {
	ov, cv := no, no
	for i := range st.Resources {
		p := cx.resolvePattern(&st.Resources[i])
		ov = maxGrade(ov, p.overlap(tgt))
		if ov != no {
			cv = maxGrade(cv, p.covers(tgt))
		}
		if !st.NotResource && cv == yes {
			break
		}
	}
	if st.NotResource {
		return notGrade(cv), minGrade(notGrade(ov), notGrade(cv))
	}
	return ov, minGrade(cv, ov)
}

// outcome is how one statement bears on one request: whether it applies to some and to all of the target,
// what had to be assumed for it to, and, when it does not apply, which element ruled it out.
type outcome struct {
	some, all grade
	how       admission
	assumed   []string
	fail      failKind
}

// failKind is the element that ruled a statement out.
type failKind uint8

const (
	failNone failKind = iota
	failAction
	failPrincipal
	failResource
	failCondition
)

// why says, for a user, why a statement did not apply.
func (o *outcome) why(st *Statement, act *ActionPattern, tgt *ResourcePattern, cx *ctxView) string {
	switch o.fail {
	case failAction:
		return "its Action does not include " + act.raw
	case failPrincipal:
		return "its Principal does not name " + describePrincipal(cx.principal)
	case failResource:
		return "its Resource does not include " + tgt.raw
	case failCondition:
		return "its Condition does not hold: " + failedCondition(st.Conditions, cx)
	}
	return ""
}

// judge grades a statement against the request: the action, the principal (for resource-based policies),
// the resource and the conditions, in that order, stopping at the first that rules it out.
func judge(st *Statement, act *ActionPattern, tgt *ResourcePattern, cx *ctxView, principal *Principal, resourcePolicy bool) outcome {
	ag := st.actionGrade(act)
	if ag == no {
		return outcome{fail: failAction}
	}
	o := judgeRest(st, tgt, cx, principal, resourcePolicy)
	if o.some == no || ag == yes {
		return o
	}
	o.some, o.all = minGrade(o.some, ag), minGrade(o.all, ag)
	o.assumed = append(o.assumed, "action "+act.raw+" assumed to match "+patternList(st.actionStrings())+tokenNote(st.actionTokens(act)))
	return o
}

// judgeRest grades the principal, resource and conditions of a statement (everything but the action).
func judgeRest(st *Statement, tgt *ResourcePattern, cx *ctxView, principal *Principal, resourcePolicy bool) outcome {
	var o outcome
	pg := yes
	if resourcePolicy {
		o.how, pg = st.admits(principal, cx.pAcct)
		if pg == no {
			o.fail = failPrincipal
			return o
		}
	}
	some, all := st.resourceGrades(tgt, cx)
	if some == no {
		o.fail = failResource
		return o
	}
	cg, condAssumed := evalConditions(st.Conditions, cx)
	if cg == no {
		o.fail = failCondition
		return o
	}
	g := minGrade(pg, cg)
	o.some, o.all = minGrade(g, some), minGrade(g, all)
	if pg == maybe {
		o.assumed = append(o.assumed, describePrincipal(principal)+" assumed to be named by Principal "+strings.Join(st.principalStrings(), ", "))
	}
	if some == maybe || (all == maybe && some == yes) {
		o.assumed = append(o.assumed, "resource "+tgt.raw+" assumed to match "+patternList(st.resourceStrings())+tokenNote(st.resourceTokens(tgt)))
	}
	o.assumed = append(o.assumed, condAssumed...)
	o.assumed = append(o.assumed, st.Assumed...)
	return o
}

// failedCondition names the first condition that is false.
func failedCondition(conds []Condition, cx *ctxView) string {
	for i := range conds {
		c := &conds[i]
		if g, _ := c.eval(cx); g == no {
			vals, known := cx.lookup(c.Key)
			if c.keyGlob != nil || !known {
				return c.Text()
			}
			return c.Text() + ", the request has " + strings.Join(quoteAll(vals), ", ")
		}
	}
	return ""
}

func quoteAll(vals []string) []string {
	if len(vals) == 0 {
		return []string{"no value"}
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = `"` + v + `"`
	}
	return out
}

func describePrincipal(p *Principal) string {
	if p == nil {
		return "the principal"
	}
	switch p.Kind {
	case PrincipalAnonymous:
		return "an anonymous caller"
	case PrincipalAccount:
		return "account " + p.account()
	case PrincipalService:
		return "service " + p.ARN
	}
	return string(p.Kind) + " " + p.ARN
}

func patternList(ps []string) string {
	if len(ps) == 1 {
		return ps[0]
	}
	return "[" + strings.Join(ps, ", ") + "]"
}

func tokenNote(toks []string) string {
	if len(toks) == 0 {
		return ""
	}
	return " (assuming " + strings.Join(toks, ", ") + ")"
}

func (st *Statement) actionStrings() []string {
	out := make([]string, len(st.Actions))
	for i := range st.Actions {
		out[i] = st.Actions[i].raw
	}
	if st.NotAction {
		return []string{"NotAction " + patternList(out)}
	}
	return out
}

func (st *Statement) resourceStrings() []string {
	out := make([]string, len(st.Resources))
	for i := range st.Resources {
		out[i] = st.Resources[i].raw
	}
	if st.NotResource {
		return []string{"NotResource " + patternList(out)}
	}
	return out
}

func (st *Statement) principalStrings() []string {
	s := st.Principals
	if s == nil {
		return nil
	}
	var out []string
	if s.Anyone {
		out = append(out, "*")
	}
	out = append(out, s.AWS...)
	out = append(out, s.Service...)
	out = append(out, s.Federated...)
	out = append(out, s.Canonical...)
	if st.NotPrincipal {
		return []string{"NotPrincipal " + patternList(out)}
	}
	return out
}

func (st *Statement) actionTokens(act *ActionPattern) []string {
	var toks []string
	for i := range st.Actions {
		toks = st.Actions[i].tokens(toks)
	}
	toks = act.tokens(toks)
	sort.Strings(toks)
	return toks
}

func (st *Statement) resourceTokens(tgt *ResourcePattern) []string {
	var toks []string
	for i := range st.Resources {
		toks = st.Resources[i].tokens(toks)
	}
	toks = tgt.tokens(toks)
	sort.Strings(toks)
	return toks
}
