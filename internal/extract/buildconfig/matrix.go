package buildconfig

import "sort"

// combo is one combination of a job's matrix: the values Seam knows. A matrix key whose values are not
// literal scalars (an expression, objects) has no value here, so matrix.<key> stays unknown.
type combo struct {
	values map[string]string
}

// maxCombos bounds how many matrix combinations are read per job; GitHub allows 256.
const maxCombos = 256

// matrix expands a job's strategy.matrix as GitHub does: the cartesian product of the keys' lists, minus the
// exclude entries, plus the include entries, which extend every combination whose original values they agree
// with, or else are added as combinations of their own. No matrix is one empty combination. over is the line
// of a matrix that expands to more than maxCombos (the rest are dropped), else 0.
func (f *file) matrix(n *node) (out []combo, over int) {
	if n == nil || n.kind != mapNode {
		return []combo{{}}, 0 // none, or an expression (fromJSON): its values are unknown
	}
	combos := []map[string]string{{}}
	orig := map[string]bool{}
	for i, k := range n.keys {
		if k == "include" || k == "exclude" {
			continue
		}
		vals := scalarList(n.vals[i])
		if vals == nil {
			continue
		}
		orig[k] = true
		var next []map[string]string
		for _, c := range combos {
			for _, v := range vals {
				if len(next) >= maxCombos {
					over = n.line
					break
				}
				m := copyStrings(c)
				m[k] = v
				next = append(next, m)
			}
		}
		combos = next
	}
	if len(orig) == 0 {
		combos = nil
	}
	combos = exclude(combos, n.get("exclude"))
	combos = include(combos, n.get("include"), orig)
	if len(combos) > maxCombos {
		combos, over = combos[:maxCombos], n.line
	}
	if len(combos) == 0 {
		return []combo{{}}, over
	}
	for _, c := range combos {
		out = append(out, combo{values: c})
	}
	return out, over
}

// scalarList returns the values of a list of scalars, or nil when n is anything else.
func scalarList(n *node) []string {
	if n == nil || n.kind != seqNode {
		return nil
	}
	out := make([]string, 0, len(n.items))
	for _, it := range n.items {
		s, ok := it.scalar()
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// entries reads include or exclude: a list of mappings of scalars.
func entries(n *node) []map[string]string {
	if n == nil || n.kind != seqNode {
		return nil
	}
	var out []map[string]string
	for _, it := range n.items {
		if it.kind != mapNode {
			continue
		}
		m := map[string]string{}
		for i, k := range it.keys {
			if s, ok := it.vals[i].scalar(); ok {
				m[k] = s
			}
		}
		out = append(out, m)
	}
	return out
}

func exclude(combos []map[string]string, n *node) []map[string]string {
	ex := entries(n)
	if len(ex) == 0 {
		return combos
	}
	var out []map[string]string
	for _, c := range combos {
		if !matchesAny(c, ex) {
			out = append(out, c)
		}
	}
	return out
}

func matchesAny(c map[string]string, ex []map[string]string) bool {
	for _, e := range ex {
		all := true
		for k, v := range e {
			if c[k] != v {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

func include(combos []map[string]string, n *node, orig map[string]bool) []map[string]string {
	base := len(combos)
	for _, in := range entries(n) {
		added := false
		for i := 0; i < base; i++ {
			if agrees(combos[i], in, orig) {
				for _, k := range sortedStrings(in) {
					combos[i][k] = in[k]
				}
				added = true
			}
		}
		if !added && len(combos) < maxCombos+1 {
			combos = append(combos, copyStrings(in))
		}
	}
	return combos
}

// agrees reports whether an include entry overwrites none of a combination's original matrix values.
func agrees(c, in map[string]string, orig map[string]bool) bool {
	for k, v := range in {
		if orig[k] && c[k] != v {
			return false
		}
	}
	return true
}

func copyStrings(m map[string]string) map[string]string {
	c := make(map[string]string, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	return c
}

func sortedStrings(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
