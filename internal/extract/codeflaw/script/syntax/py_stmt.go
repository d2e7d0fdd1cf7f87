package syntax

import "strings"

// ParsePython parses Python 3 source.
func ParsePython(src []byte) *File {
	toks, errs := LexPython(src)
	p := &pyParser{parser: newParser(toks, errs, len(src))}
	p.src = src
	body := p.stmts(false)
	return &File{Lang: Python, Body: body, Errors: p.errs}
}

// stmts parses statements up to the Dedent that closes an indented block, or the end.
func (p *pyParser) stmts(indented bool) []Stmt {
	var out []Stmt
	for !p.atEOF() {
		switch p.tok().Kind {
		case KDedent:
			p.next()
			if indented {
				return out
			}
			continue
		case KNewline:
			p.next()
			continue
		case KIndent: // an unexpected indent: read it as a nested block
			p.next()
			if p.enter() {
				out = append(out, &Block{Kind: "block", Body: p.stmts(true)})
			}
			p.leave()
			continue
		}
		before := p.pos
		out = append(out, p.statement()...)
		if p.pos == before {
			p.errorf("unexpected %q", p.tok().Text)
			p.next()
		}
	}
	return out
}

// suite parses ": NEWLINE INDENT statements DEDENT" or ": simple statements".
func (p *pyParser) suite() []Stmt {
	if !p.expect(":") {
		p.skipLine()
	}
	if p.tok().Kind != KNewline {
		return p.simpleStatements()
	}
	p.next()
	if p.tok().Kind != KIndent {
		p.errorf("expected an indented block")
		return nil
	}
	p.next()
	if !p.enter() {
		p.leave()
		p.skipBlock()
		return nil
	}
	defer p.leave()
	return p.stmts(true)
}

// skipBlock consumes an indented block that is too deep to read.
func (p *pyParser) skipBlock() {
	for depth := 1; !p.atEOF() && depth > 0; {
		switch p.next().Kind {
		case KIndent:
			depth++
		case KDedent:
			depth--
		}
	}
}

// skipLine consumes the rest of the logical line.
func (p *pyParser) skipLine() {
	for !p.atEOF() && p.tok().Kind != KNewline && p.tok().Kind != KDedent && p.tok().Kind != KIndent {
		p.next()
	}
	if p.tok().Kind == KNewline {
		p.next()
	}
}

// statement parses a compound statement or a line of simple ones.
func (p *pyParser) statement() []Stmt {
	t := p.tok()
	if t.Kind == KPunct && t.Text == "@" {
		return []Stmt{p.decorated()}
	}
	if t.Kind == KIdent {
		switch t.Text {
		case "def":
			return []Stmt{p.def(nil, false)}
		case "class":
			return []Stmt{p.class(nil)}
		case "if":
			return []Stmt{p.ifStatement()}
		case "for", "while":
			return []Stmt{p.loop()}
		case "try":
			return []Stmt{p.try()}
		case "with":
			return []Stmt{p.with()}
		case "async":
			n := p.peek(1)
			switch n.Text {
			case "def":
				p.next()
				return []Stmt{p.def(nil, true)}
			case "for":
				p.next()
				return []Stmt{p.loop()}
			case "with":
				p.next()
				return []Stmt{p.with()}
			}
		case "match":
			if p.lineEndsWithColon() && p.peek(1).Kind != KPunct {
				return []Stmt{p.match()}
			}
		}
	}
	return p.simpleStatements()
}

// lineEndsWithColon reports whether the logical line ends with ":" (a soft keyword's statement).
func (p *pyParser) lineEndsWithColon() bool {
	for i := p.pos; i < len(p.toks); i++ {
		if p.toks[i].Kind == KNewline {
			return i > p.pos && isText(p.toks[i-1], ":")
		}
	}
	return false
}

// decorated parses decorators and the def or class they decorate.
func (p *pyParser) decorated() Stmt {
	var decos []Expr
	for p.accept("@") {
		decos = append(decos, p.test())
		if p.tok().Kind == KNewline {
			p.next()
		}
	}
	switch {
	case p.is("def"):
		return p.def(decos, false)
	case p.is("async") && isText(p.peek(1), "def"):
		p.next()
		return p.def(decos, true)
	case p.is("class"):
		return p.class(decos)
	}
	p.errorf("decorator without a function")
	return &ExprStmt{X: &Bad{}}
}

// def parses def name(params) -> annotation: suite.
func (p *pyParser) def(decos []Expr, async bool) Stmt {
	start := p.next()
	f := &Func{Async: async, Decorators: decos, Name: p.next().Text}
	if p.expect("(") {
		for !p.atEOF() && !p.is(")") && p.tok().Kind != KNewline {
			before := p.pos
			if prm := p.param(true); prm.Name != "" {
				f.Params = append(f.Params, prm)
			}
			if !p.accept(",") && !p.is(")") {
				p.errorf("unexpected %q in parameters", p.tok().Text)
				if p.pos == before {
					p.next()
				}
				p.skipTo(")")
			}
		}
		p.expect(")")
	}
	if p.accept("->") {
		p.test()
	}
	f.Body = p.suite()
	f.Span = p.spanFrom(start)
	return &FuncDecl{Span: f.Span, Func: f}
}

// param parses one parameter: *args, **kwargs, name: annotation = default (a bare * or / has no name).
func (p *pyParser) param(annotated bool) *Param {
	start := p.tok()
	prm := &Param{}
	if p.is("*") || p.is("**") || p.is("/") {
		p.next()
		prm.Rest = true
		if p.is(",") || p.is(")") || p.is(":") {
			return prm
		}
	}
	if t := p.tok(); t.Kind == KIdent {
		prm.Name = t.Text
		p.next()
	}
	if annotated && p.accept(":") {
		ann := p.test()
		prm.Type = strings.TrimSpace(string(p.src[ann.Pos().Off:max(ann.Pos().Off, ann.Pos().End)]))
	}
	if p.accept("=") {
		prm.Default = p.test()
	}
	prm.Span = p.spanFrom(start)
	return prm
}

// class parses class Name(bases): suite.
func (p *pyParser) class(decos []Expr) Stmt {
	start := p.next()
	c := &Class{Name: p.next().Text}
	if p.is("(") {
		for _, a := range p.args() {
			if c.Extends == "" && a.Name == "" {
				c.Extends = DottedName(a.X)
			}
		}
	}
	c.Body = p.suite()
	c.Span = p.spanFrom(start)
	return c
}

// ifStatement parses if/elif/else; each elif is an If in the Else of the one before.
func (p *pyParser) ifStatement() Stmt {
	start := p.next()
	s := &If{Cond: p.test()}
	s.Then = p.suite()
	switch {
	case p.is("elif"):
		s.Else = []Stmt{p.ifStatement()}
	case p.is("else"):
		p.next()
		s.Else = p.suite()
	}
	s.Span = p.spanFrom(start)
	return s
}

// loop parses for/while (with their else).
func (p *pyParser) loop() Stmt {
	start := p.next()
	l := &Loop{Kind: start.Text}
	if start.Text == "for" {
		l.Target = p.targetList()
		p.expect("in")
		l.Iter = p.exprList()
	} else {
		l.Iter = p.test()
	}
	l.Body = p.suite()
	if p.accept("else") {
		l.Body = append(l.Body, p.suite()...)
	}
	l.Span = p.spanFrom(start)
	return l
}

// try parses try/except/else/finally into one "try" Block.
func (p *pyParser) try() Stmt {
	start := p.next()
	b := &Block{Kind: "try", Body: p.suite()}
	for p.is("except") || p.is("else") || p.is("finally") {
		if p.accept("except") {
			p.accept("*")
			if !p.is(":") {
				p.test()
				if p.accept("as") {
					n := p.next()
					b.Head = &Ident{Span: Span{Off: n.Off, End: n.End, Line: n.Line}, Name: n.Text}
				}
			}
		} else {
			p.next()
		}
		b.Body = append(b.Body, p.suite()...)
	}
	b.Span = p.spanFrom(start)
	return b
}

// with parses with a as b, c: suite (parenthesised items too).
func (p *pyParser) with() Stmt {
	start := p.next()
	w := &With{}
	paren := p.is("(") && p.matchOf(p.pos) > 0 && isText(p.at(p.matchOf(p.pos)+1), ":") && p.parenHasAs()
	if paren {
		p.next()
	}
	for !p.atEOF() && !p.is(":") && !(paren && p.is(")")) {
		before := p.pos
		it := WithItem{X: p.test()}
		if p.accept("as") {
			it.Target = p.binary(0)
		}
		w.Items = append(w.Items, it)
		if !p.accept(",") {
			if p.pos == before {
				p.next()
			}
			break
		}
	}
	if paren {
		p.expect(")")
	}
	w.Body = p.suite()
	w.Span = p.spanFrom(start)
	return w
}

// parenHasAs reports whether the parenthesised group at the current token holds "as" at its top level.
func (p *pyParser) parenHasAs() bool {
	end := p.matchOf(p.pos)
	for i := p.pos + 1; i < end && i < len(p.toks); i++ {
		if isText(p.toks[i], "as") {
			return true
		}
		if m := p.matchOf(i); m > i {
			i = m
		}
	}
	return false
}

// match parses a match statement into a "match" Block of every case body (patterns are skipped).
func (p *pyParser) match() Stmt {
	start := p.next()
	b := &Block{Kind: "match", Head: p.exprList()}
	p.expect(":")
	if p.tok().Kind == KNewline {
		p.next()
	}
	if p.tok().Kind != KIndent {
		return b
	}
	p.next()
	for !p.atEOF() && p.tok().Kind != KDedent {
		before := p.pos
		if p.accept("case") {
			for !p.atEOF() && !(p.is(":") && p.peek(1).Kind == KNewline) && p.tok().Kind != KNewline {
				p.next()
			}
			b.Body = append(b.Body, p.suite()...)
		} else if p.tok().Kind == KNewline {
			p.next()
		}
		if p.pos == before {
			p.next()
		}
	}
	p.next()
	b.Span = p.spanFrom(start)
	return b
}
