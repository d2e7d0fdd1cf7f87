package golang

import (
	"go/ast"
	"go/token"
	"strings"
)

// Guards. A condition that holds only for values the program chose is an allow-list: after
// `if !allowed[x] { return }`, x is no longer the attacker's. Seam recognises the common forms — map
// membership (also through `v, ok := m[x]`), comparison with constants (also as a switch whose default
// leaves), slices.Contains, a check of a parsed URL's host (SSRF only), a prefix check of a cleaned path
// or filepath.IsLocal (path traversal only), an anchored regular expression (everything but SSRF: a
// hostname such as "localhost" fits most shapes), and a predicate declared in the same file that is made
// of these (isAllowedURL(raw)). Predicates Seam cannot see (a method declared elsewhere) sanitise nothing.

// facts maps state keys to the classes a condition proves their values safe for.
type facts map[string]classSet

func union(x, y facts) facts {
	out := facts{}
	for k, c := range x {
		out[k] |= c
	}
	for k, c := range y {
		out[k] |= c
	}
	return out
}

func intersect(x, y facts) facts {
	out := facts{}
	for k, c := range x {
		if d := c & y[k]; d != 0 {
			out[k] = d
		}
	}
	return out
}

// apply sanitises what the facts prove.
func (a *fn) apply(fs facts) {
	for k, c := range fs {
		a.st.sanitize(k, c)
	}
}

// factsOf returns what a condition proves when it evaluates to truth.
func (a *fn) factsOf(cond ast.Expr, truth bool) facts {
	switch c := unparen(cond).(type) {
	case *ast.UnaryExpr:
		if c.Op == token.NOT {
			return a.factsOf(c.X, !truth)
		}
	case *ast.BinaryExpr:
		return a.binaryFacts(c, truth)
	case *ast.IndexExpr:
		if truth && !a.eval(c.X).tainted() {
			return a.subjectFacts(c.Index, allClasses)
		}
	case *ast.Ident:
		if k, ok := a.f.keyOf(c); ok {
			if g, ok := a.guards[k]; ok {
				return a.factsOf(g, truth)
			}
		}
	case *ast.CallExpr:
		return a.callFacts(c, truth)
	}
	return nil
}

func (a *fn) binaryFacts(c *ast.BinaryExpr, truth bool) facts {
	switch c.Op {
	case token.LAND:
		if truth {
			return union(a.factsOf(c.X, true), a.factsOf(c.Y, true))
		}
		return intersect(a.factsOf(c.X, false), a.factsOf(c.Y, false))
	case token.LOR:
		if truth {
			return intersect(a.factsOf(c.X, true), a.factsOf(c.Y, true))
		}
		return union(a.factsOf(c.X, false), a.factsOf(c.Y, false))
	case token.EQL, token.NEQ:
		eq := c.Op == token.EQL
		if b, ok := boolConst(c.Y); ok { // allowed[x] == true, ok != false
			return a.factsOf(c.X, truth == (b == eq))
		}
		if eq != truth {
			return nil
		}
		x, y := a.eval(c.X), a.eval(c.Y)
		switch {
		case x.tainted() && !y.tainted():
			return a.subjectFacts(c.X, allClasses)
		case y.tainted() && !x.tainted():
			return a.subjectFacts(c.Y, allClasses)
		}
	}
	return nil
}

func boolConst(e ast.Expr) (bool, bool) {
	id, ok := unparen(e).(*ast.Ident)
	if !ok || (id.Name != "true" && id.Name != "false") {
		return false, false
	}
	return id.Name == "true", true
}

// callFacts returns what a predicate call proves.
func (a *fn) callFacts(c *ast.CallExpr, truth bool) facts {
	ce := a.f.calleeOf(c)
	arg := func(i int) ast.Expr {
		if i < len(c.Args) {
			return c.Args[i]
		}
		return nil
	}
	if ce.recv != nil {
		if r := a.eval(ce.recv); r.hint == "regexp.Regexp" && truth && strings.HasPrefix(ce.name, "Match") {
			return a.subjectFacts(arg(0), patternClasses(r.pattern))
		}
		return a.predicateFacts(c, ce, truth)
	}
	if ce.pkg == "" {
		return a.predicateFacts(c, ce, truth)
	}
	if len(c.Args) == 0 {
		return nil
	}
	switch ce.pkg + "." + ce.name {
	case "slices.Contains":
		if truth && len(c.Args) == 2 && !a.eval(c.Args[0]).tainted() {
			return a.subjectFacts(c.Args[1], allClasses)
		}
	case "strings.EqualFold":
		if truth && len(c.Args) == 2 && a.f.isConst(c.Args[1]) {
			return a.subjectFacts(c.Args[0], allClasses)
		}
	case "strings.Contains":
		if s, ok := a.f.constString(arg(1)); ok && !truth && strings.Contains(s, "..") && len(s) <= 3 {
			return a.subjectFacts(c.Args[0], cPath)
		}
	case "strings.HasPrefix":
		return a.prefixFacts(c, truth)
	case "path/filepath.IsLocal", "io/fs.ValidPath":
		if truth {
			return a.subjectFacts(c.Args[0], cPath)
		}
	case "regexp.MatchString":
		if p, ok := a.f.constString(c.Args[0]); ok && truth && len(c.Args) == 2 {
			return a.subjectFacts(c.Args[1], patternClasses(p))
		}
	}
	return nil
}

// prefixFacts: strings.HasPrefix(raw, "https://images.example.com/") fixes the host (SSRF);
// strings.HasPrefix(cleaned, base) keeps a cleaned path under base, and !strings.HasPrefix(rel, "..") a
// relative one (path traversal).
func (a *fn) prefixFacts(c *ast.CallExpr, truth bool) facts {
	if len(c.Args) != 2 {
		return nil
	}
	subject, prefix := a.eval(c.Args[0]), a.eval(c.Args[1])
	p, isConst := a.f.constString(c.Args[1])
	switch {
	case truth && isConst && strings.Contains(p, "://") && fixedHost(p):
		return a.subjectFacts(c.Args[0], cSSRF)
	case truth && subject.cleaned && !prefix.tainted() && !strings.HasPrefix(p, ".."):
		return a.subjectFacts(c.Args[0], cPath)
	case !truth && subject.cleaned && isConst && strings.HasPrefix(p, ".."):
		return a.subjectFacts(c.Args[0], cPath)
	}
	return nil
}

// subjectFacts names what a guard proves about its subject: the variable (or field) it tests, seen
// through case and space normalisation (strings.ToLower(x) == "asc"); for the host of a parsed URL, the URL
// itself, for SSRF.
func (a *fn) subjectFacts(subj ast.Expr, cs classSet) facts {
	if subj == nil || cs == 0 {
		return nil
	}
	subj = unparen(subj)
	for range 4 {
		c, ok := subj.(*ast.CallExpr)
		if !ok || len(c.Args) == 0 {
			break
		}
		ce := a.f.calleeOf(c)
		if ce.pkg != "strings" || !strings.HasPrefix(ce.name, "To") && !strings.HasPrefix(ce.name, "Trim") {
			break
		}
		subj = unparen(c.Args[0])
	}
	out := facts{}
	var url ast.Expr
	switch s := subj.(type) {
	case *ast.SelectorExpr:
		if s.Sel.Name == "Host" {
			url = s.X
		}
	case *ast.CallExpr:
		if ce := a.f.calleeOf(s); ce.recv != nil && ce.name == "Hostname" {
			url = ce.recv
		}
	}
	if url != nil && a.eval(url).isURL {
		if k, ok := a.f.keyOf(url); ok {
			out[k] |= cSSRF
		}
	}
	if k, ok := a.f.keyOf(subj); ok {
		out[k] |= cs
	}
	return out
}

// patternClasses returns what a match of an anchored regular expression proves: the value has the
// pattern's shape, so it is no injection; it is no path traversal either when the pattern admits no "." or
// "/". An unanchored pattern proves nothing.
func patternClasses(p string) classSet {
	anchoredStart := strings.HasPrefix(p, "^") || strings.HasPrefix(p, `\A`)
	anchoredEnd := strings.HasSuffix(p, "$") || strings.HasSuffix(p, `\z`)
	if !anchoredStart || !anchoredEnd || topLevelAlternation(p) {
		return 0
	}
	cs := notSSRF
	for _, wide := range []string{".", "/", `\S`, `\W`, `\D`, `[^`, `\p`, `\P`} {
		if strings.Contains(p, wide) {
			return cs &^ cPath
		}
	}
	return cs
}

func topLevelAlternation(p string) bool {
	depth, class := 0, false
	for i := 0; i < len(p); i++ {
		switch ch := p[i]; {
		case ch == '\\':
			i++
		case class:
			class = ch != ']'
		case ch == '[':
			class = true
		case ch == '(':
			depth++
		case ch == ')':
			depth--
		case ch == '|' && depth == 0:
			return true
		}
	}
	return false
}
