package script

import (
	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// language holds what differs between JavaScript, Python and PHP: how a file's handlers are found, what
// reads request input, what calls do to taint, the sinks, and which conditions are allow-list checks.
type language interface {
	// prepare reads the file's imports into fc and returns the functions to analyse.
	prepare(fc *fileCtx, f *syntax.File) []*unit
	// source returns the taint of x when x reads request input.
	source(e *engine, x syntax.Expr) (taint, bool)
	// result returns what a call gives back when the language knows the function (a cast, a sanitiser, a
	// string function); ok false leaves the call to the shared rules.
	result(cc *callCtx) (taint, bool)
	// sinks returns the sinks a call of the canonical name may be.
	sinks(name string) []*sink
	// predicate recognises an allow-list or validation check: the names it proves safe when x is true (then)
	// and when it is false (els).
	predicate(e *engine, x syntax.Expr) (then, els []check, ok bool)
	// binaryOp says what a binary operator does with taint.
	binaryOp(op string) opKind
	// exits reports whether a call of the canonical name ends the request (abort, exit).
	exits(name string) bool
	// instance returns the canonical name of what a call of the canonical name creates ("axios.create" →
	// "axios", "requests.Session" → "requests"), or "".
	instance(name string) string
}

// opKind is what a binary operator does with the taint of its operands.
type opKind uint8

const (
	opNone   opKind = iota // a comparison or arithmetic: the result is a number or boolean, not input
	opConcat               // string concatenation: input, and the left operand may fix a URL's host
	opFormat               // printf-style formatting (Python's %): the left operand is the format
	opEither               // the value of one operand (||, ??, or, and)
)

// fileCtx is what the analysis knows about one file.
type fileCtx struct {
	path      string
	src       []byte
	language  string            // javascript, typescript, python, php
	aliases   map[string]string // file-level names → canonical names (imports, module-level instances)
	imports   map[string]bool   // modules the file imports
	framework string            // the web framework the file uses, "" when none is seen
}

// text returns the source of a node as written, on one line and cut to a readable length.
func (fc *fileCtx) text(n syntax.Node) string {
	if n == nil {
		return ""
	}
	s := n.Pos()
	if s.Off < 0 || s.End > len(fc.src) || s.End <= s.Off {
		return ""
	}
	return shorten(string(fc.src[s.Off:s.End]))
}

// unit is one function the detector analyses: a request handler, or (PHP) a file's top-level code.
type unit struct {
	name      string
	route     string
	framework string
	body      []syntax.Stmt
	expr      syntax.Expr // an arrow function's or lambda's expression body
	// roots are the names that hold the request object, with the kind of request they hold.
	roots map[string]string
	// params are the parameters that are request input themselves (FastAPI, Flask route variables).
	params map[string]taint
	// fn is the unit's function (nil for top-level code); funcs are all the functions analysed as units of
	// their own, which the walk of another unit does not enter.
	fn    *syntax.Func
	funcs map[*syntax.Func]bool
}

// binding is what a name holds in the function being analysed.
type binding struct {
	t taint
	// canon is the module or instance the name stands for ("child_process", "requests"), if known.
	canon string
	// props and elems are the taint of each property or element of an object or array literal bound to the
	// name; shaped says the whole value's taint is exactly theirs.
	props  map[string]taint
	elems  []taint
	shaped bool
	// from is the name a parsed URL was made from (u = new URL(x)), so a check of u's host also clears x.
	from string
}

// scope is a set of bindings; inline callbacks get a child scope so their parameters shadow outer names.
type scope struct {
	vars   map[string]*binding
	parent *scope
}

func (s *scope) lookup(name string) *binding {
	for ; s != nil; s = s.parent {
		if b, ok := s.vars[name]; ok {
			return b
		}
	}
	return nil
}

// maxSteps bounds the evaluation steps for one file, so that no input can take unbounded time; maxEvalDepth
// bounds the nesting of expressions the evaluation recurses through.
const (
	maxSteps     = 2_000_000
	maxEvalDepth = 3_000
)

// budget is what the analysis of one file may still spend, shared by its units.
type budget struct {
	steps int
	deep  bool // an expression nested deeper than maxEvalDepth was not followed
}

// engine follows request input through the statements of one unit.
type engine struct {
	lang   language
	file   *fileCtx
	unit   *unit
	scope  *scope
	cond   int // depth of conditional code: assignments there do not clear taint
	depth  int // nesting of the expression being evaluated
	budget *budget
	found  map[string]flaw.Finding
	halted bool
	// srcClean holds the classes request input read at a place (by its text) was checked safe for.
	srcClean map[string]classSet
}

// run analyses one unit and adds its findings to found.
func run(lang language, fc *fileCtx, u *unit, b *budget, found map[string]flaw.Finding) {
	e := &engine{lang: lang, file: fc, unit: u, budget: b, found: found, srcClean: map[string]classSet{}}
	e.scope = &scope{vars: map[string]*binding{}}
	for name, t := range u.params {
		e.scope.vars[name] = &binding{t: t}
	}
	e.walk(u.body)
	if u.expr != nil {
		e.eval(u.expr)
	}
}

// step counts one unit of work and reports whether the budget allows more.
func (e *engine) step() bool {
	if e.halted {
		return false
	}
	e.budget.steps++
	if e.budget.steps > maxSteps {
		e.halted = true
		return false
	}
	return true
}

// lookup returns the binding of a name in the unit, or nil.
func (e *engine) lookup(name string) *binding { return e.scope.lookup(name) }

// set binds name to b: a declaration in the current scope, an assignment where the name lives. In conditional
// code an assignment adds to what the name held instead of replacing it.
func (e *engine) set(name string, b *binding, decl bool) {
	old := e.scope.lookup(name)
	if e.cond > 0 && old != nil {
		b.t = merge(old.t, b.t)
		if b.canon == "" {
			b.canon = old.canon
		}
	}
	target := e.scope
	if !decl {
		for s := e.scope; s != nil; s = s.parent {
			if _, ok := s.vars[name]; ok {
				target = s
				break
			}
		}
	}
	target.vars[name] = b
}

// isRoot reports whether name holds the request object in this unit, and its kind.
func (e *engine) isRoot(name string) (string, bool) {
	if e.scope.lookup(name) != nil { // the name was bound anew: it holds something else now
		return "", false
	}
	k, ok := e.unit.roots[name]
	return k, ok
}

// walk analyses statements in order.
func (e *engine) walk(stmts []syntax.Stmt) {
	for _, s := range stmts {
		if !e.step() {
			return
		}
		e.stmt(s)
	}
}

// conditional walks statements that may not run.
func (e *engine) conditional(stmts []syntax.Stmt) {
	e.cond++
	e.walk(stmts)
	e.cond--
}

// stmt analyses one statement.
func (e *engine) stmt(s syntax.Stmt) {
	switch x := s.(type) {
	case *syntax.ExprStmt:
		e.eval(x.X)
	case *syntax.Jump:
		e.eval(x.X)
	case *syntax.If:
		e.ifStmt(x)
	case *syntax.Loop:
		e.loop(x)
	case *syntax.Block:
		if x.Kind == "switch" {
			e.switchStmt(x)
			return
		}
		e.eval(x.Head)
		if x.Kind == "try" || x.Kind == "match" {
			if id, ok := x.Head.(*syntax.Ident); ok && x.Kind == "try" {
				e.set(id.Name, &binding{}, true)
			}
			e.conditional(x.Body)
			return
		}
		e.walk(x.Body)
	case *syntax.With:
		for _, it := range x.Items {
			t, sh := e.evalShaped(it.X)
			if it.Target != nil {
				e.bind(it.Target, t, sh, true)
			}
		}
		e.walk(x.Body)
	case *syntax.FuncDecl:
		e.inline(x.Func, none)
	case *syntax.Export:
		e.eval(x.X)
	case *syntax.Import:
		e.localImport(x)
	}
}

// loop binds a loop's variables to what it iterates and analyses its body.
func (e *engine) loop(l *syntax.Loop) {
	t := e.eval(l.Iter)
	if l.Kind == "while" || l.Kind == "do" {
		e.conditional(l.Body)
		return
	}
	el := t.specific()
	if l.Target != nil {
		e.bind(l.Target, el, shape{}, true)
	}
	if l.Key != nil {
		e.bind(l.Key, el, shape{}, true)
	}
	e.conditional(l.Body)
}

// inline analyses a nested function or callback where it appears, in a child scope: its first parameter
// holds first, the others nothing (they shadow outer names).
func (e *engine) inline(f *syntax.Func, first taint) {
	if (e.unit.funcs[f] && f != e.unit.fn) || !e.step() {
		return
	}
	outer := e.scope
	e.scope = &scope{vars: map[string]*binding{}, parent: outer}
	for i, p := range f.Params {
		t := none
		if i == 0 {
			t = first
		}
		if p.Pattern != nil {
			e.bind(p.Pattern, t, shape{}, true)
			continue
		}
		e.scope.vars[p.Name] = &binding{t: t}
	}
	e.cond++
	e.walk(f.Body)
	if f.Expr != nil {
		e.eval(f.Expr)
	}
	e.cond--
	e.scope = outer
}

// localImport records an import inside a function (Python's import in a function body).
func (e *engine) localImport(im *syntax.Import) {
	aliases := map[string]string{}
	importAliases(e.file.language, im, aliases)
	for name, canon := range aliases {
		e.set(name, &binding{canon: canon}, true)
	}
}
