package iam

import (
	"hash/maphash"
	"slices"
	"sort"
)

// accessAcc gathers what one principal can do to one resource over the resource's targets. Its buffers are
// reused from one principal to the next.
type accessAcc struct {
	res         int
	parts       []accPart // allowed table actions, target by target
	words       []uint64  // the parts' words
	extra       []string  // allowed actions beyond the table, as written
	levels      uint16    // bit levelOrder[l] for each level
	partial     bool
	adminParts  int // targets on which every action of the type's own service is allowed
	stmts       []polStmt
	extraRefs   []StatementRef
	assumptions []Assumption
}

// accPart is the allowed actions on one target: the words lo.. of an action set.
type accPart struct {
	typ, lo    int
	start, end int // in accessAcc.words
}

func (a *accessAcc) reset(res int) {
	*a = accessAcc{res: res, parts: a.parts[:0], words: a.words[:0], stmts: a.stmts[:0]}
}

func (a *accessAcc) addPart(typ, lo int, words []uint64) {
	start := len(a.words)
	a.words = append(a.words, words...)
	a.parts = append(a.parts, accPart{typ: typ, lo: lo, start: start, end: len(a.words)})
}

func (a *accessAcc) addAssumed(ref StatementRef, texts []string, prefix string) {
	for _, t := range texts {
		r := ref
		a.assumptions = append(a.assumptions, Assumption{Statement: &r, Text: prefix + t})
	}
}

func (a *accessAcc) addGeneral(texts []string) {
	for _, t := range texts {
		a.assumptions = append(a.assumptions, Assumption{Text: t})
	}
}

// finish renders the gathered access, sorted and without repeats. Actions, Levels and Statements slices are
// shared between accesses with the same content: callers must not modify them.
func (a *accessAcc) finish(pi int, p *Principal, an *Analyzer, in *interner) Access {
	r := an.resources[a.res]
	out := Access{Principal: pi, PrincipalID: p.ID, Resource: a.res, ResourceID: r.ID, Partial: a.partial}
	adminTargets := 0
	for _, ti := range an.resTarget[a.res] {
		if tg := &an.targets[ti]; tg.typ >= 0 && !an.typeInfos[tg.typ].admin.empty() {
			adminTargets++
		}
	}
	levels := a.levels
	if adminTargets > 0 && a.adminParts == adminTargets {
		levels |= 1 << levelOrder[LevelAdmin]
	}
	out.Levels = in.levels(levels)
	out.Actions = in.actions(a, a.extra)
	out.Statements = in.statements(a.stmts, a.extraRefs)
	if len(a.assumptions) > 0 {
		sort.SliceStable(a.assumptions, func(i, j int) bool { return assumptionLess(a.assumptions[i], a.assumptions[j]) })
		out.Assumptions = dedupeAssumptions(a.assumptions)
	}
	return out
}

// interner shares the slices of results with equal content, so that 50 administrators of 2,000 resources
// hold one list of actions per resource type, not 100,000.
type interner struct {
	seed      maphash.Seed
	acts      map[uint64][]internedActions
	stmts     map[uint64][]internedStatements
	levelSets map[uint16][]Level
	all       []string  // the table's action names
	merged    actionSet // scratch
}

type internedActions struct {
	parts []accPart
	words []uint64
	names []string
}

type internedStatements struct {
	key  []polStmt
	refs []StatementRef
}

func newInterner() interner {
	return interner{seed: maphash.MakeSeed(), acts: map[uint64][]internedActions{}, stmts: map[uint64][]internedStatements{},
		levelSets: map[uint16][]Level{}, all: table().names}
}

func (in *interner) levels(mask uint16) []Level {
	if ls, ok := in.levelSets[mask]; ok {
		return ls
	}
	var ls []Level
	for l, i := range levelOrder {
		if mask&(1<<i) != 0 {
			ls = append(ls, l)
		}
	}
	sortLevels(ls)
	in.levelSets[mask] = ls
	return ls
}

// actions returns the sorted names of the table actions of a's parts and of the extra actions.
func (in *interner) actions(a *accessAcc, extra []string) []string {
	if len(extra) > 0 {
		names := in.actionNames(a, nil)
		names = append(names, extra...)
		sort.Strings(names)
		return uniqueStrings(names)
	}
	var h maphash.Hash
	h.SetSeed(in.seed)
	for _, p := range a.parts {
		h.WriteByte(byte(p.typ))
		h.WriteByte(byte(p.lo))
		for _, w := range a.words[p.start:p.end] {
			for k := 0; k < 64; k += 8 {
				h.WriteByte(byte(w >> k))
			}
		}
	}
	key := h.Sum64()
	for _, e := range in.acts[key] {
		if e.same(a) {
			return e.names
		}
	}
	e := internedActions{parts: append([]accPart(nil), a.parts...), words: append([]uint64(nil), a.words...)}
	e.names = in.actionNames(a, nil)
	in.acts[key] = append(in.acts[key], e)
	return e.names
}

// actionNames lists the table actions of a's parts in table order (the names' sorted order).
func (in *interner) actionNames(a *accessAcc, out []string) []string {
	in.merged = in.merged[:0]
	for len(in.merged) < len(in.all) {
		in.merged = append(in.merged, 0)
	}
	for _, p := range a.parts {
		for i, w := range a.words[p.start:p.end] {
			in.merged[p.lo+i] |= w
		}
	}
	in.merged.each(func(i int) { out = append(out, in.all[i]) })
	return out
}

func (e *internedActions) same(a *accessAcc) bool {
	if len(e.parts) != len(a.parts) || len(e.words) != len(a.words) {
		return false
	}
	for i := range e.parts {
		if e.parts[i] != a.parts[i] {
			return false
		}
	}
	for i := range e.words {
		if e.words[i] != a.words[i] {
			return false
		}
	}
	return true
}

// statements returns the sorted references of the granting statements.
func (in *interner) statements(stmts []polStmt, extra []StatementRef) []StatementRef {
	if len(stmts) > 1 {
		slices.SortFunc(stmts, polStmtCmp)
	}
	stmts = uniquePolStmts(stmts)
	if len(extra) > 0 {
		refs := make([]StatementRef, 0, len(stmts)+len(extra))
		for _, s := range stmts {
			refs = append(refs, s.pol.Ref(s.st))
		}
		refs = append(refs, extra...)
		sort.SliceStable(refs, func(i, j int) bool { return refLess(refs[i], refs[j]) })
		return dedupeRefs(refs)
	}
	var h maphash.Hash
	h.SetSeed(in.seed)
	for _, s := range stmts {
		h.WriteString(s.pol.Source.Node)
		h.WriteByte(byte(s.st.Index))
	}
	key := h.Sum64()
	for _, e := range in.stmts[key] {
		if equalPolStmts(e.key, stmts) {
			return e.refs
		}
	}
	refs := make([]StatementRef, len(stmts))
	for i, s := range stmts {
		refs[i] = s.pol.Ref(s.st)
	}
	in.stmts[key] = append(in.stmts[key], internedStatements{key: append([]polStmt(nil), stmts...), refs: refs})
	return refs
}

func polStmtCmp(a, b polStmt) int {
	if a.pol == b.pol {
		return a.st.Index - b.st.Index
	}
	ra, rb := a.pol.Ref(a.st), b.pol.Ref(b.st)
	switch {
	case refLess(ra, rb):
		return -1
	case refLess(rb, ra):
		return 1
	}
	return 0
}

func uniquePolStmts(s []polStmt) []polStmt {
	out := s[:0]
	for i, x := range s {
		if i > 0 && x == s[i-1] {
			continue
		}
		out = append(out, x)
	}
	return out
}

func equalPolStmts(a, b []polStmt) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func uniqueStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i > 0 && x == s[i-1] {
			continue
		}
		out = append(out, x)
	}
	return out
}
