package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// check is what a condition proves about a name: that its value is safe for the classes in mask (an
// allow-list proves it for all; a host check for SSRF only).
type check struct {
	name string
	mask classSet
}

// ifStmt analyses an if statement. A check in its condition makes the checked name safe in the branch
// where the check passed, and after the statement when the other branch cannot fall through (it returns,
// throws, aborts): if (!ALLOWED.has(x)) return; … x is safe here.
func (e *engine) ifStmt(s *syntax.If) {
	e.eval(s.Cond)
	then, els := e.conditionChecks(s.Cond, 0)
	restore := e.apply(then)
	e.conditional(s.Then)
	restore()
	restore = e.apply(els)
	e.conditional(s.Else)
	restore()
	thenExits, elseExits := e.exits(s.Then), e.exits(s.Else)
	switch {
	case thenExits && !elseExits:
		e.apply(els)
	case elseExits && !thenExits:
		e.apply(then)
	}
}

// conditionChecks splits a condition into the checks that hold when it is true and when it is false,
// through !, not, &&, and, ||, or.
func (e *engine) conditionChecks(x syntax.Expr, depth int) (then, els []check) {
	if depth > 50 {
		return nil, nil
	}
	switch n := x.(type) {
	case *syntax.Unary:
		if n.Op == "!" || n.Op == "not" {
			t, f := e.conditionChecks(n.X, depth+1)
			return f, t
		}
	case *syntax.Binary:
		switch n.Op {
		case "&&", "and":
			lt, lf := e.conditionChecks(n.L, depth+1)
			rt, rf := e.conditionChecks(n.R, depth+1)
			return append(lt, rt...), intersect(lf, rf)
		case "||", "or":
			lt, lf := e.conditionChecks(n.L, depth+1)
			rt, rf := e.conditionChecks(n.R, depth+1)
			return intersect(lt, rt), append(lf, rf...)
		}
	case *syntax.Assign: // if (m = re.match(…)), if ($x = …)
		return e.conditionChecks(n.R, depth+1)
	}
	if t, f, ok := e.lang.predicate(e, x); ok {
		return e.withOrigins(t), e.withOrigins(f)
	}
	return nil, nil
}

// intersect returns the checks both lists make, with the classes both prove: (x == "a" || x == "b") proves x
// is an allowed value either way.
func intersect(a, b []check) []check {
	var out []check
	for _, x := range a {
		for _, y := range b {
			if x.name == y.name && x.mask&y.mask != 0 {
				out = append(out, check{name: x.name, mask: x.mask & y.mask})
			}
		}
	}
	return out
}

// withOrigins adds, for each checked name that is a parsed URL, the name it was parsed from.
func (e *engine) withOrigins(cs []check) []check {
	out := cs
	for _, c := range cs {
		seen := map[string]bool{c.name: true}
		for b := e.lookup(c.name); b != nil && b.from != "" && !seen[b.from]; b = e.lookup(b.from) {
			seen[b.from] = true
			out = append(out, check{name: b.from, mask: c.mask})
		}
	}
	return out
}

// apply makes the checked names safe for their classes and returns what undoes it. An undo leaves a name
// alone when the branch assigned it anew.
func (e *engine) apply(cs []check) func() {
	var undo []func()
	for _, c := range cs {
		if strings.HasPrefix(c.name, "@") {
			key, old := c.name[1:], e.srcClean[c.name[1:]]
			e.srcClean[key] = old | c.mask
			undo = append(undo, func() { e.srcClean[key] = old })
			continue
		}
		root, field, _ := strings.Cut(c.name, ".")
		b := e.lookup(root)
		if b == nil || !b.t.tainted() {
			continue
		}
		nb := *b
		if field == "" {
			nb.t = nb.t.cleaned(c.mask)
			if nb.props != nil {
				nb.props = cleanAll(nb.props, c.mask)
			}
		} else {
			nb.props = cleanAll(nb.props, 0)
			pt, ok := nb.props[field]
			if !ok {
				pt = nb.t.specific()
			}
			nb.props[field] = pt.cleaned(c.mask)
		}
		e.replace(root, &nb)
		undo = append(undo, func() {
			if e.lookup(root) == &nb {
				e.replace(root, b)
			}
		})
	}
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}

// replace swaps the binding of name where it lives.
func (e *engine) replace(name string, b *binding) {
	for s := e.scope; s != nil; s = s.parent {
		if _, ok := s.vars[name]; ok {
			s.vars[name] = b
			return
		}
	}
}

func cleanAll(props map[string]taint, mask classSet) map[string]taint {
	out := make(map[string]taint, len(props))
	for k, t := range props {
		out[k] = t.cleaned(mask)
	}
	return out
}

// exits reports whether statements cannot fall through: they end in return, throw, raise, exit, break,
// continue, a call that ends the request (abort(400), die()), or an if whose branches all exit.
func (e *engine) exits(stmts []syntax.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	switch s := stmts[len(stmts)-1].(type) {
	case *syntax.Jump:
		return true
	case *syntax.ExprStmt:
		c, ok := s.X.(*syntax.Call)
		if !ok {
			if u, isU := s.X.(*syntax.Unary); isU && u.Op == "throw" {
				return true
			}
			return false
		}
		name, _ := e.resolve(c.Fn)
		return e.lang.exits(name)
	case *syntax.If:
		return e.exits(s.Then) && e.exits(s.Else)
	case *syntax.Block:
		return s.Kind == "block" && e.exits(s.Body)
	}
	return false
}

// hostProps are the parts of a parsed URL that name its host: a check of them is an SSRF check only.
var hostProps = map[string]bool{"hostname": true, "host": true, "origin": true, "netloc": true}

// urlParsers are the functions that parse a URL from a string.
var urlParsers = map[string]bool{
	"URL": true, "url.parse": true, "urllib.parse.urlparse": true, "urllib.parse.urlsplit": true, "urlparse": true,
	"urlsplit": true, "parse_url": true, "httpx.URL": true, "yarl.URL": true,
}

// pathNormalisers are functions of one path whose result a containment check examines instead of the path.
var pathNormalisers = map[string]bool{
	"os.path.realpath": true, "os.path.abspath": true, "os.path.normpath": true, "path.resolve": true,
	"path.normalize": true, "realpath": true, "fs.realpathSync": true,
}

// checkedName returns the name whose value a check examines and the classes the check can prove safe: the
// value itself (every class), one field of it ("body.sort"), or the host of a URL parsed from it (SSRF
// only). Request input checked where it is read (req.query.sort) is named by its text with "@".
func (e *engine) checkedName(x syntax.Expr) (string, classSet, bool) {
	mask := allClasses
	var fields []string
	top := x // the read checked: x without the host access or URL parse around it
	for i := 0; i < 20; i++ {
		if t, ok := e.lang.source(e, x); ok && t.tainted() {
			return "@" + e.file.text(top), mask, true
		}
		switch n := x.(type) {
		case *syntax.Ident:
			b := e.lookup(n.Name)
			if b == nil || !b.t.tainted() {
				return "", 0, false
			}
			if len(fields) == 1 {
				return n.Name + "." + fields[0], mask, true
			}
			return n.Name, mask, true
		case *syntax.Member:
			if hostProps[n.Name] {
				mask = bit(flaw.SSRF)
				top = n.X
			} else {
				fields = append([]string{n.Name}, fields...)
			}
			x = n.X
		case *syntax.Index:
			key, ok := litKey(n.Key)
			if !ok {
				return "", 0, false
			}
			fields = append([]string{key}, fields...)
			x = n.X
		case *syntax.Call:
			name, _ := e.resolve(n.Fn)
			if (!urlParsers[name] && !pathNormalisers[name]) || len(n.Args) == 0 {
				return "", 0, false
			}
			if name == "parse_url" && len(n.Args) > 1 {
				mask = bit(flaw.SSRF)
			}
			x = n.Args[0].X
			top, fields = x, nil
		case *syntax.Unary:
			if n.Op != "await" && n.Op != "(string)" {
				return "", 0, false
			}
			x = n.X
			top = x
		default:
			return "", 0, false
		}
	}
	return "", 0, false
}

// literalCompare recognises x == "literal" (either way round) and returns the check it makes when true.
func (e *engine) literalCompare(l, r syntax.Expr) ([]check, bool) {
	if isLiteral(l) {
		l, r = r, l
	}
	if !isLiteral(r) {
		return nil, false
	}
	name, mask, ok := e.checkedName(l)
	if !ok {
		return nil, false
	}
	return []check{{name: name, mask: mask}}, true
}

// isLiteral reports whether x is a literal value (a negative number included).
func isLiteral(x syntax.Expr) bool {
	switch n := x.(type) {
	case *syntax.Lit:
		return true
	case *syntax.Unary:
		_, ok := n.X.(*syntax.Lit)
		return ok && n.Op == "-"
	}
	return false
}

// anchoredRegex reports whether a regular expression matches whole strings only (^…$), so a value it
// accepts is one of the shapes it allows.
func anchoredRegex(re string) bool {
	re = strings.TrimSpace(re)
	if strings.HasPrefix(re, "/") { // a JavaScript literal /…/flags, a PHP pattern "/…/i" or "#…#"
		end := strings.LastIndexAny(re, "/#~")
		if end <= 0 {
			return false
		}
		re = re[1:end]
	} else if len(re) > 2 && strings.ContainsRune("#~!@%", rune(re[0])) {
		if end := strings.LastIndexByte(re, re[0]); end > 0 {
			re = re[1:end]
		}
	}
	re = strings.TrimPrefix(re, "\\A")
	return (strings.HasPrefix(re, "^") || strings.HasPrefix(re, "\\A")) &&
		(strings.HasSuffix(re, "$") || strings.HasSuffix(re, "\\Z") || strings.HasSuffix(re, "\\z")) &&
		!strings.Contains(re, "|") && !strings.HasSuffix(re, "\\$")
}

// switchStmt analyses a switch. In a case that matches only literals, the subject is one of them; when every
// case does and the default cannot fall through (it returns, throws, exits), the subject is one of them after
// the switch too: a switch used as an allow-list.
func (e *engine) switchStmt(b *syntax.Block) {
	e.eval(b.Head)
	if len(b.Cases) == 0 {
		e.conditional(b.Body)
		return
	}
	var cs []check
	if name, mask, ok := e.checkedName(b.Head); ok {
		cs = []check{{name: name, mask: mask}}
	}
	allLiteral, defaultLeaves := true, false
	for _, c := range b.Cases {
		literal := !c.Default
		for _, v := range c.Values {
			literal = literal && isLiteral(v)
			e.eval(v)
		}
		allLiteral = allLiteral && (literal || (c.Default && len(c.Values) == 0))
		if c.Default {
			defaultLeaves = e.exits(c.Body) && !endsInBreak(c.Body)
		}
		restore := func() {}
		if literal {
			restore = e.apply(cs)
		}
		e.conditional(c.Body)
		restore()
	}
	if allLiteral && defaultLeaves {
		e.apply(cs)
	}
}

// endsInBreak reports whether statements end with break, which leaves a switch but not the handler.
func endsInBreak(stmts []syntax.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	j, ok := stmts[len(stmts)-1].(*syntax.Jump)
	return ok && j.Kind == "break"
}
