package syntax

// function parses function name?(params) { body } at the "function" keyword.
func (p *jsParser) function(async bool) *Func {
	start := p.next()
	p.accept("*")
	f := &Func{Async: async}
	if t := p.tok(); t.Kind == KIdent {
		f.Name = t.Text
		p.next()
	}
	p.funcRest(f, start)
	return f
}

// funcRest parses type parameters, parameters, return type and body of a function.
func (p *jsParser) funcRest(f *Func, start Token) {
	if p.ts && p.is("<") {
		p.skipTypeParams()
	}
	f.Params = p.params()
	if p.ts && p.accept(":") {
		p.skipType()
	}
	if p.is("{") {
		f.Body = p.block()
	} else {
		p.accept(";") // a TypeScript overload or declaration
	}
	f.Span = p.spanFrom(start)
}

// params parses a parenthesised parameter list.
func (p *jsParser) params() []*Param {
	if !p.expect("(") {
		return nil
	}
	var out []*Param
	for !p.atEOF() && !p.is(")") && !p.is(";") {
		before := p.pos
		p.decorators()
		for p.is("public") || p.is("private") || p.is("protected") || p.is("readonly") || p.is("override") {
			if n := p.peek(1); n.Kind == KPunct && (n.Text == ":" || n.Text == "," || n.Text == ")") {
				break
			}
			p.next()
		}
		out = append(out, p.param())
		if !p.accept(",") && !p.is(")") {
			p.errorf("unexpected %q in parameters", p.tok().Text)
			if p.pos == before {
				p.next()
			}
			p.skipTo(")")
		}
	}
	p.expect(")")
	return out
}

// param parses one parameter: a name or pattern, optional "?", type and default.
func (p *jsParser) param() *Param {
	start := p.tok()
	prm := &Param{}
	prm.Rest = p.accept("...")
	switch t := p.tok(); {
	case t.Kind == KIdent:
		p.next()
		prm.Name = t.Text
	case isText(t, "{"):
		prm.Pattern = p.object()
	case isText(t, "["):
		prm.Pattern = p.array()
	default:
		p.errorf("unexpected %q in parameters", t.Text)
		p.next()
	}
	p.accept("?")
	if p.accept(":") {
		from := p.tok().Off
		p.skipType()
		if p.pos > 0 {
			prm.Type = string(p.src[from:max(from, p.toks[p.pos-1].End)])
		}
	}
	if p.accept("=") {
		prm.Default = p.assign()
	}
	prm.Span = p.spanFrom(start)
	return prm
}

// arrow parses an arrow function if one starts here, or returns nil without consuming anything.
func (p *jsParser) arrow() *Func {
	start := p.tok()
	i := p.pos
	async := false
	if isText(p.tok(), "async") && !p.peek(1).NL {
		if n := p.peek(1); n.Kind == KIdent || isText(n, "(") || (p.ts && isText(n, "<")) {
			async = true
			i++
		}
	}
	if i >= len(p.toks) {
		return nil
	}
	t := p.toks[i]
	switch {
	case t.Kind == KIdent && i+1 < len(p.toks) && isText(p.toks[i+1], "=>") && !jsReserved[t.Text]:
		p.pos = i + 2
		f := &Func{Async: async, Arrow: true, Params: []*Param{{Span: Span{Off: t.Off, End: t.End, Line: t.Line}, Name: t.Text}}}
		p.arrowBody(f, start)
		return f
	case isText(t, "(") || (p.ts && isText(t, "<")):
		save := p.pos
		p.pos = i
		if p.ts && p.is("<") {
			p.skipTypeParams()
		}
		m := p.matchOf(p.pos)
		if m < 0 || !p.isArrowAfter(m+1) {
			p.pos = save
			return nil
		}
		f := &Func{Async: async, Arrow: true}
		f.Params = p.params()
		if p.ts && p.accept(":") {
			p.skipType()
		}
		if !p.accept("=>") {
			p.pos = save
			return nil
		}
		p.arrowBody(f, start)
		return f
	}
	return nil
}

// isArrowAfter reports whether the tokens at i make ")" the end of arrow parameters: "=>", or a TypeScript
// return type and "=>".
func (p *jsParser) isArrowAfter(i int) bool {
	if i >= len(p.toks) {
		return false
	}
	if isText(p.toks[i], "=>") && !p.toks[i].NL {
		return true
	}
	if !p.ts || !isText(p.toks[i], ":") {
		return false
	}
	save, errs := p.pos, len(p.errs)
	p.pos = i + 1
	p.skipType()
	ok := p.is("=>")
	p.pos, p.errs = save, p.errs[:errs]
	return ok
}

// arrowBody parses the block or expression after "=>".
func (p *jsParser) arrowBody(f *Func, start Token) {
	if p.is("{") {
		f.Body = p.block()
	} else {
		f.Expr = p.assign()
	}
	f.Span = p.spanFrom(start)
}

// class parses a class declaration or expression: its methods become FuncDecls, field initialisers
// ExprStmts.
func (p *jsParser) class() *Class {
	start := p.next()
	c := &Class{}
	if t := p.tok(); t.Kind == KIdent && t.Text != "extends" && t.Text != "implements" {
		c.Name = t.Text
		p.next()
	}
	if p.ts && p.is("<") {
		p.skipTypeParams()
	}
	for !p.atEOF() && !p.is("{") {
		if p.accept("extends") {
			c.Extends = DottedName(p.postfixNoCall())
			continue
		}
		p.next()
	}
	if !p.accept("{") {
		c.Span = p.spanFrom(start)
		return c
	}
	for !p.atEOF() && !p.is("}") {
		before := p.pos
		if s := p.member(); s != nil {
			c.Body = append(c.Body, s)
		}
		if p.pos == before {
			p.next()
		}
	}
	p.expect("}")
	c.Span = p.spanFrom(start)
	return c
}

// postfixNoCall parses a name chain (the class a class extends).
func (p *jsParser) postfixNoCall() Expr {
	start := p.tok()
	var x Expr = &Ident{Span: Span{Off: start.Off, End: start.End, Line: start.Line}, Name: p.next().Text}
	for p.accept(".") {
		x = &Member{Span: p.spanFrom(start), X: x, Name: p.next().Text}
	}
	if p.is("(") {
		p.skipBalanced()
	}
	return x
}

// member parses one class member.
func (p *jsParser) member() Stmt {
	p.decorators()
	start := p.tok()
	var mods []string
	for isModifier(p.tok().Text) && !isPropEnd(p.peek(1)) && !isText(p.peek(1), ";") {
		mods = append(mods, p.next().Text)
	}
	if p.accept(";") {
		return nil
	}
	p.accept("*")
	name := p.tok()
	if name.Kind == KPunct && name.Text == "[" {
		p.skipBalanced()
	} else if name.Kind == KPunct && name.Text == "#" {
		p.next()
		name = p.next()
	} else if name.Kind == KPunct && name.Text == "{" { // static block
		f := &Func{Name: "static", Body: p.block()}
		f.Span = p.spanFrom(start)
		return &FuncDecl{Span: f.Span, Func: f, Modifiers: mods}
	} else {
		p.next()
	}
	p.accept("?")
	p.accept("!")
	if p.is("(") || p.is("<") {
		f := &Func{Name: name.Text, Async: hasString(mods, "async")}
		p.funcRest(f, start)
		return &FuncDecl{Span: f.Span, Func: f, Modifiers: mods}
	}
	if p.ts && p.accept(":") {
		p.skipType()
	}
	var s Stmt
	if p.accept("=") {
		value := p.assign()
		target := &Member{Span: Span{Off: name.Off, End: name.End, Line: name.Line}, X: &Ident{Name: "this"}, Name: name.Text}
		s = &ExprStmt{Span: p.spanFrom(start), X: &Assign{Span: p.spanFrom(start), Op: "=", L: target, R: value}}
	}
	p.accept(";")
	return s
}

func isModifier(s string) bool {
	switch s {
	case "static", "async", "get", "set", "public", "private", "protected", "readonly", "abstract", "override", "declare", "accessor":
		return true
	}
	return false
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
