package syntax

// primary parses an operand: a name, literal, group, array, object, function, class, new or JSX.
func (p *jsParser) primary() Expr {
	t := p.tok()
	switch t.Kind {
	case KNumber:
		p.next()
		return &Lit{Span: p.spanFrom(t), Kind: LitNumber, Value: t.Text}
	case KString:
		p.next()
		return &Lit{Span: p.spanFrom(t), Kind: LitString, Value: t.Text}
	case KRegex:
		p.next()
		return &Lit{Span: p.spanFrom(t), Kind: LitRegex, Value: t.Text}
	case KInterp:
		p.next()
		return p.interp(t)
	case KIdent:
		return p.word(t)
	case KPunct:
		switch t.Text {
		case "(":
			p.next()
			noIn := p.noIn
			p.noIn = false
			x := p.expr()
			p.noIn = noIn
			p.expect(")")
			return x
		case "[":
			return p.array()
		case "{":
			return p.object()
		case "<":
			return p.skipJSX()
		case "@":
			p.decorators()
			return p.primary()
		case "#":
			p.next()
			n := p.next()
			return &Ident{Span: p.spanFrom(t), Name: "#" + n.Text}
		}
	}
	p.errorf("unexpected %q", t.Text)
	return p.bad()
}

// word parses an operand that starts with a name.
func (p *jsParser) word(t Token) Expr {
	switch t.Text {
	case "true", "false", "null", "undefined":
		p.next()
		return &Lit{Span: p.spanFrom(t), Kind: LitOther, Value: t.Text}
	case "function":
		return p.function(false)
	case "async":
		if n := p.peek(1); isText(n, "function") && !n.NL {
			p.next()
			f := p.function(true)
			f.Span = p.spanFrom(t)
			return f
		}
	case "class":
		c := p.class()
		return &Bad{Span: c.Span}
	case "new":
		return p.newExpr()
	}
	if jsReserved[t.Text] {
		p.errorf("unexpected %q", t.Text)
		return p.bad()
	}
	p.next()
	return &Ident{Span: p.spanFrom(t), Name: t.Text}
}

// newExpr parses new X(args): the callee is a member chain without calls.
func (p *jsParser) newExpr() Expr {
	start := p.next()
	if p.is(".") { // new.target
		p.next()
		p.next()
		return &Ident{Span: p.spanFrom(start), Name: "new.target"}
	}
	var fn Expr
	if p.is("new") {
		fn = p.newExpr()
	} else {
		fn = p.primary()
	}
	for p.is(".") || p.is("[") {
		if p.accept(".") {
			n := p.next()
			if n.Text == "#" { // new this.#field.constructor()
				n = p.next()
			}
			fn = &Member{Span: p.spanFrom(start), X: fn, Name: n.Text}
		} else {
			fn = p.index(fn)
			setSpan(fn, p.spanFrom(start))
		}
	}
	if p.ts && p.is("<") {
		p.genericCall()
	}
	var args []Arg
	if p.is("(") {
		args = p.args()
	}
	return &Call{Span: p.spanFrom(start), Fn: fn, Args: args, New: true}
}

// interp turns a template or interpolated-string token into an Interp, parsing each expression part.
func (p *jsParser) interp(t Token) *Interp {
	it := &Interp{Span: Span{Off: t.Off, End: t.End, Line: t.Line}}
	if t.Kind == KString {
		it.Parts = []InterpPart{{Lit: t.Text}}
		return it
	}
	for _, part := range t.Parts {
		if part.Expr == nil {
			it.Parts = append(it.Parts, InterpPart{Lit: part.Lit})
			continue
		}
		sub := &jsParser{parser: newParser(part.Expr, nil, part.Off), jsx: p.jsx}
		sub.src, sub.ts, sub.depth = p.src, p.ts, p.depth
		var x Expr = &Bad{Span: Span{Off: part.Off, End: part.Off, Line: part.Line}}
		if len(part.Expr) > 0 {
			x = sub.expr()
		}
		p.errs = append(p.errs, sub.errs...)
		it.Parts = append(it.Parts, InterpPart{X: x})
	}
	return it
}

// array parses [a, , ...b].
func (p *jsParser) array() Expr {
	start := p.next()
	arr := &Array{}
	for !p.atEOF() && !p.is("]") && !p.is(";") {
		before := p.pos
		switch {
		case p.is(","):
			p.next()
			continue
		case p.accept("..."):
			arr.Elems = append(arr.Elems, &Unary{Op: "...", X: p.assign()})
		default:
			arr.Elems = append(arr.Elems, p.assign())
		}
		if !p.accept(",") && !p.is("]") {
			p.errorf("unexpected %q in array", p.tok().Text)
			if p.pos == before {
				p.next()
			}
			p.skipTo("]")
		}
	}
	p.expect("]")
	arr.Span = p.spanFrom(start)
	return arr
}

// object parses an object literal (or pattern): key: value, shorthand, ...spread, [computed], methods.
func (p *jsParser) object() Expr {
	start := p.next()
	obj := &Object{}
	for !p.atEOF() && !p.is("}") && !p.is(";") {
		before := p.pos
		if p.accept(",") {
			continue
		}
		obj.Props = append(obj.Props, p.prop())
		if !p.accept(",") && !p.is("}") {
			p.errorf("unexpected %q in object", p.tok().Text)
			if p.pos == before {
				p.next()
			}
			p.skipTo("}")
		}
	}
	p.expect("}")
	obj.Span = p.spanFrom(start)
	return obj
}

// prop parses one property of an object literal.
func (p *jsParser) prop() Prop {
	if p.accept("...") {
		return Prop{Spread: true, Value: p.assign()}
	}
	for (p.is("async") || p.is("get") || p.is("set") || p.is("static")) && !isPropEnd(p.peek(1)) {
		p.next()
	}
	p.accept("*")
	var pr Prop
	kt := p.tok()
	switch {
	case kt.Kind == KPunct && kt.Text == "[":
		p.next()
		pr.KeyX = p.assign()
		p.expect("]")
	case kt.Kind == KIdent || kt.Kind == KString || kt.Kind == KNumber:
		p.next()
		pr.Key = kt.Text
	default:
		p.errorf("unexpected %q in object", kt.Text)
		p.next()
		return pr
	}
	switch {
	case p.is("("): // method
		f := &Func{Name: pr.Key}
		p.funcRest(f, kt)
		pr.Value = f
	case p.accept(":"):
		pr.Value = p.assign()
	default: // shorthand, maybe with a default in a pattern
		pr.Value = &Ident{Span: Span{Off: kt.Off, End: kt.End, Line: kt.Line}, Name: kt.Text}
		if p.accept("=") {
			p.assign()
		}
	}
	return pr
}

func isPropEnd(t Token) bool {
	return t.Kind == KPunct && (t.Text == ":" || t.Text == "," || t.Text == "}" || t.Text == "(" || t.Text == "=")
}

// skipJSX skips a JSX element or fragment, which holds no request handling worth following.
func (p *jsParser) skipJSX() Expr {
	start := p.tok()
	depth := 0
	for !p.atEOF() {
		switch {
		case p.is("<") && isText(p.peek(1), "/"):
			for !p.atEOF() && !p.is(">") {
				p.next()
			}
			p.next()
			depth--
		case p.is("<"):
			p.next()
			closed := p.skipJSXTag()
			if !closed {
				depth++
			}
		case p.is("{"):
			p.skipBalanced()
		default:
			p.next()
		}
		if depth <= 0 {
			break
		}
	}
	return &Bad{Span: p.spanFrom(start)}
}

// skipJSXTag skips the attributes of an opening tag up to ">" and reports whether it was self-closing.
func (p *jsParser) skipJSXTag() bool {
	for !p.atEOF() {
		switch {
		case p.is("/") && isText(p.peek(1), ">"):
			p.next()
			p.next()
			return true
		case p.is(">"):
			p.next()
			return false
		case p.is("{"):
			p.skipBalanced()
		default:
			p.next()
		}
	}
	return true
}

// decorators skips @decorator(...) annotations.
func (p *jsParser) decorators() {
	for p.accept("@") {
		p.next()
		for p.accept(".") {
			p.next()
		}
		if p.is("(") {
			p.skipBalanced()
		}
	}
}
