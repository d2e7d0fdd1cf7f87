package iam

import (
	"slices"
	"sort"
)

// worker analyses principals one at a time with scratch space reused between them.
type worker struct {
	a        *Analyzer
	t        *actionTable
	cur      uint32
	stamp    []uint32 // per target: cur when it is a candidate of the current principal
	mask     []uint64 // per target: the allow statements that found it (bit k; bit 63 for k ≥ 63)
	cands    []int32
	resStamp []uint32 // per resource: cur when out holds its access
	resAt    []int32  // per resource: its index in out
	sd       sideSets
	allowed  actionSet
	full     actionSet
	via      [3]actionSet // identity, resource policy direct, delegated
	hits     []bulkHit
	denies   []bulkHit // Deny statements that apply only by assumption
	parts    []accessAcc
	pAcct    string // the current principal's account
	intern   interner
}

type sideSets struct{ idA, idF, bA, bF, rdA, rdF, rgA, rgF, dA, dF actionSet }

// principalStatements are a principal's identity-policy statements, split by effect.
type principalStatements struct {
	allows, denies []polStmt
	unknown        []string // identity policies that could not be read
}

type polStmt struct {
	pol *Policy
	st  *Statement
}

const (
	sideID = iota
	sideRD
	sideRG
)

// bulkHit is a statement that applies to the target at hand.
type bulkHit struct {
	pol     *Policy
	st      *Statement
	bits    actionSet
	side    int
	assumed []string
}

func (a *Analyzer) newWorker() *worker {
	t := table()
	w := &worker{a: a, t: t, stamp: make([]uint32, len(a.targets)), mask: make([]uint64, len(a.targets)),
		resStamp: make([]uint32, len(a.resources)), resAt: make([]int32, len(a.resources)),
		allowed: newActionSet(t.words), full: newActionSet(t.words), intern: newInterner()}
	for _, s := range []*actionSet{&w.sd.idA, &w.sd.idF, &w.sd.bA, &w.sd.bF, &w.sd.rdA, &w.sd.rdF, &w.sd.rgA,
		&w.sd.rgF, &w.sd.dA, &w.sd.dF, &w.via[0], &w.via[1], &w.via[2]} {
		*s = newActionSet(t.words)
	}
	return w
}

func flatten(p *Principal) principalStatements {
	var ps principalStatements
	if !p.hasIdentityPolicies() {
		return ps
	}
	for _, pol := range p.Policies {
		if pol.Unknown != "" {
			ps.unknown = append(ps.unknown, "policy "+pol.Source.Node+" is unknown ("+pol.Unknown+"): not evaluated, it may grant more")
			continue
		}
		for i := range pol.Statements {
			st := &pol.Statements[i]
			if st.Effect == Deny {
				ps.denies = append(ps.denies, polStmt{pol, st})
			} else {
				ps.allows = append(ps.allows, polStmt{pol, st})
			}
		}
	}
	return ps
}

// principal analyses one principal.
func (w *worker) principal(pi int, p *Principal) []Access {
	w.cur++
	w.cands = w.cands[:0]
	w.parts = w.parts[:0]
	w.pAcct = p.account()
	ps := flatten(p)
	for k, s := range ps.allows {
		w.findCandidates(k, s.st)
	}
	w.policyCandidates(p)
	if p.Kind == PrincipalAccount {
		w.ownAccountCandidates()
	}
	slices.Sort(w.cands)
	for _, ti := range w.cands {
		w.target(p, &ps, ti)
	}
	out := make([]Access, len(w.parts))
	for i := range w.parts {
		out[i] = w.parts[i].finish(pi, p, w.a, &w.intern)
	}
	slices.SortFunc(out, func(a, b Access) int { return a.Resource - b.Resource })
	return out
}

func (w *worker) markTarget(ti int32, k int) {
	if w.stamp[ti] != w.cur {
		w.stamp[ti] = w.cur
		w.mask[ti] = 0
		w.cands = append(w.cands, ti)
	}
	switch {
	case k < 0:
	case k < 63:
		w.mask[ti] |= 1 << k
	default:
		w.mask[ti] |= 1 << 63
	}
}

// found reports whether allow statement k found target ti.
func (w *worker) found(ti int32, k int) bool {
	if k >= 63 {
		return w.mask[ti]&(1<<63) != 0
	}
	return w.mask[ti]&(1<<k) != 0
}

// findCandidates marks the targets allow statement k may touch: by its resource patterns' literal
// beginnings, and every target of the types its actions apply to for `*` and NotResource.
func (w *worker) findCandidates(k int, st *Statement) {
	a := w.a
	c := st.cache()
	everywhere := st.NotResource
	for i := range st.Resources {
		if st.Resources[i].any || st.Resources[i].indexKey() == "" {
			everywhere = true
		}
	}
	if everywhere {
		for id := range a.byType {
			ti := &a.typeInfos[id]
			if len(a.byType[id]) == 0 || !intersects(c.all, ti.mask, ti.lo, ti.hi) {
				continue
			}
			for _, t := range a.byType[id] {
				w.markTarget(t, k)
			}
		}
		if len(c.extra) > 0 {
			for _, t := range a.untyped {
				w.markTarget(t, k)
			}
		}
		return
	}
	for i := range st.Resources {
		w.findByKey(st.Resources[i].indexKey(), k)
	}
}

// findByKey marks the targets whose key starts with key, and the pattern targets whose key key starts with.
func (w *worker) findByKey(key string, k int) {
	a := w.a
	i := sort.SearchStrings(a.keys, key)
	for ; i < len(a.keys) && len(a.keys[i]) >= len(key) && a.keys[i][:len(key)] == key; i++ {
		w.markTarget(a.byKey[i], k)
	}
	for _, l := range a.wildLens {
		if l > len(key) {
			break
		}
		for _, t := range a.wild[key[:l]] {
			w.markTarget(t, k)
		}
	}
}

// policyCandidates marks the targets of resources whose resource-based policy may name p.
func (w *worker) policyCandidates(p *Principal) {
	a := w.a
	keys, all := principalKeys(p)
	mark := func(ri int32) {
		for _, t := range a.resTarget[ri] {
			w.markTarget(t, -1)
		}
	}
	if all {
		for ri := range a.resources {
			if a.resources[ri].Policy != nil {
				mark(int32(ri))
			}
		}
	}
	for _, k := range keys {
		for _, ri := range a.rpByKey[k] {
			mark(ri)
		}
	}
	for _, ri := range a.rpAlways {
		mark(ri)
	}
}

// ownAccountCandidates marks every target in the account principal's own account (or naming none): there
// the account may do what no key or trust policy withholds.
func (w *worker) ownAccountCandidates() {
	for i := range w.a.targets {
		if acct := w.a.targets[i].acct; acct == "" || compareValues(acct, w.pAcct) != no {
			w.markTarget(int32(i), -1)
		}
	}
}

func intersects(s, mask actionSet, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if s[i]&mask[i] != 0 {
			return true
		}
	}
	return false
}

func orMasked(dst, s, mask actionSet, lo, hi int) {
	for i := lo; i < hi; i++ {
		dst[i] |= s[i] & mask[i]
	}
}
