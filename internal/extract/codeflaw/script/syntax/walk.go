package syntax

// Inspect visits the statements and every node beneath them in source order, calling fn before the
// children of each node; fn returns false to skip a node's children.
func Inspect(stmts []Stmt, fn func(Node) bool) {
	for _, s := range stmts {
		inspectNode(s, fn, 0)
	}
}

// InspectExpr visits one expression and its children, like Inspect.
func InspectExpr(x Expr, fn func(Node) bool) { inspectNode(x, fn, 0) }

func inspectStmts(stmts []Stmt, fn func(Node) bool, depth int) {
	for _, s := range stmts {
		inspectNode(s, fn, depth)
	}
}

func inspectNode(n Node, fn func(Node) bool, depth int) {
	if n == nil || depth > 2*maxDepth || isNilNode(n) || !fn(n) {
		return
	}
	d := depth + 1
	switch x := n.(type) {
	case *ExprStmt:
		inspectNode(x.X, fn, d)
	case *Jump:
		inspectNode(x.X, fn, d)
	case *If:
		inspectNode(x.Cond, fn, d)
		inspectStmts(x.Then, fn, d)
		inspectStmts(x.Else, fn, d)
	case *Loop:
		inspectNode(x.Key, fn, d)
		inspectNode(x.Target, fn, d)
		inspectNode(x.Iter, fn, d)
		inspectStmts(x.Body, fn, d)
	case *Block:
		inspectNode(x.Head, fn, d)
		inspectStmts(x.Body, fn, d)
	case *With:
		for _, it := range x.Items {
			inspectNode(it.X, fn, d)
			inspectNode(it.Target, fn, d)
		}
		inspectStmts(x.Body, fn, d)
	case *FuncDecl:
		inspectNode(x.Func, fn, d)
	case *Class:
		inspectStmts(x.Body, fn, d)
	case *Export:
		inspectNode(x.X, fn, d)
	default:
		inspectExpr(n, fn, d)
	}
}

func inspectExpr(n Node, fn func(Node) bool, d int) {
	switch x := n.(type) {
	case *Interp:
		inspectNode(x.Tag, fn, d)
		for _, p := range x.Parts {
			inspectNode(p.X, fn, d)
		}
	case *Member:
		inspectNode(x.X, fn, d)
	case *Index:
		inspectNode(x.X, fn, d)
		inspectNode(x.Key, fn, d)
	case *Call:
		inspectNode(x.Fn, fn, d)
		for _, a := range x.Args {
			inspectNode(a.X, fn, d)
		}
	case *Binary:
		inspectNode(x.L, fn, d)
		inspectNode(x.R, fn, d)
	case *Unary:
		inspectNode(x.X, fn, d)
	case *Cond:
		inspectNode(x.C, fn, d)
		inspectNode(x.T, fn, d)
		inspectNode(x.F, fn, d)
	case *Assign:
		inspectNode(x.L, fn, d)
		inspectNode(x.R, fn, d)
	case *Object:
		for _, p := range x.Props {
			inspectNode(p.KeyX, fn, d)
			inspectNode(p.Value, fn, d)
		}
	case *Array:
		for _, el := range x.Elems {
			inspectNode(el, fn, d)
		}
	case *Comp:
		inspectNode(x.Elem, fn, d)
		inspectNode(x.Target, fn, d)
		inspectNode(x.Iter, fn, d)
		for _, c := range x.Conds {
			inspectNode(c, fn, d)
		}
	case *Func:
		for _, dec := range x.Decorators {
			inspectNode(dec, fn, d)
		}
		for _, p := range x.Params {
			inspectNode(p.Default, fn, d)
		}
		inspectStmts(x.Body, fn, d)
		inspectNode(x.Expr, fn, d)
	}
}

// isNilNode reports whether n is an interface holding a nil pointer.
func isNilNode(n Node) bool {
	switch x := n.(type) {
	case *Ident:
		return x == nil
	case *Call:
		return x == nil
	case *Func:
		return x == nil
	case *Member:
		return x == nil
	case *Lit:
		return x == nil
	case *Array:
		return x == nil
	case *Object:
		return x == nil
	case *Interp:
		return x == nil
	}
	return false
}
