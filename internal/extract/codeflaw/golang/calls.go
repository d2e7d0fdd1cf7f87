package golang

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// callee is what a call calls: a package function (pkg and name), a method (recv and name), or a local
// function or builtin (name only).
type callee struct {
	pkg  string // import path, major version removed; "builtin" for len, append…
	name string
	recv ast.Expr
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// calleeOf resolves the function a call calls, by import path where it is a package's.
func (f *file) calleeOf(c *ast.CallExpr) callee {
	fun := unparen(c.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok { // an explicit instantiation: slices.Contains[[]string]
		fun = ix.X
	}
	switch fn := fun.(type) {
	case *ast.Ident:
		if _, ok := f.info.Uses[fn].(*types.Builtin); ok {
			return callee{pkg: "builtin", name: fn.Name}
		}
		return callee{name: fn.Name}
	case *ast.SelectorExpr:
		if p := f.pkgOf(fn.X); p != "" {
			return callee{pkg: p, name: fn.Sel.Name}
		}
		return callee{name: fn.Sel.Name, recv: fn.X}
	}
	return callee{}
}

// call evaluates a call: the sinks it reaches, then the value it returns.
func (a *fn) call(c *ast.CallExpr) value {
	if lit, ok := unparen(c.Fun).(*ast.FuncLit); ok {
		return a.callClosure(lit, a.evalArgs(c))
	}
	if a.isConversion(c) {
		v := taintOnly(a.eval(c.Args[0]))
		v.hint = a.f.typeHint(c.Fun)
		return v
	}
	if a.isSource(c) {
		a.evalArgs(c)
		return a.sourceValue(c)
	}
	ce := a.f.calleeOf(c)
	var recv value
	if ce.recv != nil {
		recv = a.eval(ce.recv)
	}
	args := a.evalArgs(c)
	a.checkSinks(c, ce, recv, args)
	switch {
	case ce.recv != nil:
		return a.method(c, ce, recv, args)
	case ce.pkg == "builtin":
		return builtin(ce.name, args)
	case ce.pkg == "":
		if id, ok := unparen(c.Fun).(*ast.Ident); ok {
			if v := a.ident(id); v.closure != nil {
				return a.callClosure(v.closure, args)
			}
		}
		return a.unknownCall(c, args)
	}
	return a.function(c, ce, args)
}

func (a *fn) evalArgs(c *ast.CallExpr) []value {
	vals := make([]value, len(c.Args))
	for i, x := range c.Args {
		vals[i] = a.eval(x)
	}
	return vals
}

func builtin(name string, args []value) value {
	switch name {
	case "append", "min", "max":
		var out value
		for _, v := range args {
			out = join(out, taintOnly(v))
		}
		if len(args) > 0 {
			out.hint = args[0].hint
		}
		return out
	}
	return value{}
}

// unknownCall is a call Seam cannot see into (a helper of the package, a library it does not model). When
// request input (or the request itself) goes in, Seam assumes it comes out — and says so: the flow's
// confidence becomes medium and the call is named in the finding.
func (a *fn) unknownCall(c *ast.CallExpr, args []value) value {
	var out value
	for i, v := range args {
		switch {
		case v.tainted():
			out = join(out, taintOnly(v))
		case v.carrier != noCarrier:
			out = join(out, value{classes: allClasses, source: a.f.text(c), line: a.f.line(c.Args[i].Pos())})
		}
	}
	if !out.tainted() {
		return value{}
	}
	out.hostFixed, out.cleaned, out.isURL, out.origin, out.outReq = false, false, false, "", false
	if out.via == "" {
		out.via = a.f.text(c.Fun)
	}
	for _, x := range c.Args {
		if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
			if k, ok := a.f.keyOf(u); ok {
				a.st.set(k, join(a.st[k], out))
			}
		}
	}
	return out
}

// method evaluates the result of a method call.
func (a *fn) method(c *ast.CallExpr, ce callee, recv value, args []value) value {
	name := ce.name
	if recv.carrier != noCarrier {
		if a.bind(c, recv.carrier, name) {
			return value{}
		}
		return value{carrier: a.carrierOf(c)}
	}
	if recv.tainted() && (strings.HasPrefix(name, "Decode") || strings.HasPrefix(name, "Unmarshal")) {
		a.taintTargets(c.Args, recv, true)
		return value{}
	}
	if h := methodHint(recv.hint, name); h != "" {
		return value{hint: h}
	}
	if recv.hint == "regexp.Regexp" {
		if strings.HasPrefix(name, "Match") {
			return value{}
		}
		return joinAll(args)
	}
	if recv.tainted() {
		out := taintOnly(recv)
		for _, v := range args {
			out = join(out, taintOnly(v))
		}
		if a.f.localMethod(recv.hint, name) && out.via == "" {
			out.via = a.f.text(c.Fun) // a method of the program's own: it may check or replace what it is given
		}
		out.isURL = recv.isURL && (name == "Parse" || name == "ResolveReference" || name == "JoinPath")
		if !out.isURL {
			out.origin = ""
		}
		if recv.outReq && (name == "WithContext" || name == "Clone") {
			out.outReq, out.hint = true, recv.hint
		}
		return out
	}
	in := joinAll(args)
	if !in.tainted() {
		return value{}
	}
	switch name {
	case "Write", "WriteString", "WriteByte", "WriteRune", "Set", "Add", "Grow":
		if k, ok := a.f.keyOf(ce.recv); ok {
			a.st[k] = join(a.st[k], in)
		}
		return value{}
	}
	return a.unknownCall(c, args)
}

// localMethod reports whether a method may be the program's own: its receiver is of a type the file
// declares, or the file declares a method of that name.
func (f *file) localMethod(hint, name string) bool {
	if hint != "" && !strings.ContainsAny(hint, "./") {
		return true
	}
	for _, d := range f.ast.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.Name == name {
			return true
		}
	}
	return false
}

func joinAll(vals []value) value {
	var out value
	for _, v := range vals {
		out = join(out, taintOnly(v))
	}
	return out
}

// methodHint gives the type of what a method of a known type returns, when it returns the same kind of
// object (template.New("x").Funcs(m).Parse(s), gorm's db.Where(...).Order(...)).
func methodHint(hint, name string) string {
	switch {
	case strings.HasSuffix(hint, "template.Template"):
		switch name {
		case "Funcs", "Delims", "Option", "New", "Lookup", "Parse", "ParseFiles", "ParseGlob", "ParseFS", "Clone":
			return hint
		}
	case isGorm(hint):
		return hint
	}
	return ""
}

func isGorm(hint string) bool {
	return hint == "gorm.io/gorm.DB" || hint == "github.com/jinzhu/gorm.DB"
}

// callClosure evaluates a call of a function literal of this function: its body runs with the parameters
// bound to the arguments and sees the variables it captures. Seam follows closures three deep.
func (a *fn) callClosure(lit *ast.FuncLit, args []value) value {
	if a.closureDepth >= 3 || a.f.carrierParams(lit.Type) {
		return value{}
	}
	saved, savedReturns := a.st, a.returns
	a.st = cloneState(saved)
	i := 0
	for _, fld := range lit.Type.Params.List {
		for _, n := range fld.Names {
			var v value
			switch {
			case i < len(args) && i == lastParam(lit.Type) && isVariadic(fld):
				v = joinAll(args[i:])
			case i < len(args):
				v = args[i]
			}
			if k, ok := a.f.keyOf(n); ok {
				a.st[k] = v
			}
			i++
		}
	}
	a.returns = value{}
	a.closureDepth++
	a.block(lit.Body.List)
	a.closureDepth--
	result := a.returns
	a.st, a.returns = merge(saved, a.st), savedReturns
	return taintOnly(result)
}

// closureAtDefinition looks into a function literal where it is written (a callback, a goroutine body, a
// closure kept in a variable), with its parameters clean: what it captures may carry request input.
func (a *fn) closureAtDefinition(lit *ast.FuncLit) {
	if a.closureDepth >= 3 || a.f.carrierParams(lit.Type) || lit.Body == nil {
		return
	}
	saved, savedReturns := a.st, a.returns
	a.st = cloneState(saved)
	a.closureDepth++
	a.block(lit.Body.List)
	a.closureDepth--
	a.st, a.returns = saved, savedReturns
}

func lastParam(ft *ast.FuncType) int {
	n := 0
	for _, f := range ft.Params.List {
		n += max(1, len(f.Names))
	}
	return n - 1
}

func isVariadic(f *ast.Field) bool { _, ok := f.Type.(*ast.Ellipsis); return ok }
