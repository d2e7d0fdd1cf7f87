package syntax

import "strings"

// phpParser parses PHP.
type phpParser struct {
	*parser
}

// phpBinary gives the precedence of PHP's binary operators (PHP 8's table; "??" and "**" are right
// associative).
var phpBinary = map[string]int{
	"or": 1, "xor": 2, "and": 3,
	"??": 4, "||": 5, "&&": 6, "|": 7, "^": 8, "&": 9,
	"==": 10, "!=": 10, "===": 10, "!==": 10, "<>": 10, "<=>": 10,
	"<": 11, "<=": 11, ">": 11, ">=": 11,
	".": 12, "<<": 13, ">>": 13, "+": 14, "-": 14, "*": 15, "/": 15, "%": 15, "instanceof": 16, "**": 17,
}

var phpAssignOps = map[string]bool{
	"=": true, "+=": true, "-=": true, "*=": true, "/=": true, ".=": true, "%=": true, "&=": true, "|=": true,
	"^=": true, "<<=": true, ">>=": true, "**=": true, "??=": true,
}

// kw reports whether the current token is the keyword word (PHP keywords ignore case).
func (p *phpParser) kw(word string) bool {
	t := p.tok()
	return t.Kind == KIdent && strings.EqualFold(t.Text, word)
}

// acceptKw consumes the keyword word.
func (p *phpParser) acceptKw(word string) bool {
	if p.kw(word) {
		p.next()
		return true
	}
	return false
}

// expr parses an expression, including the low-precedence and/or/xor.
func (p *phpParser) expr() Expr {
	start := p.tok()
	x := p.assign()
	for n := 0; !p.chainTooLong(n); n++ {
		op := strings.ToLower(p.tok().Text)
		if p.tok().Kind != KIdent || (op != "or" && op != "and" && op != "xor") {
			return x
		}
		p.next()
		y := p.assign()
		x = &Binary{Span: p.spanFrom(start), Op: op, L: x, R: y}
	}
	return x
}

// assign parses an assignment (right associative), or a conditional.
func (p *phpParser) assign() Expr {
	if !p.enter() {
		defer p.leave()
		return p.bad()
	}
	defer p.leave()
	start := p.tok()
	left := p.ternary()
	if t := p.tok(); t.Kind == KPunct && phpAssignOps[t.Text] {
		p.next()
		p.accept("&")
		right := p.assign()
		return &Assign{Span: p.spanFrom(start), Op: t.Text, L: left, R: right}
	}
	return left
}

// ternary parses c ? t : f and c ?: f.
func (p *phpParser) ternary() Expr {
	start := p.tok()
	c := p.binary(3)
	for n := 0; p.is("?") && !p.chainTooLong(n); n++ {
		p.next()
		var t Expr
		if !p.is(":") {
			t = p.assign()
		}
		p.expect(":")
		f := p.assign()
		c = &Cond{Span: p.spanFrom(start), C: c, T: t, F: f}
	}
	return c
}

// binary parses binary operators above min by precedence climbing.
func (p *phpParser) binary(min int) Expr {
	start := p.tok()
	x := p.unary()
	for n := 0; !p.chainTooLong(n); n++ {
		t := p.tok()
		op := t.Text
		if t.Kind == KIdent {
			op = strings.ToLower(op)
			if op != "instanceof" {
				return x
			}
		} else if t.Kind != KPunct {
			return x
		}
		prec, ok := phpBinary[op]
		if !ok || prec <= min {
			return x
		}
		p.next()
		next := prec
		if op == "??" || op == "**" {
			next = prec - 1
		}
		y := p.binary(next)
		x = &Binary{Span: p.spanFrom(start), Op: op, L: x, R: y}
	}
	return x
}

// unary parses prefix operators, casts, new, clone, print, include and require.
func (p *phpParser) unary() Expr {
	if !p.enter() {
		defer p.leave()
		return p.bad()
	}
	defer p.leave()
	start := p.tok()
	if start.Kind == KPunct {
		switch {
		case start.Text == "!" || start.Text == "-" || start.Text == "+" || start.Text == "~" || start.Text == "@" ||
			start.Text == "++" || start.Text == "--" || start.Text == "&" || start.Text == "...":
			p.next()
			return &Unary{Span: p.spanFrom(start), Op: start.Text, X: p.unary()}
		case strings.HasPrefix(start.Text, "(") && len(start.Text) > 2:
			p.next()
			return &Unary{Span: p.spanFrom(start), Op: start.Text, X: p.unary()}
		}
	}
	if start.Kind == KIdent {
		switch strings.ToLower(start.Text) {
		case "new":
			return p.postfix(p.newExpr())
		case "clone", "print", "yield", "throw":
			p.next()
			if p.is(";") || p.is(")") {
				return &Ident{Span: p.spanFrom(start), Name: start.Text}
			}
			return &Unary{Span: p.spanFrom(start), Op: strings.ToLower(start.Text), X: p.assign()}
		case "include", "include_once", "require", "require_once":
			p.next()
			fn := &Ident{Span: Span{Off: start.Off, End: start.End, Line: start.Line}, Name: strings.ToLower(start.Text)}
			arg := p.assign()
			return &Call{Span: p.spanFrom(start), Fn: fn, Args: []Arg{{X: arg}}}
		}
	}
	x := p.postfix(p.primary())
	if p.is("**") {
		p.next()
		y := p.unary()
		x = &Binary{Span: p.spanFrom(start), Op: "**", L: x, R: y}
	}
	return x
}

// newExpr parses new Class(args), new $var(args), new class(…) {…}.
func (p *phpParser) newExpr() Expr {
	start := p.next()
	if p.kw("class") {
		p.next()
		var args []Arg
		if p.is("(") {
			args = p.args()
		}
		for !p.atEOF() && !p.is("{") {
			p.next()
		}
		p.skipBalanced()
		return &Call{Span: p.spanFrom(start), Fn: &Ident{Name: "class@anonymous"}, Args: args, New: true}
	}
	var fn Expr
	t := p.tok()
	switch {
	case t.Kind == KIdent:
		p.next()
		fn = &Ident{Span: p.spanFrom(t), Name: t.Text}
		for p.is("->") || p.is("::") {
			static := p.next().Text == "::"
			fn = &Member{Span: p.spanFrom(t), X: fn, Name: p.next().Text, Static: static}
		}
	case isText(t, "("):
		p.next()
		fn = p.expr()
		p.expect(")")
	default:
		fn = p.bad()
	}
	var args []Arg
	if p.is("(") {
		args = p.args()
	}
	return &Call{Span: p.spanFrom(start), Fn: fn, Args: args, New: true}
}

// postfix parses ->, ?->, ::, [ ], { }, calls and ++/-- after x.
func (p *phpParser) postfix(x Expr) Expr {
	start := Token{Off: x.Pos().Off, Line: x.Pos().Line, End: x.Pos().End}
	for n := 0; !p.chainTooLong(n); n++ {
		t := p.tok()
		switch {
		case t.Kind == KPunct && (t.Text == "->" || t.Text == "?->" || t.Text == "::"):
			p.next()
			static := t.Text == "::"
			switch n := p.tok(); {
			case isText(n, "{"):
				p.next()
				p.expr()
				p.expect("}")
				x = &Member{X: x, Name: "{}", Static: static}
			case n.Kind == KIdent:
				p.next()
				x = &Member{X: x, Name: n.Text, Static: static}
			default:
				p.next()
				x = &Member{X: x, Name: n.Text, Static: static}
			}
		case t.Kind == KPunct && t.Text == "[":
			p.next()
			var key Expr
			if !p.is("]") {
				key = p.expr()
			}
			p.expect("]")
			x = &Index{X: x, Key: key}
		case t.Kind == KPunct && t.Text == "{" && isVarLike(x) && !t.NL:
			p.next()
			key := p.expr()
			p.expect("}")
			x = &Index{X: x, Key: key}
		case t.Kind == KPunct && t.Text == "(":
			x = &Call{Fn: x, Args: p.args()}
		case t.Kind == KPunct && (t.Text == "++" || t.Text == "--"):
			p.next()
			x = &Unary{Op: t.Text, X: x}
		default:
			return x
		}
		setSpan(x, p.spanFrom(start))
	}
	return x
}

// isVarLike reports whether x is a variable (old-style $s{0} string offsets follow only variables).
func isVarLike(x Expr) bool {
	id, ok := x.(*Ident)
	return ok && strings.HasPrefix(id.Name, "$")
}

// args parses an argument list: positional, named (name: value), spread and by-reference.
func (p *phpParser) args() []Arg {
	p.expect("(")
	var out []Arg
	for !p.atEOF() && !p.is(")") && !p.is(";") {
		before := p.pos
		switch t := p.tok(); {
		case isText(t, "..."):
			p.next()
			if p.is(")") { // first-class callable syntax f(...)
				continue
			}
			out = append(out, Arg{X: p.assign(), Spread: true})
		case t.Kind == KIdent && !strings.HasPrefix(t.Text, "$") && isText(p.peek(1), ":") && !isText(p.peek(1), "::"):
			p.next()
			p.next()
			out = append(out, Arg{Name: t.Text, X: p.assign()})
		default:
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

// skipTo consumes tokens up to text at the current nesting level.
func (p *phpParser) skipTo(text string) {
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
