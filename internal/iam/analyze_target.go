package iam

import (
	"math/bits"
	"sort"
	"strings"
)

// targetRun is the evaluation of one principal on one target.
type targetRun struct {
	p    *Principal
	ps   *principalStatements
	ti   int32
	tg   *target
	res  *Resource
	info *typeInfo
	cx   ctxView
	mode ruleMode
	gen  []string // assumptions about no statement
}

// target evaluates every action of the target's type at once, through the same rule as Evaluate, and
// records what is allowed.
func (w *worker) target(p *Principal, ps *principalStatements, ti int32) {
	a := w.a
	tg := &a.targets[ti]
	r := &targetRun{p: p, ps: ps, ti: ti, tg: tg, res: a.resources[tg.res]}
	pAcct, tAcct := p.account(), tg.acct
	if tAcct == "" {
		tAcct = pAcct
		if tg.pat.isARN && p.Kind != PrincipalService && p.Kind != PrincipalAnonymous {
			r.gen = append(r.gen, "resource "+tg.pat.raw+" names no account: assumed to be in the principal's account "+orUnknown(pAcct))
		}
	}
	r.cx = newCtxView(a.opt.Context, p.Context, r.res.Context, p, tAcct)
	switch {
	case !p.hasIdentityPolicies() && p.Kind != PrincipalAccount:
		r.mode = modeResourceOnly
	case compareValues(pAcct, tAcct) == no:
		r.mode = modeCross
	default:
		r.mode = modeSame
	}
	if tg.defaultKey {
		r.gen = append(r.gen, "key "+r.res.label()+" has no key policy in the files: AWS's default key policy is assumed, which allows arn:aws:iam::"+orUnknown(tAcct)+":root kms:* and so lets IAM policies of the account decide")
	}
	if p.Kind == PrincipalAccount {
		r.gen = append(r.gen, "account "+orUnknown(pAcct)+" stands for any identity its administrators may create: its identity policies are assumed to allow")
	}
	r.gen = append(r.gen, ps.unknown...)
	if tg.typ >= 0 {
		r.info = &a.typeInfos[tg.typ]
		w.typed(r)
	}
	w.extras(r)
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
				if o := judgeRest(st, &r.tg.pat, &r.cx, r.p, false); o.some != no {
					c := st.cache()
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
	o := judgeRest(st, &r.tg.pat, &r.cx, r.p, side != sideID)
	if o.some == no {
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
	w.hits = append(w.hits, bulkHit{ref: pol.Ref(st), bits: c.all, side: side, assumed: assumed})
}

// denyStmt adds a Deny statement: certain denies remove actions; one that applies only by assumption is
// assumed not to apply, and remembered for the assumption text.
func (w *worker) denyStmt(r *targetRun, pol *Policy, st *Statement, mask actionSet) {
	lo, hi := r.info.lo, r.info.hi
	c := st.cache()
	if !intersects(c.all, mask, lo, hi) {
		return
	}
	o := judgeRest(st, &r.tg.pat, &r.cx, r.p, pol == r.tg.policy)
	if o.some == no {
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
		uncertain = c.all.clone()
		uncertain.andNot(c.certain)
		if uncertain.empty() {
			return
		}
		o.assumed = append(o.assumed, "actions "+patternList(c.tokenPats)+" assumed not to include them")
	}
	w.denies = append(w.denies, bulkHit{ref: pol.Ref(st), bits: uncertain, assumed: o.assumed})
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
	for i := lo; i < hi; i++ {
		for b := w.allowed[i]; b != 0; b &= b - 1 {
			idx := i*64 + bits.TrailingZeros64(b)
			a := &w.t.actions[idx]
			acc.actions = append(acc.actions, a.String())
			acc.levels |= 1 << levelOrder[a.Level]
		}
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
			acc.addRef(h.ref)
			acc.addAssumed(h.ref, h.assumed, "")
		}
	}
	for i := range w.denies {
		h := &w.denies[i]
		if intersects(h.bits, w.allowed, lo, hi) {
			acc.addAssumed(h.ref, h.assumed, "Deny assumed not to apply: ")
		}
	}
	acc.addGeneral(r.gen)
}

func (w *worker) access(res int) *accessAcc {
	if w.resStamp[res] == w.cur {
		return &w.parts[w.resAt[res]]
	}
	w.resStamp[res] = w.cur
	w.resAt[res] = int32(len(w.parts))
	w.parts = append(w.parts, accessAcc{res: res})
	return &w.parts[len(w.parts)-1]
}

// extras evaluates, one by one through Evaluate, the actions the table cannot expand for this target:
// literal actions it does not have, and every pattern when it does not know the target's type.
func (w *worker) extras(r *targetRun) {
	var actions []string
	add := func(pol *Policy, st *Statement) {
		for _, p := range st.cache().extra {
			if a, ok := extraAction(&p, st.NotAction, r.tg, r.info != nil); ok && !containsString(actions, a) {
				actions = append(actions, a)
			}
		}
	}
	for k, s := range r.ps.allows {
		if w.found(r.ti, k) {
			add(s.pol, s.st)
		}
	}
	if pol := r.tg.policy; pol != nil {
		for i := range pol.Statements {
			if pol.Statements[i].Effect == Allow {
				add(pol, &pol.Statements[i])
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
		d := Evaluate(Request{Principal: r.p, Action: action, Resource: res, Context: w.a.opt.Context})
		if !d.Allowed {
			continue
		}
		acc := w.access(r.tg.res)
		acc.actions = append(acc.actions, action)
		acc.levels |= 1 << levelOrder[LevelUnknown]
		if strings.HasSuffix(action, ":*") && len(d.Denying) == 0 && !d.Partial {
			acc.levels |= 1 << levelOrder[LevelAdmin]
		}
		acc.partial = acc.partial || d.Partial
		for _, ref := range d.Allowing {
			acc.refs = append(acc.refs, ref)
		}
		acc.assumptions = append(acc.assumptions, d.Assumptions...)
	}
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
