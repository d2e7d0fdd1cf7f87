package iam

import "sort"

// accessAcc gathers what one principal can do to one resource over the resource's targets.
type accessAcc struct {
	res         int
	actions     []string
	levels      uint16 // bit levelOrder[l] for each level
	partial     bool
	adminParts  int // targets on which every action of the type's own service is allowed
	refs        []StatementRef
	assumptions []Assumption
}

func (a *accessAcc) addRef(ref StatementRef) { a.refs = append(a.refs, ref) }

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

// finish renders the gathered access, sorted and without repeats.
func (a *accessAcc) finish(pi int, p *Principal, an *Analyzer) Access {
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
	for l, i := range levelOrder {
		if levels&(1<<i) != 0 {
			out.Levels = append(out.Levels, l)
		}
	}
	sortLevels(out.Levels)
	sort.Strings(a.actions)
	out.Actions = uniqueStrings(a.actions)
	sort.SliceStable(a.refs, func(i, j int) bool { return refLess(a.refs[i], a.refs[j]) })
	for i, ref := range a.refs {
		if i > 0 && !refLess(a.refs[i-1], ref) {
			continue
		}
		out.Statements = append(out.Statements, ref)
	}
	sort.SliceStable(a.assumptions, func(i, j int) bool { return assumptionLess(a.assumptions[i], a.assumptions[j]) })
	out.Assumptions = dedupeAssumptions(a.assumptions)
	return out
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
