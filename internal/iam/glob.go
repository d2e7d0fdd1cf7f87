package iam

import (
	"strings"
	"unicode/utf8"
)

// This file is the string matcher under every IAM comparison: glob patterns with `*` (any run of
// characters), `?` (exactly one character) and `${...}` tokens. A token is a part of a string Seam could not
// know (an unresolved Terraform value, a policy variable the request does not supply); it may stand for any
// string, so a comparison that succeeds only by letting a token match is uncertain, and says which tokens it
// assumed. `${*}`, `${?}` and `${$}` are IAM's escapes for a literal `*`, `?` and `$`
// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html, "Special characters").

// grade is the outcome of a comparison: no, only by assuming unknown parts (maybe), or certainly (yes).
// Combining outcomes with AND takes the lower grade, with OR the higher.
type grade int8

const (
	no grade = iota
	maybe
	yes
)

func minGrade(a, b grade) grade {
	if a < b {
		return a
	}
	return b
}

func maxGrade(a, b grade) grade {
	if a > b {
		return a
	}
	return b
}

// notGrade negates an outcome; an uncertain outcome stays uncertain.
func notGrade(g grade) grade { return yes - g }

type elemKind uint8

const (
	elLit  elemKind = iota // a run of literal text
	elOne                  // ?
	elStar                 // *
	elTok                  // ${...}
)

type elem struct {
	kind elemKind
	text string // the literal text, or the whole token "${...}"
}

type shape uint8

const (
	shapePlain   shape = iota // literal text only
	shapePrefix               // literal text then one trailing * (or * alone)
	shapeGeneral              // anything else
)

// glob is a compiled pattern or value. Values (concrete strings that may hold tokens) are compiled with
// wildcards off, so their `*` and `?` are literal characters.
type glob struct {
	elems []elem
	shape shape
	lit   string // plain: the text; prefix: the prefix; general: the literal text before the first wildcard
	fold  bool   // compared case-insensitively (literals are stored lowercased)
	toks  bool   // holds at least one token
}

// compileGlob compiles s; wild makes `*` and `?` wildcards, fold makes the comparison case-insensitive.
func compileGlob(s string, wild, fold bool) glob {
	g := glob{fold: fold}
	if !strings.ContainsAny(s, "$*?") || !wild && !strings.Contains(s, "${") {
		if fold {
			s = strings.ToLower(s)
		}
		if s != "" {
			g.elems = []elem{{kind: elLit, text: s}}
		}
		g.classify()
		return g
	}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t := lit.String()
			if fold {
				t = strings.ToLower(t)
			}
			g.elems = append(g.elems, elem{kind: elLit, text: t})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case wild && c == '*':
			flush()
			if n := len(g.elems); n == 0 || g.elems[n-1].kind != elStar {
				g.elems = append(g.elems, elem{kind: elStar})
			}
		case wild && c == '?':
			flush()
			g.elems = append(g.elems, elem{kind: elOne})
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			end := tokenEnd(s, i)
			if end < 0 {
				lit.WriteByte(c)
				continue
			}
			inner := s[i+2 : end]
			if inner == "*" || inner == "?" || inner == "$" {
				lit.WriteString(inner)
			} else {
				flush()
				g.elems = append(g.elems, elem{kind: elTok, text: s[i : end+1]})
				g.toks = true
			}
			i = end
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	g.classify()
	return g
}

// tokenEnd returns the index of the } closing the token that starts at s[i:] ("${"), or -1.
func tokenEnd(s string, i int) int {
	depth := 0
	for j := i + 2; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return j
			}
			depth--
		}
	}
	return -1
}

func (g *glob) classify() {
	switch {
	case len(g.elems) == 0:
		g.shape = shapePlain
	case len(g.elems) == 1 && g.elems[0].kind == elLit:
		g.shape, g.lit = shapePlain, g.elems[0].text
	case len(g.elems) == 1 && g.elems[0].kind == elStar:
		g.shape = shapePrefix
	case len(g.elems) == 2 && g.elems[0].kind == elLit && g.elems[1].kind == elStar:
		g.shape, g.lit = shapePrefix, g.elems[0].text
	default:
		g.shape = shapeGeneral
		if g.elems[0].kind == elLit {
			g.lit = g.elems[0].text
		}
	}
}

// isAny reports whether the pattern is `*` alone.
func (g *glob) isAny() bool { return g.shape == shapePrefix && g.lit == "" }

// tokens appends the distinct tokens of g to out.
func (g *glob) tokens(out []string) []string {
	for _, e := range g.elems {
		if e.kind == elTok && !containsString(out, e.text) {
			out = append(out, e.text)
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// overlap grades whether some string matches both a and b.
func overlap(a, b *glob) grade {
	switch {
	case a.shape == shapePlain && b.shape == shapePlain:
		return boolGrade(a.lit == b.lit)
	case a.shape == shapePrefix && b.shape == shapePlain:
		return boolGrade(strings.HasPrefix(b.lit, a.lit))
	case a.shape == shapePlain && b.shape == shapePrefix:
		return boolGrade(strings.HasPrefix(a.lit, b.lit))
	case a.shape == shapePrefix && b.shape == shapePrefix:
		return boolGrade(strings.HasPrefix(a.lit, b.lit) || strings.HasPrefix(b.lit, a.lit))
	}
	if !compatiblePrefixes(a.lit, b.lit) { // both literal beginnings start every string either matches
		return no
	}
	if b.shape == shapePlain {
		return plainGrade(a, b.lit)
	}
	if a.shape == shapePlain {
		return plainGrade(b, a.lit)
	}
	var abuf, bbuf [48]atom
	return solve(atomsOf(a, abuf[:0]), atomsOf(b, bbuf[:0]), false)
}

// plainGrade grades a pattern against a plain string. A token can only match plain text by assumption, and
// every way through the pattern passes its tokens, so a pattern with tokens matches at best maybe.
func plainGrade(g *glob, s string) grade {
	if !matchPlain(g.elems, s) {
		return no
	}
	if g.toks {
		return maybe
	}
	return yes
}

// matchPlain reports whether a pattern matches the plain string s, a token standing for any string: the
// classic wildcard match, backtracking to the last star.
func matchPlain(elems []elem, s string) bool {
	ei, si := 0, 0
	starE, starS := -1, 0
	for {
		if ei < len(elems) {
			e := &elems[ei]
			switch {
			case e.kind == elStar || e.kind == elTok:
				starE, starS = ei, si
				ei++
				continue
			case e.kind == elOne && si < len(s):
				_, size := utf8.DecodeRuneInString(s[si:])
				si += size
				ei++
				continue
			case e.kind == elLit && strings.HasPrefix(s[si:], e.text):
				si += len(e.text)
				ei++
				continue
			}
		} else if si == len(s) {
			return true
		}
		if starE < 0 || starS >= len(s) {
			return false
		}
		_, size := utf8.DecodeRuneInString(s[starS:])
		starS += size
		si, ei = starS, starE+1
	}
}

// covers grades whether every string that matches b also matches a. The answer is exact for the shapes
// policies use; in general it may say no where the true answer is yes (never the other way), so a pattern is
// at worst reported as partly covered.
func covers(a, b *glob) grade {
	if a.shape == shapePrefix {
		switch b.shape {
		case shapePlain, shapePrefix:
			return boolGrade(strings.HasPrefix(b.lit, a.lit))
		}
		if strings.HasPrefix(b.lit, a.lit) {
			return yes
		}
	}
	if a.shape == shapePlain {
		switch b.shape {
		case shapePlain:
			return boolGrade(a.lit == b.lit)
		case shapePrefix:
			return no
		}
	}
	if !compatiblePrefixes(a.lit, b.lit) {
		return no
	}
	if b.shape == shapePlain { // one string: covering it is matching it
		return plainGrade(a, b.lit)
	}
	var abuf, bbuf [48]atom
	return solve(atomsOf(a, abuf[:0]), atomsOf(b, bbuf[:0]), true)
}

func boolGrade(b bool) grade {
	if b {
		return yes
	}
	return no
}

func compatiblePrefixes(a, b string) bool {
	return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// atom is one step of a pattern: a character (a rune: `?` matches one character, as AWS documents), ?, *
// or a whole token.
type atom struct {
	kind elemKind
	c    rune
	tok  string
}

func (a atom) single() bool { return a.kind == elLit || a.kind == elOne }

// atomsOf appends g's atoms to out (a buffer the caller may keep on its stack).
func atomsOf(g *glob, out []atom) []atom {
	for _, e := range g.elems {
		switch e.kind {
		case elLit:
			for i := 0; i < len(e.text); {
				c, size := utf8.DecodeRuneInString(e.text[i:])
				if c == utf8.RuneError && size == 1 {
					c = -rune(e.text[i]) // an invalid byte stays itself
				}
				out = append(out, atom{kind: elLit, c: c})
				i += size
			}
		default:
			out = append(out, atom{kind: e.kind, tok: e.text})
		}
	}
	return out
}

// solve grades, by dynamic programming over positions in a and b, whether a and b overlap (cover=false) or
// a covers b (cover=true). A path that lets a token stand for something is graded maybe; identical tokens
// on both sides match each other certainly.
func solve(a, b []atom, cover bool) grade {
	n, m := len(a), len(b)
	var buf [1024]grade
	cells := (n + 1) * (m + 1)
	d := dpTable{w: m + 1}
	if cells <= len(buf) {
		d.t = buf[:cells]
	} else {
		d.t = make([]grade, cells)
	}
	d.t[n*d.w+m] = yes
	for i := n; i >= 0; i-- {
		for j := m; j >= 0; j-- {
			if i == n && j == m {
				continue
			}
			d.best = no
			var ai, bj atom
			hasA, hasB := i < n, j < m
			if hasA {
				ai = a[i]
			}
			if hasB {
				bj = b[j]
			}
			if cover {
				d.coverSteps(ai, bj, hasA, hasB, i, j)
			} else {
				d.overlapSteps(ai, bj, hasA, hasB, i, j)
			}
			d.t[i*d.w+j] = d.best
		}
	}
	return d.t[0]
}

// dpTable holds the grades of every (i, j) suffix pair; best collects the options of the cell in work.
type dpTable struct {
	t    []grade
	w    int
	best grade
}

// opt offers the grade of cell (x, y), capped, as an option for the cell in work.
func (d *dpTable) opt(x, y int, cap grade) {
	if v := minGrade(d.t[x*d.w+y], cap); v > d.best {
		d.best = v
	}
}

func (d *dpTable) overlapSteps(ai, bj atom, hasA, hasB bool, i, j int) {
	if hasA && ai.kind == elStar {
		d.opt(i+1, j, yes)
		if hasB {
			d.opt(i, j+1, yes)
		}
	}
	if hasB && bj.kind == elStar {
		d.opt(i, j+1, yes)
		if hasA {
			d.opt(i+1, j, yes)
		}
	}
	if hasA && ai.kind == elTok {
		if hasB && bj.kind == elTok && bj.tok == ai.tok {
			d.opt(i+1, j+1, yes)
		}
		d.opt(i+1, j, maybe)
		if hasB {
			d.opt(i, j+1, maybe)
		}
	}
	if hasB && bj.kind == elTok {
		d.opt(i, j+1, maybe)
		if hasA {
			d.opt(i+1, j, maybe)
		}
	}
	if hasA && hasB && ai.single() && bj.single() && (ai.kind == elOne || bj.kind == elOne || ai.c == bj.c) {
		d.opt(i+1, j+1, yes)
	}
}

func (d *dpTable) coverSteps(ai, bj atom, hasA, hasB bool, i, j int) {
	if hasA && ai.kind == elStar {
		d.opt(i+1, j, yes)
		if hasB {
			d.opt(i, j+1, yes)
		}
	}
	if hasA && ai.kind == elTok {
		if hasB && bj.kind == elTok && bj.tok == ai.tok {
			d.opt(i+1, j+1, yes)
		}
		d.opt(i+1, j, maybe)
		if hasB {
			d.opt(i, j+1, maybe)
		}
	}
	if hasB && bj.kind == elTok {
		d.opt(i, j+1, maybe)
		if hasA && ai.single() {
			d.opt(i+1, j, maybe)
		}
	}
	if hasA && hasB {
		switch {
		case bj.kind == elOne && ai.kind == elOne:
			d.opt(i+1, j+1, yes)
		case bj.kind == elLit && (ai.kind == elOne || (ai.kind == elLit && ai.c == bj.c)):
			d.opt(i+1, j+1, yes)
		}
	}
}
