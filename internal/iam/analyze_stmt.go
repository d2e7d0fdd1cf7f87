package iam

import "sync"

// statementCache holds what the bulk analysis derives from a statement once, however many principals share
// the policy: the table actions its Action element covers, certainly (no token involved) and possibly, and
// the patterns the table cannot expand.
type statementCache struct {
	once    sync.Once
	all     actionSet // actions it may cover (tokens let match)
	certain actionSet // actions it covers whatever the tokens stand for
	// extra are the patterns that name actions beyond the table: literal actions it does not have, and every
	// pattern (for resources of types it does not know).
	extra []ActionPattern
	// tokenPats are the patterns with tokens, for the assumption text.
	tokenPats []string
}

// cache returns the statement's derived action sets, computing them on first use.
func (st *Statement) cache() *statementCache {
	if st.lazy == nil {
		c := &statementCache{}
		c.compute(st)
		return c
	}
	st.lazy.once.Do(func() { st.lazy.compute(st) })
	return st.lazy
}

func (c *statementCache) compute(st *Statement) {
	t := table()
	all, certain := newActionSet(t.words), newActionSet(t.words)
	for i := range st.Actions {
		p := &st.Actions[i]
		m := t.matching(p, true)
		all.or(m)
		if p.any || !p.whole.toks {
			certain.or(m)
		} else {
			c.tokenPats = append(c.tokenPats, p.raw)
		}
		if p.any || !t.coversPattern(p) {
			c.extra = append(c.extra, *p)
		}
	}
	if st.NotAction {
		all, certain = certain, all
		all.complement(len(t.actions))
		certain.complement(len(t.actions))
	}
	c.all, c.certain = all, certain
}

// coversPattern reports whether the table has every action a pattern can name: its service is in the table
// and, for a literal action, the action is too.
func (t *actionTable) coversPattern(p *ActionPattern) bool {
	if p.any || !p.split || p.svc.shape != shapePlain {
		return false
	}
	if _, ok := t.services[p.svc.lit]; !ok {
		return false
	}
	if p.name.shape == shapePlain {
		_, ok := t.byName[p.svc.lit+":"+p.name.lit]
		return ok
	}
	return !p.name.toks
}
