package syntax

// pyParser parses Python.
type pyParser struct {
	*parser
}

// pyBinary gives the precedence of Python's binary operators above comparisons.
var pyBinary = map[string]int{
	"|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5, "*": 6, "/": 6, "//": 6, "%": 6, "@": 6,
}

var pyCompare = map[string]bool{"<": true, ">": true, "==": true, ">=": true, "<=": true, "!=": true, "in": true, "is": true, "not": true}

var pyAssignOps = map[string]bool{
	"=": true, "+=": true, "-=": true, "*=": true, "/=": true, "//=": true, "%=": true, "@=": true, "&=": true,
	"|=": true, "^=": true, ">>=": true, "<<=": true, "**=": true,
}

// exprList parses a, b, c (a tuple when there is a comma), with starred items.
func (p *pyParser) exprList() Expr {
	start := p.tok()
	first := p.starTest()
	if !p.is(",") {
		return first
	}
	arr := &Array{Elems: []Expr{first}}
	for p.accept(",") {
		if p.endsList() {
			break
		}
		arr.Elems = append(arr.Elems, p.starTest())
	}
	arr.Span = p.spanFrom(start)
	return arr
}

// endsList reports whether the current token cannot start another item of a list.
func (p *pyParser) endsList() bool {
	t := p.tok()
	return t.Kind == KEOF || t.Kind == KNewline || (t.Kind == KPunct && (t.Text == ")" || t.Text == "]" ||
		t.Text == "}" || t.Text == "=" || t.Text == ":" || t.Text == ";" || pyAssignOps[t.Text])) || isText(t, "in")
}

// starTest parses *x or a test.
func (p *pyParser) starTest() Expr {
	start := p.tok()
	if p.is("*") || p.is("**") {
		op := p.next().Text
		return &Unary{Span: p.spanFrom(start), Op: op, X: p.orTest()}
	}
	return p.test()
}

// test parses a conditional expression, lambda or walrus.
func (p *pyParser) test() Expr {
	if !p.enter() {
		defer p.leave()
		return p.bad()
	}
	defer p.leave()
	start := p.tok()
	if p.is("lambda") {
		return p.lambda()
	}
	if start.Kind == KIdent && isText(p.peek(1), ":=") {
		p.next()
		p.next()
		v := p.test()
		return &Assign{Span: p.spanFrom(start), Op: ":=", L: &Ident{Span: Span{Off: start.Off, End: start.End, Line: start.Line}, Name: start.Text}, R: v}
	}
	x := p.orTest()
	if p.is("if") && !p.tok().NL {
		p.next()
		c := p.orTest()
		var f Expr
		if p.expect("else") {
			f = p.test()
		}
		return &Cond{Span: p.spanFrom(start), C: c, T: x, F: f}
	}
	return x
}

func (p *pyParser) lambda() Expr {
	start := p.next()
	f := &Func{Arrow: true, Name: "<lambda>"}
	for !p.atEOF() && !p.is(":") {
		before := p.pos
		f.Params = append(f.Params, p.param(false))
		if !p.accept(",") && !p.is(":") {
			if p.pos == before {
				p.next()
			}
			break
		}
	}
	p.expect(":")
	f.Expr = p.test()
	f.Span = p.spanFrom(start)
	return f
}

func (p *pyParser) orTest() Expr {
	start := p.tok()
	x := p.andTest()
	for n := 0; p.is("or") && !p.chainTooLong(n); n++ {
		p.next()
		y := p.andTest()
		x = &Binary{Span: p.spanFrom(start), Op: "or", L: x, R: y}
	}
	return x
}

func (p *pyParser) andTest() Expr {
	start := p.tok()
	x := p.notTest()
	for n := 0; p.is("and") && !p.chainTooLong(n); n++ {
		p.next()
		y := p.notTest()
		x = &Binary{Span: p.spanFrom(start), Op: "and", L: x, R: y}
	}
	return x
}

func (p *pyParser) notTest() Expr {
	start := p.tok()
	if p.is("not") {
		if !p.enter() {
			defer p.leave()
			return p.bad()
		}
		defer p.leave()
		p.next()
		return &Unary{Span: p.spanFrom(start), Op: "not", X: p.notTest()}
	}
	return p.comparison()
}

// comparison parses a chain of comparisons, with "not in" and "is not" as single operators.
func (p *pyParser) comparison() Expr {
	start := p.tok()
	x := p.binary(0)
	for n := 0; !p.chainTooLong(n); n++ {
		t := p.tok()
		if !pyCompare[t.Text] || (t.Kind != KPunct && t.Kind != KIdent) {
			return x
		}
		op := t.Text
		switch {
		case op == "not" && isText(p.peek(1), "in"):
			p.next()
			op = "not in"
		case op == "not":
			return x
		case op == "is" && isText(p.peek(1), "not"):
			p.next()
			op = "is not"
		}
		p.next()
		y := p.binary(0)
		x = &Binary{Span: p.spanFrom(start), Op: op, L: x, R: y}
	}
	return x
}

// binary parses arithmetic and bitwise operators by precedence climbing.
func (p *pyParser) binary(min int) Expr {
	start := p.tok()
	x := p.factor()
	for n := 0; !p.chainTooLong(n); n++ {
		t := p.tok()
		prec, ok := pyBinary[t.Text]
		if !ok || t.Kind != KPunct || prec <= min {
			return x
		}
		p.next()
		y := p.binary(prec)
		x = &Binary{Span: p.spanFrom(start), Op: t.Text, L: x, R: y}
	}
	return x
}

// factor parses unary minus, plus, invert, await and the power operator.
func (p *pyParser) factor() Expr {
	if !p.enter() {
		defer p.leave()
		return p.bad()
	}
	defer p.leave()
	start := p.tok()
	if start.Kind == KPunct && (start.Text == "-" || start.Text == "+" || start.Text == "~") {
		p.next()
		return &Unary{Span: p.spanFrom(start), Op: start.Text, X: p.factor()}
	}
	if isText(start, "await") {
		p.next()
		return &Unary{Span: p.spanFrom(start), Op: "await", X: p.factor()}
	}
	x := p.postfix(p.atom())
	if p.is("**") {
		p.next()
		y := p.factor()
		x = &Binary{Span: p.spanFrom(start), Op: "**", L: x, R: y}
	}
	return x
}

// postfix parses calls, subscripts and attributes after x.
func (p *pyParser) postfix(x Expr) Expr {
	start := Token{Off: x.Pos().Off, Line: x.Pos().Line, End: x.Pos().End}
	for n := 0; !p.chainTooLong(n); n++ {
		switch {
		case p.is("("):
			x = &Call{Fn: x, Args: p.args()}
		case p.is("["):
			x = p.subscript(x)
		case p.is(".") && p.peek(1).Kind == KIdent:
			p.next()
			x = &Member{X: x, Name: p.next().Text}
		default:
			return x
		}
		setSpan(x, p.spanFrom(start))
	}
	return x
}

// subscript parses [key] or a slice (Key nil).
func (p *pyParser) subscript(x Expr) Expr {
	close := p.matchOf(p.pos)
	p.next()
	var key Expr
	if !p.is(":") {
		key = p.exprList()
	}
	if !p.is("]") { // a slice or something unread
		key = nil
		if close > p.pos {
			p.pos = close
		}
	}
	p.expect("]")
	return &Index{X: x, Key: key}
}

// args parses a call's arguments: positional, keyword, *args, **kwargs and a bare generator.
func (p *pyParser) args() []Arg {
	p.expect("(")
	var out []Arg
	for !p.atEOF() && !p.is(")") && p.tok().Kind != KNewline {
		before := p.pos
		switch t := p.tok(); {
		case isText(t, "*"):
			p.next()
			out = append(out, Arg{X: p.test(), Spread: true})
		case isText(t, "**"):
			p.next()
			out = append(out, Arg{Name: "**", X: p.test(), Spread: true})
		case t.Kind == KIdent && isText(p.peek(1), "="):
			p.next()
			p.next()
			out = append(out, Arg{Name: t.Text, X: p.test()})
		default:
			x := p.test()
			if p.is("for") || p.is("async") {
				x = p.comprehension(x, t)
			}
			out = append(out, Arg{X: x})
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
func (p *pyParser) skipTo(text string) {
	for !p.atEOF() && !p.is(text) {
		if t := p.tok(); t.Kind == KPunct && (t.Text == "(" || t.Text == "[" || t.Text == "{") {
			p.skipBalanced()
			continue
		}
		if t := p.tok(); t.Kind == KNewline || (t.Kind == KPunct && (t.Text == ")" || t.Text == "]" || t.Text == "}")) {
			return
		}
		p.next()
	}
}

// comprehension parses "for target in iter [if cond]…" after elem.
func (p *pyParser) comprehension(elem Expr, start Token) Expr {
	c := &Comp{Elem: elem}
	first := true
	for p.is("for") || p.is("async") {
		p.accept("async")
		p.expect("for")
		target := p.targetList()
		p.expect("in")
		iter := p.orTest()
		if first {
			c.Target, c.Iter, first = target, iter, false
		} else {
			c.Conds = append(c.Conds, iter)
		}
		for p.is("if") {
			p.next()
			c.Conds = append(c.Conds, p.orTestNoCond())
		}
	}
	c.Span = p.spanFrom(start)
	return c
}

func (p *pyParser) orTestNoCond() Expr { return p.orTest() }

// targetList parses the targets of a for: names, attributes, tuples.
func (p *pyParser) targetList() Expr {
	start := p.tok()
	first := p.binary(0)
	if !p.is(",") {
		return first
	}
	arr := &Array{Elems: []Expr{first}}
	for p.accept(",") {
		if p.is("in") || p.is("=") {
			break
		}
		arr.Elems = append(arr.Elems, p.binary(0))
	}
	arr.Span = p.spanFrom(start)
	return arr
}
