package syntax

// simpleStatements parses simple statements separated by ";" up to the end of the line.
func (p *pyParser) simpleStatements() []Stmt {
	var out []Stmt
	for !p.atEOF() {
		before := p.pos
		if s := p.simple(); s != nil {
			out = append(out, s)
		}
		if p.accept(";") {
			if p.tok().Kind == KNewline {
				break
			}
			continue
		}
		if p.pos == before {
			break
		}
		if t := p.tok(); t.Kind != KNewline && t.Kind != KEOF && t.Kind != KDedent {
			p.errorf("unexpected %q", t.Text)
		}
		break
	}
	p.skipLine()
	return out
}

// simple parses one simple statement.
func (p *pyParser) simple() Stmt {
	t := p.tok()
	if t.Kind == KIdent {
		switch t.Text {
		case "return", "raise":
			p.next()
			j := &Jump{Kind: t.Text}
			if !p.endsList() {
				j.X = p.exprList()
			}
			if t.Text == "raise" && p.accept("from") {
				p.test()
			}
			j.Span = p.spanFrom(t)
			return j
		case "pass", "break", "continue":
			p.next()
			if t.Text == "pass" {
				return nil
			}
			return &Jump{Kind: t.Text, Span: p.spanFrom(t)}
		case "global", "nonlocal", "del":
			for t := p.tok(); t.Kind != KEOF && t.Kind != KNewline && t.Kind != KDedent && !isText(t, ";"); t = p.tok() {
				p.next()
			}
			return nil
		case "assert":
			p.next()
			x := p.test()
			if p.accept(",") {
				p.test()
			}
			return &ExprStmt{Span: p.spanFrom(t), X: x}
		case "import":
			return p.importStmt()
		case "from":
			return p.fromImport()
		}
	}
	return p.exprStatement()
}

// exprStatement parses an expression, assignment chain, augmented or annotated assignment.
func (p *pyParser) exprStatement() Stmt {
	start := p.tok()
	x := p.exprList()
	switch t := p.tok(); {
	case isText(t, ":"): // annotated: x: T = v
		p.next()
		p.test()
		if p.accept("=") {
			v := p.exprList()
			return &ExprStmt{Span: p.spanFrom(start), X: &Assign{Span: p.spanFrom(start), Op: "=", L: x, R: v}}
		}
		return nil
	case t.Kind == KPunct && t.Text == "=":
		targets := []Expr{x}
		var value Expr
		for p.accept("=") {
			value = p.exprList()
			targets = append(targets, value)
		}
		targets = targets[:len(targets)-1]
		for i := len(targets) - 1; i >= 0; i-- {
			value = &Assign{Span: p.spanFrom(start), Op: "=", L: targets[i], R: value}
		}
		return &ExprStmt{Span: p.spanFrom(start), X: value}
	case t.Kind == KPunct && pyAssignOps[t.Text]:
		p.next()
		v := p.exprList()
		return &ExprStmt{Span: p.spanFrom(start), X: &Assign{Span: p.spanFrom(start), Op: t.Text, L: x, R: v}}
	}
	return &ExprStmt{Span: p.spanFrom(start), X: x}
}

// dottedName parses a.b.c (with leading dots for relative imports).
func (p *pyParser) dottedName() string {
	name := ""
	for p.is(".") || p.is("...") {
		name += p.next().Text
	}
	for p.tok().Kind == KIdent && !p.is("import") {
		name += p.next().Text
		if !p.is(".") {
			break
		}
		name += p.next().Text
	}
	return name
}

// importStmt parses import a.b as c, d; several modules become a "decl" Block of Imports.
func (p *pyParser) importStmt() Stmt {
	start := p.next()
	var out []Stmt
	for !p.atEOF() {
		mod := p.dottedName()
		if mod == "" {
			break
		}
		name := ImportName{}
		if p.accept("as") {
			name.Alias = p.next().Text
		}
		out = append(out, &Import{Span: p.spanFrom(start), Module: mod, Names: []ImportName{name}})
		if !p.accept(",") {
			break
		}
	}
	if len(out) == 1 {
		return out[0]
	}
	return &Block{Kind: "decl", Body: out, Span: p.spanFrom(start)}
}

// fromImport parses from m import a as b, (c, d), *.
func (p *pyParser) fromImport() Stmt {
	start := p.next()
	im := &Import{Module: p.dottedName()}
	p.expect("import")
	paren := p.accept("(")
	for !p.atEOF() {
		t := p.tok()
		if t.Kind != KIdent && !isText(t, "*") {
			break
		}
		p.next()
		n := ImportName{Name: t.Text, Alias: t.Text}
		if p.accept("as") {
			n.Alias = p.next().Text
		}
		im.Names = append(im.Names, n)
		if !p.accept(",") {
			break
		}
	}
	if paren {
		p.accept(")")
	}
	im.Span = p.spanFrom(start)
	return im
}
