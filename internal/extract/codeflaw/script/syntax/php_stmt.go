package syntax

import "strings"

// ParsePHP parses PHP source (with inline HTML).
func ParsePHP(src []byte) *File {
	toks, errs := LexPHP(src)
	p := &phpParser{parser: newParser(toks, errs, len(src))}
	p.src = src
	body := p.statements()
	for !p.atEOF() { // a "}" that closes nothing, an ender without its structure
		p.errorf("unexpected %q", p.tok().Text)
		p.next()
		body = append(body, p.statements()...)
	}
	return &File{Lang: PHP, Body: body, Errors: p.errs}
}

// phpEnders are the keywords that close the alternative syntax of control structures.
var phpEnders = map[string]bool{
	"endif": true, "endwhile": true, "endfor": true, "endforeach": true, "endswitch": true, "else": true,
	"elseif": true, "case": true, "default": true,
}

// statements parses statements up to "}", an alternative-syntax ender, or the end.
func (p *phpParser) statements() []Stmt {
	var out []Stmt
	for !p.atEOF() && !p.is("}") {
		if t := p.tok(); t.Kind == KIdent && phpEnders[strings.ToLower(t.Text)] {
			return out
		}
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
func (p *phpParser) block() []Stmt {
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

// body parses the body of a control structure: a block, one statement, or ": statements end…;".
func (p *phpParser) body() []Stmt {
	if p.is("{") {
		return p.block()
	}
	if !p.enter() {
		p.leave()
		p.next()
		return nil
	}
	defer p.leave()
	if p.accept(":") {
		return p.statements()
	}
	if s := p.statement(); s != nil {
		return []Stmt{s}
	}
	return nil
}

// endAlt consumes an alternative-syntax ender ("endif;").
func (p *phpParser) endAlt(word string) {
	if p.acceptKw(word) {
		p.accept(";")
	}
}

// statement parses one statement.
func (p *phpParser) statement() Stmt {
	t := p.tok()
	switch {
	case t.Kind == KHTML:
		p.next()
		return nil
	case isText(t, ";"):
		p.next()
		return nil
	case isText(t, "{"):
		return &Block{Kind: "block", Body: p.block(), Span: p.spanFrom(t)}
	case t.Kind == KIdent:
		if s, ok := p.keywordStatement(t); ok {
			return s
		}
	}
	x := p.expr()
	p.endStatement()
	return &ExprStmt{Span: p.spanFrom(t), X: x}
}

// endStatement consumes ";" (or accepts the "?>" that ends one).
func (p *phpParser) endStatement() {
	if p.accept(";") || p.atEOF() || p.tok().Kind == KHTML || p.is("}") {
		return
	}
	p.errorf("expected ';', found %q", p.tok().Text)
}

// keywordStatement parses a statement that starts with a keyword; ok is false for none.
func (p *phpParser) keywordStatement(t Token) (Stmt, bool) {
	switch strings.ToLower(t.Text) {
	case "function":
		if n := p.peek(1); n.Kind == KIdent || (isText(n, "&") && p.peek(2).Kind == KIdent) {
			return p.function(nil), true
		}
	case "abstract", "final", "readonly", "class", "interface", "trait", "enum":
		if s := p.classDecl(); s != nil {
			return s, true
		}
	case "namespace":
		p.next()
		for !p.atEOF() && !p.is(";") && !p.is("{") {
			p.next()
		}
		if p.is("{") {
			return &Block{Kind: "block", Body: p.block(), Span: p.spanFrom(t)}, true
		}
		p.accept(";")
		return nil, true
	case "use":
		return p.use(), true
	case "if":
		return p.ifStatement(), true
	case "while", "do":
		return p.whileStatement(t), true
	case "for":
		return p.forStatement(), true
	case "foreach":
		return p.foreach(), true
	case "switch":
		return p.switchStatement(), true
	case "try":
		return p.try(), true
	case "return", "throw":
		return p.jump(strings.ToLower(t.Text)), true
	case "exit", "die", "break", "continue":
		return p.simpleJump(t), true
	case "echo":
		return p.echo(), true
	case "global", "const", "declare", "goto":
		p.skipStatement()
		return nil, true
	case "static":
		if n := p.peek(1); strings.HasPrefix(n.Text, "$") {
			p.next()
			x := p.expr()
			p.endStatement()
			return &ExprStmt{Span: p.spanFrom(t), X: x}, true
		}
	}
	if n := p.peek(1); isText(n, ":") && !strings.HasPrefix(t.Text, "$") { // a goto label
		p.next()
		p.next()
		return nil, true
	}
	return nil, false
}

// skipStatement consumes up to and including the next top-level ";".
func (p *phpParser) skipStatement() {
	for !p.atEOF() && !p.is(";") && p.tok().Kind != KHTML {
		if p.is("(") || p.is("[") || p.is("{") {
			p.skipBalanced()
			continue
		}
		p.next()
	}
	p.accept(";")
}

// paren parses ( expr ).
func (p *phpParser) paren() Expr {
	p.expect("(")
	x := p.expr()
	p.expect(")")
	return x
}

// jump parses return/throw with an optional value.
func (p *phpParser) jump(kind string) Stmt {
	start := p.next()
	j := &Jump{Kind: kind}
	if !p.is(";") && !p.atEOF() && p.tok().Kind != KHTML {
		j.X = p.expr()
	}
	p.endStatement()
	j.Span = p.spanFrom(start)
	return j
}

// echo parses echo a, b; into a call of "echo".
func (p *phpParser) echo() Stmt {
	start := p.next()
	c := &Call{Fn: &Ident{Span: Span{Off: start.Off, End: start.End, Line: start.Line}, Name: "echo"}}
	for !p.atEOF() && !p.is(";") && p.tok().Kind != KHTML {
		before := p.pos
		c.Args = append(c.Args, Arg{X: p.expr()})
		if !p.accept(",") {
			if p.pos == before {
				p.next()
			}
			break
		}
	}
	p.endStatement()
	c.Span = p.spanFrom(start)
	return &ExprStmt{Span: c.Span, X: c}
}

// ifStatement parses if/elseif/else, in both syntaxes; elseif is an If in Else.
func (p *phpParser) ifStatement() Stmt {
	start := p.next()
	s := &If{Cond: p.paren()}
	s.Then = p.body()
	switch {
	case p.kw("elseif"):
		s.Else = []Stmt{p.ifStatement()}
		return s
	case p.kw("else") && isText(p.peek(1), "if"):
		p.next()
		s.Else = []Stmt{p.ifStatement()}
		return s
	case p.acceptKw("else"):
		s.Else = p.body()
	}
	p.endAlt("endif")
	s.Span = p.spanFrom(start)
	return s
}

// forStatement parses for (init; cond; step) into a "for" Block of the initialiser and a while Loop.
func (p *phpParser) forStatement() Stmt {
	start := p.next()
	p.expect("(")
	var parts [3][]Expr
	for i := 0; i < 3; i++ {
		for !p.atEOF() && !p.is(";") && !p.is(")") {
			before := p.pos
			parts[i] = append(parts[i], p.expr())
			if !p.accept(",") {
				if p.pos == before {
					p.next()
				}
				break
			}
		}
		if i < 2 {
			p.expect(";")
		}
	}
	p.expect(")")
	body := p.body()
	p.endAlt("endfor")
	for _, x := range parts[2] {
		body = append(body, &ExprStmt{X: x, Span: x.Pos()})
	}
	var out []Stmt
	for _, x := range parts[0] {
		out = append(out, &ExprStmt{X: x, Span: x.Pos()})
	}
	var cond Expr
	if len(parts[1]) > 0 {
		cond = parts[1][len(parts[1])-1]
	}
	out = append(out, &Loop{Kind: "while", Iter: cond, Body: body, Span: p.spanFrom(start)})
	return &Block{Kind: "for", Body: out, Span: p.spanFrom(start)}
}

// foreach parses foreach ($a as $k => $v).
func (p *phpParser) foreach() Stmt {
	start := p.next()
	p.expect("(")
	l := &Loop{Kind: "foreach", Iter: p.expr()}
	if p.acceptKw("as") {
		p.accept("&")
		v := p.ternary()
		if p.accept("=>") {
			p.accept("&")
			l.Key, v = v, p.ternary()
		}
		l.Target = v
	}
	p.expect(")")
	l.Body = p.body()
	p.endAlt("endforeach")
	l.Span = p.spanFrom(start)
	return l
}

// switchStatement parses a switch into a "switch" Block of its cases' statements.
func (p *phpParser) switchStatement() Stmt {
	start := p.next()
	b := &Block{Kind: "switch", Head: p.paren()}
	alt := !p.is("{")
	if !p.accept("{") && !p.accept(":") {
		return b
	}
	for !p.atEOF() && !p.is("}") && !p.kw("endswitch") {
		before := p.pos
		switch {
		case p.acceptKw("case"):
			b.Cases = addCase(b.Cases, p.expr(), false)
			if !p.accept(":") {
				p.accept(";")
			}
		case p.acceptKw("default"):
			b.Cases = addCase(b.Cases, nil, true)
			if !p.accept(":") {
				p.accept(";")
			}
		default:
			for _, s := range p.statements() {
				addToCase(b, s)
			}
		}
		if p.pos == before {
			p.next()
		}
	}
	if alt {
		p.endAlt("endswitch")
	} else {
		p.expect("}")
	}
	b.Span = p.spanFrom(start)
	return b
}

// try parses try/catch/finally into one "try" Block.
func (p *phpParser) try() Stmt {
	start := p.next()
	b := &Block{Kind: "try", Body: p.block()}
	for p.kw("catch") || p.kw("finally") {
		if p.acceptKw("catch") {
			p.skipBalanced()
		} else {
			p.next()
		}
		b.Body = append(b.Body, p.block()...)
	}
	b.Span = p.spanFrom(start)
	return b
}

// use parses use A\B as C, D; (and use function/const).
func (p *phpParser) use() Stmt {
	start := p.next()
	if p.kw("function") || p.kw("const") {
		p.next()
	}
	im := &Import{}
	for !p.atEOF() && !p.is(";") {
		before := p.pos
		t := p.tok()
		if t.Kind != KIdent {
			p.skipStatement()
			break
		}
		p.next()
		name := strings.TrimPrefix(t.Text, "\\")
		alias := name[strings.LastIndex(name, "\\")+1:]
		if p.acceptKw("as") {
			alias = p.next().Text
		}
		im.Names = append(im.Names, ImportName{Name: name, Alias: alias})
		if p.is("{") { // group use: use A\{B, C}
			p.skipBalanced()
		}
		if !p.accept(",") {
			if p.pos == before {
				p.next()
			}
			break
		}
	}
	p.accept(";")
	im.Span = p.spanFrom(start)
	return im
}

// whileStatement parses while (c) body (or : … endwhile;) and do body while (c);.
func (p *phpParser) whileStatement(t Token) Stmt {
	p.next()
	if strings.EqualFold(t.Text, "do") {
		body := p.body()
		if p.acceptKw("while") {
			p.paren()
		}
		p.accept(";")
		return &Loop{Kind: "do", Body: body, Span: p.spanFrom(t)}
	}
	c := p.paren()
	body := p.body()
	p.endAlt("endwhile")
	return &Loop{Kind: "while", Iter: c, Body: body, Span: p.spanFrom(t)}
}

// simpleJump parses exit/die (with an optional status or message), break and continue.
func (p *phpParser) simpleJump(t Token) Stmt {
	p.next()
	kind := strings.ToLower(t.Text)
	j := &Jump{Kind: kind}
	if kind == "die" || kind == "exit" {
		j.Kind = "exit"
		if p.is("(") {
			if args := p.args(); len(args) > 0 {
				j.X = args[0].X
			}
		}
	} else if !p.is(";") {
		p.expr()
	}
	p.endStatement()
	j.Span = p.spanFrom(t)
	return j
}
