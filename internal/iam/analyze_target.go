package iam

import (
	"sort"
	"strings"
)

// targetRun is the evaluation of one principal on one target.
type targetRun struct {
	p     *Principal
	ps    *principalStatements
	pAcct string
	ti    int32
	tg    *target
	res   *Resource
	info  *typeInfo
	cx    ctxView
	mode  ruleMode
	tAcct string
	// assumedAcct is set when the target names no account and is taken to be in the principal's;
	// assumedPAcct when the principal names none and is taken to be in the target's.
	assumedAcct, assumedPAcct bool
}

// target evaluates every action of the target's type at once, through the same rule as Evaluate, and
// records what is allowed.
func (w *worker) target(p *Principal, ps *principalStatements, ti int32) {
	a := w.a
	tg := &a.targets[ti]
	run := targetRun{p: p, ps: ps, pAcct: w.pAcct, ti: ti, tg: tg, res: a.resources[tg.res], tAcct: tg.acct}
	r := &run
	if r.pAcct == "" && r.tAcct != "" && p.hasIdentityPolicies() {
		r.pAcct, r.assumedPAcct = r.tAcct, true
	}
	if r.tAcct == "" {
		r.tAcct = r.pAcct
		r.assumedAcct = tg.pat.isARN && p.Kind != PrincipalService && p.Kind != PrincipalAnonymous
	}
	r.cx = newCtxView(a.opt.Context, p.Context, r.res.Context, p, r.pAcct, r.tAcct)
	switch {
	case !p.hasIdentityPolicies() && p.Kind != PrincipalAccount:
		r.mode = modeResourceOnly
	case compareValues(r.pAcct, r.tAcct) == no:
		r.mode = modeCross
	case compareValues(r.pAcct, r.tAcct) == maybe:
		r.mode, r.assumedPAcct = modeSame, true
	default:
		r.mode = modeSame
	}
	if tg.typ >= 0 {
		r.info = &a.typeInfos[tg.typ]
		w.typed(r)
	}
	w.extras(r)
}

// general returns the assumptions of a target run that concern no statement.
func (r *targetRun) general() []string {
	var out []string
	if r.assumedPAcct && r.pAcct == r.tAcct {
		out = append(out, describePrincipal(r.p)+" names no account: assumed to be in the resource's account "+r.tAcct)
	} else if r.assumedPAcct {
		out = append(out, "account "+r.pAcct+" of "+describePrincipal(r.p)+" is unknown: assumed to be the resource's account "+r.tAcct)
	}
	if r.assumedAcct {
		out = append(out, "resource "+r.tg.pat.raw+" names no account: assumed to be in the principal's account "+orUnknown(r.pAcct))
	}
	if r.tg.defaultKey {
		out = append(out, "key "+r.res.label()+" has no key policy in the files: AWS's default key policy is assumed, which allows arn:aws:iam::"+orUnknown(r.tAcct)+":root kms:* and so lets IAM policies of the account decide")
	}
	if r.p.Kind == PrincipalAccount {
		out = append(out, "account "+orUnknown(r.pAcct)+" stands for any identity its administrators may create: its identity policies are assumed to allow")
	}
	return append(out, r.ps.unknown...)
}

// typed evaluates the table actions of a target of a known type.
func (w *worker) typed(r *targetRun) {
	info, lo, hi := r.info, r.info.lo, r.info.hi
	w.reset(r, lo, hi)
	w.hits, w.denies = w.hits[:0], w.denies[:0]
	if r.p.hasIdentityPolicies() {
		for k, s := range r.ps.allows {
			if w.found(r.ti, k) {
				w.allowStmt(r, s.pol, s.st, sideID)
			}
		}
		for _, s := range r.ps.denies {
			w.denyStmt(r, s.pol, s.st, info.mask)
		}
		if b := r.p.Boundary; b != nil && b.Unknown == "" {
			for i := range b.Statements {
				st := &b.Statements[i]
				if st.Effect == Deny {
					w.denyStmt(r, b, st, info.mask)
					continue
				}
				c := st.cache()
				if c.constant {
					orMasked(w.sd.bA, c.all, info.mask, lo, hi)
					orMasked(w.sd.bF, c.all, info.mask, lo, hi)
				} else if o := judgeRest(st, &r.tg.pat, &r.cx, r.p, false); o.some != no {
					orMasked(w.sd.bA, c.all, info.mask, lo, hi)
					if o.all != no {
						orMasked(w.sd.bF, c.all, info.mask, lo, hi)
					}
				}
			}
		}
	}
	if pol := r.tg.policy; pol != nil && pol.Unknown == "" {
		for i := range pol.Statements {
			st := &pol.Statements[i]
			if st.Effect == Deny {
				w.denyStmt(r, pol, st, info.rp)
			} else {
				w.allowStmt(r, pol, st, sideRD)
			}
		}
	}
	if w.decide(r) {
		w.record(r)
	}
}

// reset clears the scratch sets in the words the target's type uses; with no boundary the boundary allows all.
func (w *worker) reset(r *targetRun, lo, hi int) {
	sd := &w.sd
	noBoundary := r.p.Boundary == nil || !r.p.hasIdentityPolicies()
	for i := lo; i < hi; i++ {
		sd.idA[i], sd.idF[i], sd.rdA[i], sd.rdF[i], sd.rgA[i], sd.rgF[i], sd.dA[i], sd.dF[i] = 0, 0, 0, 0, 0, 0, 0, 0
		sd.bA[i], sd.bF[i] = 0, 0
		if noBoundary {
			sd.bA[i], sd.bF[i] = ^uint64(0), ^uint64(0)
		}
		if r.p.Kind == PrincipalAccount {
			sd.idA[i], sd.idF[i] = ^uint64(0), ^uint64(0)
		}
	}
}

// allowStmt adds an Allow statement of the identity side (sideID) or the resource policy (sideRD, which
// becomes sideRG when it names only the principal's account).
func (w *worker) allowStmt(r *targetRun, pol *Policy, st *Statement, side int) {
	info, lo, hi := r.info, r.info.lo, r.info.hi
	c := st.cache()
	mask := info.mask
	if side != sideID {
		mask = info.rp
	}
	if !intersects(c.all, mask, lo, hi) {
		return
	}
	var o outcome
	if c.constant && side == sideID {
		o.some, o.all = yes, yes
	} else if o = judgeRest(st, &r.tg.pat, &r.cx, r.p, side != sideID); o.some == no {
		return
	}
	a, f := w.sd.idA, w.sd.idF
	if side != sideID {
		a, f = w.sd.rdA, w.sd.rdF
		if o.how == admitDelegated {
			side, a, f = sideRG, w.sd.rgA, w.sd.rgF
		}
	}
	orMasked(a, c.all, mask, lo, hi)
	if o.all != no {
		orMasked(f, c.all, mask, lo, hi)
	}
	assumed := o.assumed
	if len(c.tokenPats) > 0 {
		assumed = append(assumed[:len(assumed):len(assumed)], "actions "+patternList(c.tokenPats)+" assumed to match the actions they may stand for")
	}
	w.hits = append(w.hits, bulkHit{pol: pol, st: st, bits: c.all, side: side, assumed: assumed})
}

// denyStmt adds a Deny statement: certain denies remove actions; one that applies only by assumption is
// assumed not to apply, and remembered for the assumption text.
func (w *worker) denyStmt(r *targetRun, pol *Policy, st *Statement, mask actionSet) {
	lo, hi := r.info.lo, r.info.hi
	c := st.cache()
	if !intersects(c.all, mask, lo, hi) {
		return
	}
	resourcePolicy := pol == r.tg.policy
	var o outcome
	if c.constant && !resourcePolicy {
		o.some, o.all = yes, yes
	} else if o = judgeRest(st, &r.tg.pat, &r.cx, r.p, resourcePolicy); o.some == no {
		return
	}
	if o.some == yes {
		orMasked(w.sd.dA, c.certain, mask, lo, hi)
		if o.all == yes {
			orMasked(w.sd.dF, c.certain, mask, lo, hi)
		}
	}
	uncertain := c.all
	if o.some == yes {
		if uncertain = c.uncertain; uncertain == nil {
			return
		}
		o.assumed = append(o.assumed, "actions "+patternList(c.tokenPats)+" assumed not to include them")
	}
	w.denies = append(w.denies, bulkHit{pol: pol, st: st, bits: uncertain, assumed: o.assumed})
}

// decide applies the rule word by word: same-account bits of key and trust policies take the strict form.
func (w *worker) decide(r *targetRun) bool {
	info, sd := r.info, &w.sd
	uncapped := r.p.Kind == PrincipalUser || r.p.Kind == PrincipalAccount
	any := false
	for i := info.lo; i < info.hi; i++ {
		s := sides{sd.idA[i], sd.idF[i], sd.bA[i], sd.bF[i], sd.rdA[i], sd.rdF[i], sd.rgA[i], sd.rgF[i], sd.dA[i], sd.dF[i]}
		g := s.decide(r.mode, uncapped)
		if r.mode == modeSame && info.strict[i] != 0 {
			gs, m := s.decide(modeStrict, uncapped), info.strict[i]
			g.some = g.some&^m | gs.some&m
			g.full = g.full&^m | gs.full&m
			g.viaID = g.viaID&^m | gs.viaID&m
			g.viaRD = g.viaRD&^m | gs.viaRD&m
			g.viaRG = g.viaRG&^m | gs.viaRG&m
		}
		mask := info.mask[i]
		w.allowed[i], w.full[i] = g.some&mask, g.full&mask
		w.via[sideID][i], w.via[sideRD][i], w.via[sideRG][i] = g.viaID&mask, g.viaRD&mask, g.viaRG&mask
		any = any || w.allowed[i] != 0
	}
	return any
}

// record adds what decide allowed to the resource's access.
func (w *worker) record(r *targetRun) {
	info, lo, hi := r.info, r.info.lo, r.info.hi
	acc := w.access(r.tg.res)
	acc.addPart(r.tg.typ, lo, w.allowed[lo:hi])
	for l, set := range w.t.levelSet {
		if intersects(w.allowed, set, lo, hi) {
			acc.levels |= 1 << l
		}
	}
	for i := lo; i < hi; i++ {
		if w.allowed[i]&^w.full[i] != 0 {
			acc.partial = true
		}
	}
	if !info.admin.empty() {
		admin := true
		for i := lo; i < hi; i++ {
			admin = admin && info.admin[i]&^w.allowed[i] == 0
		}
		if admin {
			acc.adminParts++
		}
	}
	for i := range w.hits {
		h := &w.hits[i]
		if intersects(h.bits, w.via[h.side], lo, hi) {
			acc.stmts = append(acc.stmts, polStmt{h.pol, h.st})
			if len(h.assumed) > 0 {
				acc.addAssumed(h.pol.Ref(h.st), h.assumed, "")
			}
		}
	}
	for i := range w.denies {
		h := &w.denies[i]
		if intersects(h.bits, w.allowed, lo, hi) {
			acc.addAssumed(h.pol.Ref(h.st), h.assumed, "Deny assumed not to apply: ")
		}
	}
	acc.addGeneral(r.general())
}

func (w *worker) access(res int) *accessAcc {
	if w.resStamp[res] == w.cur {
		return &w.parts[w.resAt[res]]
	}
	w.resStamp[res] = w.cur
	w.resAt[res] = int32(len(w.parts))
	n := len(w.parts)
	if n < cap(w.parts) {
		w.parts = w.parts[:n+1]
		w.parts[n].reset(res)
	} else {
		w.parts = append(w.parts, accessAcc{res: res})
	}
	return &w.parts[n]
}

// extras evaluates, one by one through Evaluate, the actions the table cannot expand for this target:
// literal actions it does not have, and every pattern when it does not know the target's type. Such an
// action counts only when a statement that names it is among those that allow it.
func (w *worker) extras(r *targetRun) {
	typed := r.info != nil
	patterns := func(st *Statement) []ActionPattern {
		if typed {
			return st.cache().literal
		}
		return st.cache().extra
	}
	var actions []string
	var namedBy map[string][]StatementRef
	add := func(pol *Policy, st *Statement) {
		for _, p := range patterns(st) {
			a, ok := extraAction(&p, st.NotAction, r.tg, typed)
			if !ok {
				continue
			}
			if namedBy == nil {
				namedBy = map[string][]StatementRef{}
			}
			if _, seen := namedBy[a]; !seen {
				actions = append(actions, a)
			}
			namedBy[a] = append(namedBy[a], pol.Ref(st))
		}
	}
	for k, s := range r.ps.allows {
		if w.found(r.ti, k) && len(patterns(s.st)) > 0 {
			add(s.pol, s.st)
		}
	}
	if pol := r.tg.policy; pol != nil {
		for i := range pol.Statements {
			if st := &pol.Statements[i]; st.Effect == Allow && len(patterns(st)) > 0 {
				add(pol, st)
			}
		}
	}
	if len(actions) == 0 {
		return
	}
	sort.Strings(actions)
	res := &Resource{ID: r.res.ID, ARN: r.tg.pat.raw, Type: r.tg.typName, Account: r.res.Account, Policy: r.res.Policy,
		Context: r.res.Context, At: r.res.At}
	for _, action := range actions {
		d := evaluate(&Request{Principal: r.p, Action: action, Resource: res, Context: w.a.opt.Context})
		if !d.Allowed || !anyRef(d.Allowing, namedBy[action]) {
			continue
		}
		acc := w.access(r.tg.res)
		acc.extra = append(acc.extra, action)
		acc.levels |= 1 << levelOrder[LevelUnknown]
		if strings.HasSuffix(action, ":*") && len(d.Denying) == 0 && !d.Partial {
			acc.levels |= 1 << levelOrder[LevelAdmin]
		}
		acc.partial = acc.partial || d.Partial
		acc.extraRefs = append(acc.extraRefs, d.Allowing...)
		acc.assumptions = append(acc.assumptions, d.Assumptions...)
	}
}

// anyRef reports whether some reference of a is in b.
func anyRef(a, b []StatementRef) bool {
	for _, x := range a {
		for _, y := range b {
			if !refLess(x, y) && !refLess(y, x) {
				return true
			}
		}
	}
	return false
}

// extraAction returns the action to evaluate for a pattern the table cannot expand, if it may apply to the
// target: for a known type only literal actions of the target's own service the table lacks; for an unknown
// type every pattern whose service may be the target's, `*` and NotAction standing for "<service>:*".
func extraAction(p *ActionPattern, not bool, tg *target, typed bool) (string, bool) {
	svc := tg.svc
	if typed {
		if p.any || not || !p.split || p.svc.shape != shapePlain || p.name.shape != shapePlain || p.svc.lit != svc {
			return "", false
		}
		return p.raw, true
	}
	all := svc + ":*"
	if svc == "" {
		all = "*"
	}
	if p.any || not {
		return all, true
	}
	if svc == "" || !p.split {
		return p.raw, true
	}
	v := compileGlob(svc, false, true)
	if overlap(&p.svc, &v) == no {
		return "", false
	}
	if p.name.isAny() {
		return all, true
	}
	return p.raw, true
}
