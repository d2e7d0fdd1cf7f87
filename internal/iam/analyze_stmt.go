package iam

import (
	"sync"
	"sync/atomic"
)

// statementCache holds what the bulk analysis derives from a statement once, however many principals share
// the policy: the table actions its Action element covers, certainly (no token involved) and possibly, and
// the patterns the table cannot expand.
type statementCache struct {
	mu        sync.Mutex
	done      atomic.Bool
	all       actionSet // actions it may cover (tokens let match)
	certain   actionSet // actions it covers whatever the tokens stand for
	uncertain actionSet // all but certain; nil when empty
	// extra are the patterns that name actions beyond the table: literal actions it does not have, and every
	// pattern (for resources of types it does not know); literal are the former only.
	extra, literal []ActionPattern
	// constant is set when the statement applies to every resource without condition (Resource "*"): an
	// identity policy's statement then needs no judging per resource.
	constant bool
	// tokenPats are the patterns with tokens, for the assumption text.
	tokenPats []string
}

// cache returns the statement's derived action sets, computing them on first use.
func (st *Statement) cache() *statementCache {
	c := st.lazy
	if c == nil {
		c = &statementCache{}
		c.compute(st)
		return c
	}
	if !c.done.Load() {
		c.mu.Lock()
		if !c.done.Load() {
			c.compute(st)
			c.done.Store(true)
		}
		c.mu.Unlock()
	}
	return c
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
			if !p.any && p.split && p.svc.shape == shapePlain && p.name.shape == shapePlain {
				c.literal = append(c.literal, *p)
			}
		}
	}
	c.constant = !st.NotResource && len(st.Conditions) == 0 && len(st.Assumed) == 0 && len(st.Resources) == 1 && st.Resources[0].any
	if st.NotAction {
		all, certain = certain, all
		all.complement(len(t.actions))
		certain.complement(len(t.actions))
	}
	c.all, c.certain = all, certain
	if u := all.clone(); true {
		u.andNot(certain)
		if !u.empty() {
			c.uncertain = u
		}
	}
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
