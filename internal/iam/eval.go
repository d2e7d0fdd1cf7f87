package iam

import (
	"sort"
	"strings"
)

// Evaluate decides one request by AWS's policy evaluation logic for the policies in files: an explicit Deny
// in any policy wins; in one account an identity policy or a resource policy naming the principal allows
// (a resource policy naming only the account delegates to the identity policies); across accounts both must
// allow; a permissions boundary limits identity-policy grants; a KMS key policy, and a role's trust policy for
// sts:AssumeRole*, must allow, directly or by delegating to the account. See the package documentation.
func Evaluate(req Request) Decision {
	if _, known := LookupAction(req.Action); !known && req.Resource != nil && len(req.Resource.Contents) > 0 {
		return evaluateEachTarget(req)
	}
	return evaluate(&req)
}

func evaluate(req *Request) Decision {
	e := newEvaluation(req)
	e.identitySide()
	e.boundarySide()
	e.resourceSide()
	return e.finish()
}

// evaluateEachTarget decides an action the table does not know, whose resource type is therefore unknown, on
// the resource and on each of its contents: allowed if any allows, with what every allowing one cites.
func evaluateEachTarget(req Request) Decision {
	r := *req.Resource
	r.Contents = nil
	first := evaluate(&Request{Principal: req.Principal, Action: req.Action, Resource: &r, Context: req.Context})
	merged := first
	for _, c := range req.Resource.Contents {
		r.ARN, r.Type = c.ARN, c.Type
		d := evaluate(&Request{Principal: req.Principal, Action: req.Action, Resource: &r, Context: req.Context})
		switch {
		case !d.Allowed:
			continue
		case !merged.Allowed:
			merged = d
			continue
		}
		merged.Allowing = append(merged.Allowing, d.Allowing...)
		merged.Denying = append(merged.Denying, d.Denying...)
		merged.Assumptions = append(merged.Assumptions, d.Assumptions...)
		merged.Partial = merged.Partial || d.Partial
		merged.Uncertain = merged.Uncertain || d.Uncertain
	}
	sortDecision(&merged)
	merged.Allowing = dedupeRefs(merged.Allowing)
	merged.Denying = dedupeRefs(merged.Denying)
	return merged
}

func dedupeRefs(rs []StatementRef) []StatementRef {
	out := rs[:0]
	for i, r := range rs {
		if i > 0 && !refLess(rs[i-1], r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// WhoCan evaluates one action on one resource for each principal, in order.
func WhoCan(principals []*Principal, action string, r *Resource, ctx Context) []Decision {
	out := make([]Decision, len(principals))
	for i, p := range principals {
		out[i] = Evaluate(Request{Principal: p, Action: action, Resource: r, Context: ctx})
	}
	return out
}

// hit is a statement that applies, with how.
type hit struct {
	ref     StatementRef
	all     bool
	assumed []string
}

type evaluation struct {
	p        *Principal
	res      *Resource
	act      ActionPattern
	actSvc   string
	tgt      ResourcePattern
	tgtType  string
	mode     ruleMode
	rp       *Policy // the resource-based policy that applies, nil when none
	rpKind   string  // "resource policy", "key policy", "trust policy"
	cx       ctxView
	s        sides
	idHits   []hit
	rdHits   []hit
	rgHits   []hit
	denyHits []hit
	d        Decision
	general  []string // assumptions about no statement
	ifAllow  []string // assumptions that matter only when the request is allowed
}

var anyResource = Resource{ARN: "*"}

func newEvaluation(req *Request) *evaluation {
	e := &evaluation{p: req.Principal, res: req.Resource}
	if e.p == nil {
		e.p = &Principal{Kind: PrincipalAnonymous}
	}
	if e.res == nil {
		e.res = &anyResource
	}
	e.act = compileAction(req.Action, false)
	e.actSvc = strings.ToLower(actionService(req.Action))
	info, known := LookupAction(req.Action)
	e.tgt, e.tgtType = e.res.targetFor(info, known)
	pAcct, rAcct := e.p.account(), e.res.account(&e.tgt)
	if pAcct == "" && rAcct != "" && e.p.hasIdentityPolicies() {
		pAcct = rAcct
		e.ifAllow = append(e.ifAllow, describePrincipal(e.p)+" names no account: assumed to be in the resource's account "+rAcct)
	}
	if rAcct == "" {
		rAcct = pAcct
		if e.p.Kind != PrincipalService && e.p.Kind != PrincipalAnonymous && e.tgt.isARN {
			e.ifAllow = append(e.ifAllow, "resource "+e.tgt.raw+" names no account: assumed to be in the principal's account "+orUnknown(pAcct))
		}
	}
	e.cx = newCtxView(req.Context, e.p.Context, e.res.Context, e.p, pAcct, rAcct)
	e.s.bA, e.s.bF = 1, 1
	e.chooseMode(pAcct, rAcct)
	return e
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

// actionService returns the service prefix of an action.
func actionService(action string) string {
	svc, _, _ := cutOutsideTokens(action, ':')
	return svc
}

// chooseMode picks the form of the rule and the resource-based policy that takes part.
func (e *evaluation) chooseMode(pAcct, rAcct string) {
	strict := false
	e.rpKind = "resource policy"
	switch {
	case e.tgtType == "iam:role":
		if e.actSvc == "sts" {
			e.rp, e.rpKind, strict = e.res.Policy, "trust policy", true
		}
	case e.tgtType == "kms:key" && e.actSvc == "kms":
		e.rp, e.rpKind, strict = e.res.Policy, "key policy", true
		if e.rp == nil {
			e.rp = defaultKeyPolicy(e.res, rAcct)
			e.general = append(e.general, "key "+e.res.label()+" has no key policy in the files: AWS's default key policy is assumed, which allows arn:aws:iam::"+orUnknown(rAcct)+":root kms:* and so lets IAM policies of the account decide")
		}
	case e.res.Policy != nil && (e.tgt.service() == "" || e.tgt.service() == e.actSvc):
		e.rp = e.res.Policy
	}
	switch {
	case !e.p.hasIdentityPolicies() && e.p.Kind != PrincipalAccount:
		e.mode = modeResourceOnly
	case compareValues(pAcct, rAcct) == no:
		e.mode = modeCross
	case compareValues(pAcct, rAcct) == maybe && e.p.Kind != PrincipalAccount:
		e.ifAllow = append(e.ifAllow, "account "+pAcct+" of "+describePrincipal(e.p)+" is unknown: assumed to be the resource's account "+rAcct)
		e.mode = modeSame
		if strict {
			e.mode = modeStrict
		}
	case strict:
		e.mode = modeStrict
	default:
		e.mode = modeSame
	}
	if e.p.Kind == PrincipalAccount {
		e.s.idA, e.s.idF = 1, 1
		e.general = append(e.general, "account "+orUnknown(pAcct)+" stands for any identity its administrators may create: its identity policies are assumed to allow")
	}
}

// defaultKeyPolicy is the key policy AWS gives a key created without one: the account root may do kms:*,
// which delegates to the account's IAM policies
// (docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
func defaultKeyPolicy(r *Resource, account string) *Policy {
	if account == "" {
		account = "${account}"
	}
	src := Source{Place: r.At}
	src.What = "AWS default key policy (assumed)"
	if src.Node == "" {
		src.Node = r.label()
	}
	return &Policy{Version: "2012-10-17", Source: src, Statements: []Statement{{
		Index: 0, Sid: "Enable IAM User Permissions", Effect: Allow,
		Actions: []ActionPattern{CompileAction("kms:*")}, Resources: []ResourcePattern{CompileResource("*")},
		Principals: &PrincipalSet{AWS: []string{"arn:aws:iam::" + account + ":root"}, aws: prepareAWS([]string{"arn:aws:iam::" + account + ":root"})},
		lazy:       &statementCache{},
	}}}
}

// identitySide judges the principal's identity-based policies.
func (e *evaluation) identitySide() {
	if !e.p.hasIdentityPolicies() {
		return
	}
	for _, pol := range e.p.Policies {
		e.eachStatement(pol, func(st *Statement, o outcome, ref StatementRef) {
			if st.Effect == Allow {
				e.s.idA, e.s.idF = 1, e.s.idF|bit(o.all)
				e.idHits = append(e.idHits, hit{ref: ref, all: o.all != no, assumed: o.assumed})
			}
		})
	}
}

// boundarySide judges the permissions boundary: it never grants, it only limits identity-policy grants (and
// resource-policy grants to a role).
func (e *evaluation) boundarySide() {
	b := e.p.Boundary
	if b == nil || !e.p.hasIdentityPolicies() {
		return
	}
	e.s.bA, e.s.bF = 0, 0
	e.eachStatement(b, func(st *Statement, o outcome, ref StatementRef) {
		if st.Effect == Allow {
			e.s.bA, e.s.bF = 1, e.s.bF|bit(o.all)
		}
	})
}

// resourceSide judges the resource-based policy.
func (e *evaluation) resourceSide() {
	if e.rp == nil {
		return
	}
	pol := e.rp
	if pol.Unknown != "" {
		e.general = append(e.general, e.rpKind+" "+pol.Source.Node+" is unknown ("+pol.Unknown+"): not evaluated")
		return
	}
	for i := range pol.Statements {
		st := &pol.Statements[i]
		ref := pol.Ref(st)
		o := judge(st, &e.act, &e.tgt, &e.cx, e.p, true)
		if st.Effect == Deny {
			e.deny(o, ref)
			continue
		}
		if o.some == no {
			if st.actionGrade(&e.act) != no {
				e.d.Refused = append(e.d.Refused, Refusal{Statement: ref, Why: o.why(st, &e.act, &e.tgt, &e.cx)})
			}
			continue
		}
		h := hit{ref: ref, all: o.all != no, assumed: o.assumed}
		if o.how == admitDelegated {
			e.s.rgA, e.s.rgF = 1, e.s.rgF|bit(o.all)
			e.rgHits = append(e.rgHits, h)
		} else {
			e.s.rdA, e.s.rdF = 1, e.s.rdF|bit(o.all)
			e.rdHits = append(e.rdHits, h)
		}
	}
}

// eachStatement judges the statements of an identity policy or boundary, handles its denies and calls f for
// each statement that applies.
func (e *evaluation) eachStatement(pol *Policy, f func(*Statement, outcome, StatementRef)) {
	if pol.Unknown != "" {
		e.general = append(e.general, "policy "+pol.Source.Node+" is unknown ("+pol.Unknown+"): not evaluated, it may grant more")
		return
	}
	for i := range pol.Statements {
		st := &pol.Statements[i]
		o := judge(st, &e.act, &e.tgt, &e.cx, e.p, false)
		ref := pol.Ref(st)
		if st.Effect == Deny {
			e.deny(o, ref)
			continue
		}
		if o.some != no {
			f(st, o, ref)
		}
	}
}

// deny records a Deny statement: it applies when certain; when it rests on assumptions it is assumed not to
// apply, so that the result never hides access, and the assumption is listed.
func (e *evaluation) deny(o outcome, ref StatementRef) {
	switch {
	case o.some == yes:
		e.s.dA = 1
		if o.all == yes {
			e.s.dF = 1
		}
		e.denyHits = append(e.denyHits, hit{ref: ref, all: o.all == yes})
	case o.some == maybe:
		r := ref
		for _, a := range o.assumed {
			e.d.Assumptions = append(e.d.Assumptions, Assumption{Statement: &r, Text: "Deny assumed not to apply: " + a})
		}
	}
}

func bit(g grade) uint64 {
	if g != no {
		return 1
	}
	return 0
}

// finish applies the rule and assembles the decision.
func (e *evaluation) finish() Decision {
	uncapped := e.p.Kind == PrincipalUser || e.p.Kind == PrincipalAccount
	g := e.s.decide(e.mode, uncapped)
	d := &e.d
	d.Allowed = g.some != 0
	d.Partial = d.Allowed && g.full == 0
	d.ExplicitDeny = !d.Allowed && e.s.dF != 0
	for _, h := range e.denyHits {
		d.Denying = append(d.Denying, h.ref)
	}
	if d.Allowed {
		d.Refused = nil
		e.collect(g.viaID != 0, e.idHits)
		e.collect(g.viaRD != 0, e.rdHits)
		e.collect(g.viaRG != 0, e.rgHits)
		for _, a := range e.ifAllow {
			d.Assumptions = append(d.Assumptions, Assumption{Text: a})
		}
	} else {
		d.Assumptions = nil
	}
	for _, a := range e.general {
		d.Assumptions = append(d.Assumptions, Assumption{Text: a})
	}
	d.Uncertain = d.Allowed && len(d.Assumptions) > 0
	d.Reason = e.reason(g)
	sortDecision(d)
	return *d
}

// collect adds the statements of one side that allowed, and what they assumed.
func (e *evaluation) collect(used bool, hits []hit) {
	if !used {
		return
	}
	for i := range hits {
		h := &hits[i]
		e.d.Allowing = append(e.d.Allowing, h.ref)
		for _, a := range h.assumed {
			e.d.Assumptions = append(e.d.Assumptions, Assumption{Statement: &h.ref, Text: a})
		}
	}
}

func sortDecision(d *Decision) {
	sort.SliceStable(d.Allowing, func(i, j int) bool { return refLess(d.Allowing[i], d.Allowing[j]) })
	sort.SliceStable(d.Denying, func(i, j int) bool { return refLess(d.Denying[i], d.Denying[j]) })
	sort.SliceStable(d.Refused, func(i, j int) bool { return refLess(d.Refused[i].Statement, d.Refused[j].Statement) })
	sort.SliceStable(d.Assumptions, func(i, j int) bool { return assumptionLess(d.Assumptions[i], d.Assumptions[j]) })
	d.Assumptions = dedupeAssumptions(d.Assumptions)
}

func dedupeAssumptions(as []Assumption) []Assumption {
	out := as[:0]
	for i, a := range as {
		if i > 0 && !assumptionLess(as[i-1], a) && !assumptionLess(a, as[i-1]) {
			continue
		}
		out = append(out, a)
	}
	return out
}
