package syntax

import (
	"strconv"
	"strings"
)

// Format renders statements as compact S-expressions, one per line, for tests and debugging:
// (call (. req query) "x") for req.query("x").
func Format(stmts []Stmt) string {
	var b strings.Builder
	for _, s := range stmts {
		formatStmt(&b, s, 0)
	}
	return b.String()
}

// FormatExpr renders one expression as an S-expression.
func FormatExpr(e Expr) string {
	var b strings.Builder
	formatExpr(&b, e)
	return b.String()
}

func formatStmts(b *strings.Builder, label string, stmts []Stmt, depth int) {
	if len(stmts) == 0 {
		return
	}
	b.WriteString(strings.Repeat("  ", depth) + label + ":\n")
	for _, s := range stmts {
		formatStmt(b, s, depth+1)
	}
}

func formatStmt(b *strings.Builder, s Stmt, depth int) {
	ind := strings.Repeat("  ", depth)
	b.WriteString(ind)
	switch x := s.(type) {
	case *ExprStmt:
		formatExpr(b, x.X)
		b.WriteString("\n")
	case *Jump:
		b.WriteString(x.Kind + " ")
		formatExpr(b, x.X)
		b.WriteString("\n")
	case *If:
		b.WriteString("if ")
		formatExpr(b, x.Cond)
		b.WriteString("\n")
		formatStmts(b, "then", x.Then, depth+1)
		formatStmts(b, "else", x.Else, depth+1)
	default:
		formatCompoundStmt(b, s, depth)
	}
}

// formatCompoundStmt renders loops, blocks, declarations, imports and exports.
func formatCompoundStmt(b *strings.Builder, s Stmt, depth int) {
	switch x := s.(type) {
	case *Loop:
		b.WriteString("loop-" + x.Kind + " ")
		formatExpr(b, x.Key)
		b.WriteString(" ")
		formatExpr(b, x.Target)
		b.WriteString(" ")
		formatExpr(b, x.Iter)
		b.WriteString("\n")
		formatStmts(b, "body", x.Body, depth+1)
	case *Block:
		b.WriteString("block-" + x.Kind + " ")
		formatExpr(b, x.Head)
		b.WriteString("\n")
		formatStmts(b, "body", x.Body, depth+1)
	case *With:
		b.WriteString("with")
		for _, it := range x.Items {
			b.WriteString(" ")
			formatExpr(b, it.X)
			b.WriteString(" as ")
			formatExpr(b, it.Target)
		}
		b.WriteString("\n")
		formatStmts(b, "body", x.Body, depth+1)
	case *FuncDecl:
		b.WriteString("funcdecl " + x.Export + strings.Join(x.Modifiers, " ") + " ")
		formatExpr(b, x.Func)
		b.WriteString("\n")
		formatStmts(b, "body", x.Func.Body, depth+1)
	case *Class:
		b.WriteString("class " + x.Name + " extends " + x.Extends + "\n")
		formatStmts(b, "body", x.Body, depth+1)
	case *Import:
		b.WriteString("import " + strconv.Quote(x.Module))
		for _, n := range x.Names {
			b.WriteString(" " + n.Name + "=>" + n.Alias)
		}
		b.WriteString("\n")
	case *Export:
		b.WriteString("export ")
		if x.Default {
			b.WriteString("default ")
		}
		formatExpr(b, x.X)
		b.WriteString("\n")
	default:
		b.WriteString("?\n")
	}
}

func formatExpr(b *strings.Builder, e Expr) {
	switch x := e.(type) {
	case nil:
		b.WriteString("_")
	case *Ident:
		b.WriteString(x.Name)
	case *Lit:
		if x.Kind == LitString {
			b.WriteString(strconv.Quote(x.Value))
		} else {
			b.WriteString(x.Value)
		}
	case *Interp:
		b.WriteString("(interp")
		if x.Tag != nil {
			b.WriteString(" tag=")
			formatExpr(b, x.Tag)
		}
		if x.Shell {
			b.WriteString(" shell")
		}
		for _, p := range x.Parts {
			b.WriteString(" ")
			if p.X == nil {
				b.WriteString(strconv.Quote(p.Lit))
			} else {
				formatExpr(b, p.X)
			}
		}
		b.WriteString(")")
	case *Member:
		op := "."
		if x.Static {
			op = "::"
		}
		b.WriteString("(" + op + " ")
		formatExpr(b, x.X)
		b.WriteString(" " + x.Name + ")")
	case *Index:
		b.WriteString("([] ")
		formatExpr(b, x.X)
		b.WriteString(" ")
		formatExpr(b, x.Key)
		b.WriteString(")")
	case *Call:
		formatCall(b, x)
	default:
		formatCompound(b, e)
	}
}

func formatCall(b *strings.Builder, x *Call) {
	if x.New {
		b.WriteString("(new ")
	} else {
		b.WriteString("(call ")
	}
	formatExpr(b, x.Fn)
	for _, a := range x.Args {
		b.WriteString(" ")
		if a.Spread {
			b.WriteString("...")
		}
		if a.Name != "" {
			b.WriteString(a.Name + "=")
		}
		formatExpr(b, a.X)
	}
	b.WriteString(")")
}

func formatCompound(b *strings.Builder, e Expr) {
	switch x := e.(type) {
	case *Binary:
		b.WriteString("(" + x.Op + " ")
		formatExpr(b, x.L)
		b.WriteString(" ")
		formatExpr(b, x.R)
		b.WriteString(")")
	case *Unary:
		b.WriteString("(" + x.Op + " ")
		formatExpr(b, x.X)
		b.WriteString(")")
	case *Cond:
		b.WriteString("(? ")
		formatExpr(b, x.C)
		b.WriteString(" ")
		formatExpr(b, x.T)
		b.WriteString(" ")
		formatExpr(b, x.F)
		b.WriteString(")")
	case *Assign:
		b.WriteString("(" + strings.TrimSpace(x.Decl+" "+x.Op) + " ")
		formatExpr(b, x.L)
		b.WriteString(" ")
		formatExpr(b, x.R)
		b.WriteString(")")
	default:
		formatLiteral(b, e)
	}
}

// formatLiteral renders objects, arrays, comprehensions and functions.
func formatLiteral(b *strings.Builder, e Expr) {
	switch x := e.(type) {
	case *Object:
		b.WriteString("{")
		for i, p := range x.Props {
			if i > 0 {
				b.WriteString(" ")
			}
			switch {
			case p.Spread:
				b.WriteString("...")
			case p.KeyX != nil:
				b.WriteString("[")
				formatExpr(b, p.KeyX)
				b.WriteString("]:")
			default:
				b.WriteString(p.Key + ":")
			}
			formatExpr(b, p.Value)
		}
		b.WriteString("}")
	case *Array:
		b.WriteString("[")
		for i, el := range x.Elems {
			if i > 0 {
				b.WriteString(" ")
			}
			formatExpr(b, el)
		}
		b.WriteString("]")
	case *Comp:
		b.WriteString("(comp ")
		formatExpr(b, x.Elem)
		b.WriteString(" for ")
		formatExpr(b, x.Target)
		b.WriteString(" in ")
		formatExpr(b, x.Iter)
		b.WriteString(")")
	case *Func:
		formatFunc(b, x)
	case *Bad:
		b.WriteString("<bad>")
	default:
		b.WriteString("<?>")
	}
}

// formatFunc renders a function's name, parameters and body size (or expression).
func formatFunc(b *strings.Builder, x *Func) {
	b.WriteString("(func " + x.Name + " (")
	for i, p := range x.Params {
		if i > 0 {
			b.WriteString(" ")
		}
		if p.Pattern != nil {
			formatExpr(b, p.Pattern)
		} else {
			b.WriteString(p.Name)
		}
		if p.Type != "" {
			b.WriteString(":" + p.Type)
		}
	}
	b.WriteString(")")
	if x.Expr != nil {
		b.WriteString(" => ")
		formatExpr(b, x.Expr)
	} else {
		b.WriteString(" {" + strconv.Itoa(len(x.Body)) + "}")
	}
	b.WriteString(")")
}
