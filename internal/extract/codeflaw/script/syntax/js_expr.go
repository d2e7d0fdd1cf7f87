package syntax

import "strings"

// jsParser parses JavaScript and TypeScript.
type jsParser struct {
	*parser
	noIn bool // parsing a for-loop head: "in" is not an operator
	jsx  bool // "<" at the start of an expression begins JSX (else, in TypeScript, a type assertion)
}

// jsBinary gives the precedence of JavaScript's binary operators.
var jsBinary = map[string]int{
	"??": 1, "||": 2, "&&": 3, "|": 4, "^": 5, "&": 6,
	"==": 7, "!=": 7, "===": 7, "!==": 7,
	"<": 8, ">": 8, "<=": 8, ">=": 8, "instanceof": 8, "in": 8, "as": 8, "satisfies": 8,
	"<<": 9, ">>": 9, ">>>": 9, "+": 10, "-": 10, "*": 11, "/": 11, "%": 11, "**": 12,
}

var jsAssignOps = map[string]bool{
	"=": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "**=": true, "<<=": true, ">>=": true,
	">>>=": true, "&=": true, "|=": true, "^=": true, "&&=": true, "||=": true, "??=": true,
}

// jsReserved are words that never name a variable in an expression.
var jsReserved = map[string]bool{
	"if": true, "else": true, "for": true, "while": true, "do": true, "return": true, "const": true, "let": true,
	"var": true, "case": true, "default": true, "break": true, "continue": true, "switch": true, "try": true,
	"catch": true, "finally": true, "throw": true, "export": true, "extends": true,
}

// expr parses an expression, commas included (a, b).
func (p *jsParser) expr() Expr {
	start := p.tok()
	x := p.assign()
	for n := 0; p.is(",") && !p.chainTooLong(n); n++ {
		p.next()
		y := p.assign()
		x = &Binary{Span: p.spanFrom(start), Op: ",", L: x, R: y}
	}
	return x
}

// assign parses an assignment expression, arrow functions included.
func (p *jsParser) assign() Expr {
	if !p.enter() {
		defer p.leave()
		return p.bad()
	}
	defer p.leave()
	start := p.tok()
	if f := p.arrow(); f != nil {
		return f
	}
	left := p.cond()
	if t := p.tok(); t.Kind == KPunct && jsAssignOps[t.Text] {
		p.next()
		right := p.assign()
		return &Assign{Span: p.spanFrom(start), Op: t.Text, L: left, R: right}
	}
	return left
}

// cond parses c ? t : f.
func (p *jsParser) cond() Expr {
	start := p.tok()
	c := p.binary(0)
	if !p.is("?") {
		return c
	}
	p.next()
	noIn := p.noIn
	p.noIn = false
	t := p.assign()
	p.noIn = noIn
	p.expect(":")
	f := p.assign()
	return &Cond{Span: p.spanFrom(start), C: c, T: t, F: f}
}

// binary parses binary operators by precedence climbing.
func (p *jsParser) binary(min int) Expr {
	start := p.tok()
	left := p.unary()
	for n := 0; !p.chainTooLong(n); n++ {
		t := p.tok()
		prec, ok := jsBinary[t.Text]
		if !ok || prec <= min || (t.Kind != KPunct && t.Kind != KIdent) || (t.Kind == KIdent && !isWordOp(t.Text)) {
			return left
		}
		if t.Text == "in" && p.noIn {
			return left
		}
		p.next()
		if t.Text == "as" || t.Text == "satisfies" {
			p.skipType()
			continue
		}
		next := prec
		if t.Text == "**" {
			next = prec - 1 // right associative
		}
		right := p.binary(next)
		left = &Binary{Span: p.spanFrom(start), Op: t.Text, L: left, R: right}
	}
	return left
}

func isWordOp(s string) bool {
	return s == "instanceof" || s == "in" || s == "as" || s == "satisfies"
}

// unary parses prefix operators.
func (p *jsParser) unary() Expr {
	if !p.enter() {
		defer p.leave()
		return p.bad()
	}
	defer p.leave()
	start := p.tok()
	switch {
	case start.Kind == KPunct && (start.Text == "!" || start.Text == "-" || start.Text == "+" || start.Text == "~" ||
		start.Text == "++" || start.Text == "--" || start.Text == "..."):
		p.next()
		return &Unary{Span: p.spanFrom(start), Op: start.Text, X: p.unary()}
	case start.Kind == KIdent && (start.Text == "typeof" || start.Text == "void" || start.Text == "delete" ||
		start.Text == "await" || start.Text == "yield") && !p.peekEndsExpr():
		p.next()
		p.accept("*")
		return &Unary{Span: p.spanFrom(start), Op: start.Text, X: p.unary()}
	case start.Kind == KPunct && start.Text == "<" && p.ts && !p.jsx:
		p.next()
		p.skipType()
		p.accept(">")
		return p.unary()
	}
	return p.postfix(p.primary())
}

// peekEndsExpr reports whether the token after the current one cannot start an operand (so "await" is a name).
func (p *jsParser) peekEndsExpr() bool {
	n := p.peek(1)
	return n.Kind == KEOF || (n.Kind == KPunct && (n.Text == ")" || n.Text == "]" || n.Text == "}" || n.Text == "," ||
		n.Text == ";" || n.Text == "=" || n.Text == ":" || n.Text == "."))
}

// postfix parses member access, calls, indexing, tagged templates and postfix operators after x.
func (p *jsParser) postfix(x Expr) Expr {
	start := Token{Off: x.Pos().Off, Line: x.Pos().Line, End: x.Pos().End}
	for i := 0; !p.chainTooLong(i); i++ {
		t := p.tok()
		switch {
		case t.Kind == KPunct && (t.Text == "." || t.Text == "?."):
			p.next()
			if t.Text == "?." && p.is("(") {
				x = &Call{Span: Span{}, Fn: x, Args: p.args()}
			} else if t.Text == "?." && p.is("[") {
				x = p.index(x)
			} else {
				name := p.next()
				if name.Text == "#" {
					name = p.next()
				}
				x = &Member{X: x, Name: name.Text}
			}
		case t.Kind == KPunct && t.Text == "[":
			x = p.index(x)
		case t.Kind == KPunct && t.Text == "(":
			x = &Call{Fn: x, Args: p.args()}
		case t.Kind == KInterp || (t.Kind == KString && p.tokIsTemplate()):
			p.next()
			it := p.interp(t)
			it.Tag = x
			x = it
		case t.Kind == KPunct && t.Text == "!" && p.ts && !t.NL && p.peekEndsExprAt(1):
			p.next()
		case t.Kind == KPunct && (t.Text == "++" || t.Text == "--") && !t.NL:
			p.next()
			x = &Unary{Op: t.Text, X: x}
		case t.Kind == KPunct && t.Text == "<" && p.ts && p.genericCall():
			continue
		default:
			return x
		}
		setSpan(x, p.spanFrom(start))
	}
	return x
}

// peekEndsExprAt reports whether the token n ahead ends an operand (after a TypeScript non-null "!").
func (p *jsParser) peekEndsExprAt(n int) bool {
	t := p.peek(n)
	return t.Kind == KEOF || (t.Kind == KPunct && strings.Contains(").];,[:?}", t.Text)) || t.NL
}

// tokIsTemplate reports whether the current String token is a template literal without interpolation.
func (p *jsParser) tokIsTemplate() bool {
	t := p.tok()
	return t.End > t.Off && t.Off < len(p.src) && p.src[t.Off] == '`'
}

// genericCall skips TypeScript type arguments before a call (f<T>(x)) and reports whether it did.
func (p *jsParser) genericCall() bool {
	save, errs := p.pos, len(p.errs)
	p.next()
	p.skipType()
	for p.accept(",") {
		p.skipType()
	}
	if p.accept(">") && p.is("(") {
		return true
	}
	p.pos, p.errs = save, p.errs[:errs]
	return false
}

// index parses [key] after x.
func (p *jsParser) index(x Expr) Expr {
	p.expect("[")
	noIn := p.noIn
	p.noIn = false
	key := p.expr()
	p.noIn = noIn
	p.expect("]")
	return &Index{X: x, Key: key}
}

// args parses a parenthesised argument list.
func (p *jsParser) args() []Arg {
	p.expect("(")
	noIn := p.noIn
	p.noIn = false
	defer func() { p.noIn = noIn }()
	var out []Arg
	for !p.atEOF() && !p.is(")") && !p.is(";") {
		before := p.pos
		if p.accept("...") {
			out = append(out, Arg{X: p.assign(), Spread: true})
		} else {
			out = append(out, Arg{X: p.assign()})
		}
		if !p.accept(",") && !p.is(")") {
			p.errorf("unexpected %q in arguments", p.tok().Text)
			if p.pos == before {
				p.next()
			}
			p.skipTo(")")
		}
	}
	p.expect(")")
	return out
}

// skipTo consumes tokens up to (not including) text at the current nesting level.
func (p *jsParser) skipTo(text string) {
	for !p.atEOF() && !p.is(text) {
		if t := p.tok(); t.Kind == KPunct && (t.Text == "(" || t.Text == "[" || t.Text == "{") {
			p.skipBalanced()
			continue
		}
		if t := p.tok(); t.Kind == KPunct && (t.Text == ")" || t.Text == "]" || t.Text == "}" || t.Text == ";") {
			return
		}
		p.next()
	}
}

// setSpan sets the span of the expression nodes postfix builds.
func setSpan(x Expr, s Span) {
	switch n := x.(type) {
	case *Member:
		n.Span = s
	case *Call:
		n.Span = s
	case *Index:
		n.Span = s
	case *Interp:
		n.Span = s
	case *Unary:
		n.Span = s
	}
}
