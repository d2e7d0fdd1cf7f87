package syntax

// ParseJS parses JavaScript, or TypeScript when ts is set; jsx says whether "<" may open a JSX element
// (.jsx, .tsx, and .js files, where React code puts it).
func ParseJS(src []byte, ts, jsx bool) *File {
	toks, errs := LexJS(src)
	p := &jsParser{parser: newParser(toks, errs, len(src)), jsx: jsx}
	p.src, p.ts = src, ts
	body := p.statements()
	for !p.atEOF() { // a "}" that closes nothing
		p.errorf("unexpected %q", p.tok().Text)
		p.next()
		body = append(body, p.statements()...)
	}
	return &File{Lang: JS, Body: body, Errors: p.errs}
}

// statements parses statements up to a closing "}" or the end.
func (p *jsParser) statements() []Stmt {
	var out []Stmt
	for !p.atEOF() && !p.is("}") {
		before := p.pos
		if s := p.statement(); s != nil {
			out = append(out, s)
		}
		if p.pos == before {
			p.errorf("unexpected %q", p.tok().Text)
			p.next()
		}
	}
	return out
}

// block parses { statements }.
func (p *jsParser) block() []Stmt {
	if !p.expect("{") {
		return nil
	}
	if !p.enter() {
		p.leave()
		p.pos--
		p.skipBalanced()
		return nil
	}
	defer p.leave()
	body := p.statements()
	p.expect("}")
	return body
}

// body parses the body of if/for/while: a block or one statement.
func (p *jsParser) body() []Stmt {
	if p.is("{") {
		return p.block()
	}
	if !p.enter() {
		p.leave()
		p.next()
		return nil
	}
	defer p.leave()
	if s := p.statement(); s != nil {
		return []Stmt{s}
	}
	return nil
}

// statement parses one statement; nil for an empty one or one the detector has no use for (types).
func (p *jsParser) statement() Stmt {
	t := p.tok()
	if t.Kind == KPunct {
		switch t.Text {
		case ";":
			p.next()
			return nil
		case "{":
			return &Block{Kind: "block", Body: p.block(), Span: p.spanFrom(t)}
		case "@":
			p.decorators()
			return nil
		}
	}
	if t.Kind == KIdent {
		if s, ok := p.keywordStatement(t); ok {
			return s
		}
		if n := p.peek(1); isText(n, ":") && !jsReserved[t.Text] { // label
			p.next()
			p.next()
			return nil
		}
	}
	x := p.expr()
	p.endStatement()
	return &ExprStmt{Span: p.spanFrom(t), X: x}
}

// endStatement consumes ";" or accepts an automatic semicolon (a line break, "}" or the end).
func (p *jsParser) endStatement() {
	if p.accept(";") || p.atEOF() || p.is("}") || p.tok().NL {
		return
	}
	p.errorf("expected ';', found %q", p.tok().Text)
}

// keywordStatement parses a statement that starts with a keyword; ok is false when t starts none.
func (p *jsParser) keywordStatement(t Token) (Stmt, bool) {
	switch t.Text {
	case "var", "let", "const":
		if n := p.peek(1); n.Kind == KIdent || isText(n, "{") || isText(n, "[") {
			s := p.declaration()
			p.endStatement()
			return s, true
		}
	case "function":
		f := p.function(false)
		return &FuncDecl{Span: f.Span, Func: f}, true
	case "async":
		if isText(p.peek(1), "function") {
			p.next()
			f := p.function(true)
			f.Span = p.spanFrom(t)
			return &FuncDecl{Span: f.Span, Func: f}, true
		}
	case "class":
		return p.class(), true
	case "if":
		return p.ifStatement(), true
	case "for":
		return p.forStatement(), true
	case "while", "do":
		return p.whileStatement(t), true
	case "return", "throw":
		return p.jump(t), true
	case "break", "continue":
		p.next()
		if n := p.tok(); n.Kind == KIdent && !n.NL {
			p.next()
		}
		p.accept(";")
		return &Jump{Kind: t.Text, Span: p.spanFrom(t)}, true
	case "try":
		return p.tryStatement(), true
	case "switch":
		return p.switchStatement(), true
	case "import":
		if n := p.peek(1); !isText(n, "(") && !isText(n, ".") {
			return p.importDecl(), true
		}
	case "export":
		return p.exportDecl(), true
	}
	if p.ts {
		return p.tsStatement(t)
	}
	return nil, false
}

// declaration parses var/let/const declarators; several become a "decl" Block.
func (p *jsParser) declaration() Stmt {
	start := p.next()
	var out []Stmt
	for {
		ts := p.tok()
		var target Expr
		switch {
		case p.is("{"):
			target = p.object()
		case p.is("["):
			target = p.array()
		default:
			n := p.next()
			target = &Ident{Span: Span{Off: n.Off, End: n.End, Line: n.Line}, Name: n.Text}
		}
		p.accept("!")
		if p.ts && p.accept(":") {
			p.skipType()
		}
		var value Expr
		if p.accept("=") {
			value = p.assign()
		}
		out = append(out, &ExprStmt{Span: p.spanFrom(ts), X: &Assign{Span: p.spanFrom(ts), Op: "=", L: target, R: value, Decl: start.Text}})
		if !p.accept(",") {
			break
		}
	}
	if len(out) == 1 {
		return out[0]
	}
	return &Block{Kind: "decl", Body: out, Span: p.spanFrom(start)}
}

// jump parses return/throw with an optional value on the same line.
func (p *jsParser) jump(t Token) Stmt {
	p.next()
	j := &Jump{Kind: t.Text}
	if !p.atEOF() && !p.is(";") && !p.is("}") && !p.tok().NL {
		j.X = p.expr()
	}
	p.endStatement()
	j.Span = p.spanFrom(t)
	return j
}

func (p *jsParser) ifStatement() Stmt {
	start := p.next()
	p.expect("(")
	c := p.expr()
	p.expect(")")
	s := &If{Cond: c, Then: p.body()}
	if p.accept("else") {
		s.Else = p.body()
	}
	s.Span = p.spanFrom(start)
	return s
}

// forStatement parses for (x of y), for (x in y), for await, and C-style loops (a "for" Block holding the
// initialiser and a while Loop).
func (p *jsParser) forStatement() Stmt {
	start := p.next()
	p.accept("await")
	p.expect("(")
	decl := ""
	if t := p.tok(); t.Kind == KIdent && (t.Text == "const" || t.Text == "let" || t.Text == "var") {
		decl = t.Text
		p.next()
	}
	p.noIn = true
	var init Expr
	if !p.is(";") {
		init = p.expr()
	}
	p.noIn = false
	if t := p.tok(); t.Kind == KIdent && (t.Text == "of" || t.Text == "in") {
		p.next()
		iter := p.expr()
		p.expect(")")
		if a, ok := init.(*Assign); ok {
			init = a.L
		}
		return &Loop{Kind: t.Text, Target: init, Iter: iter, Body: p.body(), Span: p.spanFrom(start)}
	}
	var cond, post Expr
	p.expect(";")
	if !p.is(";") {
		cond = p.expr()
	}
	p.expect(";")
	if !p.is(")") {
		post = p.expr()
	}
	p.expect(")")
	body := p.body()
	if post != nil {
		body = append(body, &ExprStmt{X: post, Span: post.Pos()})
	}
	var out []Stmt
	if init != nil {
		if a, ok := init.(*Assign); ok && decl != "" {
			a.Decl = decl
		}
		out = append(out, &ExprStmt{X: init, Span: init.Pos()})
	}
	out = append(out, &Loop{Kind: "while", Iter: cond, Body: body, Span: p.spanFrom(start)})
	return &Block{Kind: "for", Body: out, Span: p.spanFrom(start)}
}

// tryStatement parses try/catch/finally into one "try" Block.
func (p *jsParser) tryStatement() Stmt {
	start := p.next()
	b := &Block{Kind: "try", Body: p.block()}
	if p.accept("catch") {
		if p.is("(") {
			p.next()
			if t := p.tok(); t.Kind == KIdent {
				b.Head = &Ident{Span: Span{Off: t.Off, End: t.End, Line: t.Line}, Name: t.Text}
			}
			p.skipTo(")")
			p.expect(")")
		}
		b.Body = append(b.Body, p.block()...)
	}
	if p.accept("finally") {
		b.Body = append(b.Body, p.block()...)
	}
	b.Span = p.spanFrom(start)
	return b
}

// switchStatement parses a switch into a "switch" Block of all its cases' statements.
func (p *jsParser) switchStatement() Stmt {
	start := p.next()
	p.expect("(")
	b := &Block{Kind: "switch", Head: p.expr()}
	p.expect(")")
	if !p.expect("{") {
		return b
	}
	for !p.atEOF() && !p.is("}") {
		before := p.pos
		switch {
		case p.accept("case"):
			b.Cases = addCase(b.Cases, p.expr(), false)
			p.expect(":")
		case p.accept("default"):
			b.Cases = addCase(b.Cases, nil, true)
			p.expect(":")
		default:
			if s := p.statement(); s != nil {
				addToCase(b, s)
			}
		}
		if p.pos == before {
			p.next()
		}
	}
	p.expect("}")
	b.Span = p.spanFrom(start)
	return b
}

// whileStatement parses while (c) body and do body while (c).
func (p *jsParser) whileStatement(t Token) Stmt {
	p.next()
	if t.Text == "do" {
		body := p.body()
		if p.accept("while") {
			p.skipBalanced()
		}
		p.accept(";")
		return &Loop{Kind: "do", Body: body, Span: p.spanFrom(t)}
	}
	p.expect("(")
	c := p.expr()
	p.expect(")")
	return &Loop{Kind: "while", Iter: c, Body: p.body(), Span: p.spanFrom(t)}
}
