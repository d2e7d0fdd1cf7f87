package golang

import (
	"go/ast"
)

// predicateFacts returns what a call of a boolean function declared in this file proves when it returns
// true: Seam walks its body with the parameters bound to the arguments, applies what its final return
// expression proves, and reports the classes each parameter lost as facts about the argument. It follows a
// predicate only when every other return in it returns false, so a true result always comes from the end.
func (a *fn) predicateFacts(c *ast.CallExpr, ce callee, truth bool) facts {
	if !truth || a.closureDepth >= 2 {
		return nil
	}
	decl := a.f.predicate(ce)
	if decl == nil {
		return nil
	}
	body := decl.Body.List
	last, ok := body[len(body)-1].(*ast.ReturnStmt)
	if !ok || len(last.Results) != 1 || !onlyFalseReturns(body[:len(body)-1]) {
		return nil
	}
	sub := &fn{f: a.f, st: state{}, guards: map[string]ast.Expr{}, hits: &hits{}, closureDepth: a.closureDepth + 1}
	type param struct {
		key string
		arg ast.Expr
		in  value
	}
	var params []param
	i := 0
	for _, fld := range decl.Type.Params.List {
		for _, n := range fld.Names {
			if i < len(c.Args) {
				if k, ok := a.f.keyOf(n); ok {
					v := a.eval(c.Args[i])
					sub.st[k] = v
					params = append(params, param{k, c.Args[i], v})
				}
			}
			i++
		}
	}
	if sub.block(body[:len(body)-1]) {
		return nil
	}
	sub.apply(sub.factsOf(last.Results[0], true))
	var out facts
	for _, p := range params {
		now, _ := sub.st.lookup(p.key)
		if lost := p.in.classes &^ now.classes; lost != 0 {
			out = union(out, a.subjectFacts(p.arg, lost))
		}
	}
	return out
}

// predicate returns the declaration of a boolean function (or method, when one method of that name is
// declared in the file) that a call names.
func (f *file) predicate(ce callee) *ast.FuncDecl {
	var found *ast.FuncDecl
	for _, d := range f.ast.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != ce.name || fd.Body == nil || len(fd.Body.List) == 0 || (fd.Recv != nil) != (ce.recv != nil) {
			continue
		}
		if found != nil {
			return nil // two methods of the name: Seam cannot tell which
		}
		found = fd
	}
	if found == nil || found.Type.Results == nil || len(found.Type.Results.List) != 1 {
		return nil
	}
	if id, ok := found.Type.Results.List[0].Type.(*ast.Ident); !ok || id.Name != "bool" || len(found.Type.Results.List[0].Names) > 1 {
		return nil
	}
	return found
}

// onlyFalseReturns reports whether every return statement in the list (outside function literals)
// returns the constant false.
func onlyFalseReturns(list []ast.Stmt) bool {
	ok := true
	for _, s := range list {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if len(n.Results) != 1 {
					ok = false
				} else if b, isBool := boolConst(n.Results[0]); !isBool || b {
					ok = false
				}
			}
			return ok
		})
	}
	return ok
}
