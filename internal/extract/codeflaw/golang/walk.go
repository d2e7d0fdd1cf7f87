package golang

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"strings"
)

// maxSteps bounds the statements Seam evaluates per handler (loops run twice, closures at definition and
// at each call); past it the handler is reported as analysed in part.
const maxSteps = 50000

// fn is the taint analysis of one handler: the state of its variables as the walk goes through its
// statements in order, and the sinks request input reached.
type fn struct {
	f            *file
	st           state
	returns      value               // what the closure being evaluated returns
	guards       map[string]ast.Expr // boolean variables that hold a guard (ok := allowed[x])
	hits         *hits
	closureDepth int
	evalDepth    int
	steps        int
	exhausted    bool
}

type hits struct{ list []hit }

func cloneState(s state) state { return maps.Clone(s) }

// block walks a list of statements and reports whether it certainly ends the function's path (return,
// panic, a branch out of the loop).
func (a *fn) block(list []ast.Stmt) bool {
	for _, s := range list {
		if a.stmt(s) {
			return true
		}
	}
	return false
}

func (a *fn) stmt(s ast.Stmt) bool {
	if a.steps++; a.steps > maxSteps {
		a.exhausted = true
		return true
	}
	switch s := s.(type) {
	case *ast.AssignStmt:
		a.assign(s)
	case *ast.DeclStmt:
		a.decl(s)
	case *ast.ExprStmt:
		a.eval(s.X)
		return a.terminates(s.X)
	case *ast.IfStmt:
		return a.ifStmt(s)
	case *ast.SwitchStmt:
		return a.switchStmt(s)
	case *ast.TypeSwitchStmt:
		return a.typeSwitch(s)
	case *ast.SelectStmt:
		return a.selectStmt(s)
	case *ast.ForStmt:
		if s.Init != nil {
			a.stmt(s.Init)
		}
		a.eval(s.Cond)
		a.loop(s.Body, s.Post, nil)
	case *ast.RangeStmt:
		a.rangeStmt(s)
	case *ast.BlockStmt:
		return a.block(s.List)
	case *ast.LabeledStmt:
		return a.stmt(s.Stmt)
	case *ast.ReturnStmt:
		for _, r := range s.Results {
			a.returns = join(a.returns, taintOnly(a.eval(r)))
		}
		return true
	case *ast.BranchStmt:
		return s.Tok != token.FALLTHROUGH
	case *ast.GoStmt:
		a.eval(s.Call)
	case *ast.DeferStmt:
		a.eval(s.Call)
	case *ast.SendStmt:
		a.eval(s.Chan)
		a.eval(s.Value)
	case *ast.IncDecStmt:
		a.eval(s.X)
	}
	return false
}

// terminates reports whether an expression statement ends the path: panic, os.Exit, log.Fatal.
func (a *fn) terminates(e ast.Expr) bool {
	c, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	ce := a.f.calleeOf(c)
	switch {
	case ce.pkg == "builtin" && ce.name == "panic", ce.pkg == "os" && ce.name == "Exit",
		ce.pkg == "runtime" && ce.name == "Goexit":
		return true
	case ce.pkg == "log" || ce.recv != nil && a.f.text(ce.recv) == "log":
		return strings.HasPrefix(ce.name, "Fatal") || strings.HasPrefix(ce.name, "Panic")
	}
	return false
}

func (a *fn) assign(s *ast.AssignStmt) {
	if len(s.Lhs) > 1 && len(s.Rhs) == 1 {
		a.assignMulti(s.Lhs, s.Rhs[0])
		return
	}
	vals := make([]value, len(s.Rhs))
	for i, r := range s.Rhs {
		vals[i] = a.eval(r)
	}
	for i, l := range s.Lhs {
		if i >= len(vals) {
			break
		}
		v := vals[i]
		if s.Tok != token.ASSIGN && s.Tok != token.DEFINE {
			v = join(a.eval(l), taintOnly(v)) // x += y
		}
		a.store(l, v)
		a.bindGuard(l, s.Rhs[i])
	}
}

// assignMulti handles v, ok := m[k]; u, err := url.Parse(s); a, b := f().
func (a *fn) assignMulti(lhs []ast.Expr, rhs ast.Expr) {
	v := a.eval(rhs)
	_, commaOK := unparen(rhs).(*ast.IndexExpr)
	for i, l := range lhs {
		switch {
		case i > 0 && commaOK:
			a.store(l, value{})
			a.bindGuard(l, rhs)
		case i > 0 && isErrorName(l):
			a.store(l, value{})
		default:
			a.store(l, v)
		}
	}
}

func isErrorName(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && (id.Name == "err" || id.Name == "ok" || strings.HasSuffix(id.Name, "Err"))
}

// store gives an assignment's target its value. Assigning to an element (m[k] = v) adds to the container.
func (a *fn) store(l ast.Expr, v value) {
	if ix, ok := unparen(l).(*ast.IndexExpr); ok {
		a.eval(ix.Index)
		if k, ok := a.f.keyOf(ix.X); ok {
			a.st[k] = join(a.st[k], taintOnly(v))
		}
		return
	}
	if k, ok := a.f.keyOf(l); ok {
		a.st.set(k, v)
		delete(a.guards, k)
	}
}

// bindGuard remembers a boolean variable that holds a guard: ok := allowed[x], valid := slices.Contains(…).
func (a *fn) bindGuard(l, rhs ast.Expr) {
	k, ok := a.f.keyOf(l)
	if !ok {
		return
	}
	switch unparen(rhs).(type) {
	case *ast.IndexExpr, *ast.CallExpr, *ast.BinaryExpr, *ast.UnaryExpr:
		a.guards[k] = rhs
	}
}

func (a *fn) decl(s *ast.DeclStmt) {
	gd, ok := s.Decl.(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR {
		return
	}
	for _, sp := range gd.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for i, n := range vs.Names {
			v := value{hint: a.f.typeHint(vs.Type)}
			if i < len(vs.Values) {
				v = a.eval(vs.Values[i])
			} else if len(vs.Values) == 1 {
				v = a.eval(vs.Values[0])
			}
			a.store(n, v)
		}
	}
}

func (a *fn) ifStmt(s *ast.IfStmt) bool {
	if s.Init != nil {
		a.stmt(s.Init)
	}
	a.eval(s.Cond)
	before := cloneState(a.st)
	a.apply(a.factsOf(s.Cond, true))
	thenEnds := a.block(s.Body.List)
	thenState := a.st
	a.st = before
	a.apply(a.factsOf(s.Cond, false))
	elseEnds := false
	if s.Else != nil {
		elseEnds = a.stmt(s.Else)
	}
	switch {
	case thenEnds && elseEnds:
		return true
	case thenEnds:
	case elseEnds:
		a.st = thenState
	default:
		a.st = merge(thenState, a.st)
	}
	return false
}

// switchStmt walks each clause; a case of constants proves the tag is one of them. After the switch, the
// state is the merge of the clauses that fall out (and of no clause matching, without a default).
func (a *fn) switchStmt(s *ast.SwitchStmt) bool {
	if s.Init != nil {
		a.stmt(s.Init)
	}
	a.eval(s.Tag)
	before := a.st
	var out []state
	hasDefault := false
	var none facts // what no case matching proves, for a switch without a tag
	for _, cc := range s.Body.List {
		clause, ok := cc.(*ast.CaseClause)
		if !ok {
			continue
		}
		a.st = cloneState(before)
		if clause.List == nil {
			hasDefault = true
		}
		a.apply(a.caseFacts(s.Tag, clause.List, &none))
		if !a.block(clause.Body) {
			out = append(out, a.st)
		}
	}
	if !hasDefault {
		a.st = cloneState(before)
		a.apply(none)
		out = append(out, a.st)
	}
	if len(out) == 0 {
		return true
	}
	a.st = out[0]
	for _, o := range out[1:] {
		a.st = merge(a.st, o)
	}
	return false
}

// caseFacts returns what entering a case clause proves; none collects what no case matching proves.
func (a *fn) caseFacts(tag ast.Expr, list []ast.Expr, none *facts) facts {
	if len(list) == 0 {
		if tag == nil {
			return *none
		}
		return nil
	}
	if tag != nil {
		for _, e := range list {
			if !a.f.isConst(e) {
				return nil
			}
		}
		return a.subjectFacts(tag, allClasses)
	}
	var fs facts
	for i, e := range list {
		if f := a.factsOf(e, true); i == 0 {
			fs = f
		} else {
			fs = intersect(fs, f)
		}
		*none = union(*none, a.factsOf(e, false))
	}
	return fs
}

func (a *fn) typeSwitch(s *ast.TypeSwitchStmt) bool {
	if s.Init != nil {
		a.stmt(s.Init)
	}
	var subject value
	switch as := s.Assign.(type) {
	case *ast.AssignStmt:
		if len(as.Rhs) == 1 {
			subject = a.eval(as.Rhs[0])
		}
	case *ast.ExprStmt:
		subject = a.eval(as.X)
	}
	return a.clauses(s.Body.List, func(st ast.Stmt) []ast.Stmt {
		cc, _ := st.(*ast.CaseClause)
		if cc == nil {
			return nil
		}
		if obj := a.f.info.Implicits[cc]; obj != nil { // the clause's own v of switch v := x.(type)
			a.st.set(a.f.objectKey(obj), taintOnly(subject))
		}
		return cc.Body
	}, hasDefaultClause(s.Body.List))
}

func hasDefaultClause(list []ast.Stmt) bool {
	for _, st := range list {
		switch c := st.(type) {
		case *ast.CaseClause:
			if c.List == nil {
				return true
			}
		case *ast.CommClause:
			if c.Comm == nil {
				return true
			}
		}
	}
	return false
}

func (a *fn) selectStmt(s *ast.SelectStmt) bool {
	return a.clauses(s.Body.List, func(st ast.Stmt) []ast.Stmt {
		cc, _ := st.(*ast.CommClause)
		if cc == nil {
			return nil
		}
		if cc.Comm != nil {
			a.stmt(cc.Comm)
		}
		return cc.Body
	}, true)
}

// clauses walks the clauses of a type switch or select, each from the state before, and merges the ones
// that fall out.
func (a *fn) clauses(list []ast.Stmt, body func(ast.Stmt) []ast.Stmt, exhaustive bool) bool {
	before := a.st
	var out []state
	for _, st := range list {
		a.st = cloneState(before)
		if !a.block(body(st)) {
			out = append(out, a.st)
		}
	}
	if !exhaustive {
		out = append(out, before)
	}
	if len(out) == 0 {
		a.st = before
		return true
	}
	a.st = out[0]
	for _, o := range out[1:] {
		a.st = merge(a.st, o)
	}
	return false
}

// loop walks a loop body twice (so that taint carried from one iteration to the next is seen), merging
// with the state of not entering it.
func (a *fn) loop(body *ast.BlockStmt, post ast.Stmt, enter func()) {
	for range 2 {
		before := cloneState(a.st)
		if enter != nil {
			enter()
		}
		a.block(body.List)
		if post != nil {
			a.stmt(post)
		}
		a.st = merge(before, a.st)
		if a.st.equal(before) || a.exhausted {
			return
		}
	}
}

func (a *fn) rangeStmt(s *ast.RangeStmt) {
	container := taintOnly(a.eval(s.X))
	keyTainted := true // a map's keys are input; a slice's indexes are numbers
	if t := a.f.info.TypeOf(s.X); t != nil && t != types.Typ[types.Invalid] {
		_, keyTainted = t.Underlying().(*types.Map)
	}
	a.loop(s.Body, nil, func() {
		if s.Key != nil {
			if keyTainted {
				a.store(s.Key, container)
			} else {
				a.store(s.Key, value{})
			}
		}
		if s.Value != nil {
			a.store(s.Value, container)
		}
	})
}
