package syntax

import "strings"

// function parses function [&]name(params): type { body } (a method when mods are given).
func (p *phpParser) function(mods []string) Stmt {
	start := p.next()
	p.accept("&")
	f := &Func{Name: p.next().Text}
	f.Params = p.params()
	p.returnType()
	if p.is("{") {
		f.Body = p.block()
	} else {
		p.accept(";") // abstract or interface method
	}
	f.Span = p.spanFrom(start)
	return &FuncDecl{Span: f.Span, Func: f, Modifiers: mods}
}

// classDecl parses a class, interface, trait or enum; nil if the keywords do not start one.
func (p *phpParser) classDecl() Stmt {
	start := p.tok()
	save := p.pos
	for p.kw("abstract") || p.kw("final") || p.kw("readonly") {
		p.next()
	}
	if !(p.kw("class") || p.kw("interface") || p.kw("trait") || p.kw("enum")) || p.peek(1).Kind != KIdent {
		p.pos = save
		return nil
	}
	p.next()
	c := &Class{Name: p.next().Text}
	for !p.atEOF() && !p.is("{") {
		if p.acceptKw("extends") {
			c.Extends = strings.TrimPrefix(p.next().Text, "\\")
			continue
		}
		p.next()
	}
	if !p.expect("{") {
		return c
	}
	for !p.atEOF() && !p.is("}") {
		before := p.pos
		if s := p.classMember(); s != nil {
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

// classMember parses a method, property, constant, trait use or enum case.
func (p *phpParser) classMember() Stmt {
	start := p.tok()
	var mods []string
	for t := p.tok(); t.Kind == KIdent && isMemberModifier(t.Text); t = p.tok() {
		mods = append(mods, strings.ToLower(t.Text))
		p.next()
	}
	switch {
	case p.kw("function"):
		return p.function(mods)
	case p.kw("use"), p.kw("case"), p.kw("const"):
		p.skipStatement()
		return nil
	}
	// a property: [Type] $name [= default], …;
	for !p.atEOF() && !strings.HasPrefix(p.tok().Text, "$") && !p.is(";") && !p.is("}") {
		p.next()
	}
	if !strings.HasPrefix(p.tok().Text, "$") {
		p.accept(";")
		return nil
	}
	x := p.expr()
	p.skipStatement()
	if a, ok := x.(*Assign); ok {
		if id, ok := a.L.(*Ident); ok {
			a.L = &Member{Span: id.Span, X: &Ident{Name: "$this"}, Name: strings.TrimPrefix(id.Name, "$")}
		}
		return &ExprStmt{Span: p.spanFrom(start), X: a}
	}
	return nil
}

func isMemberModifier(s string) bool {
	switch strings.ToLower(s) {
	case "public", "private", "protected", "static", "abstract", "final", "readonly", "var":
		return true
	}
	return false
}
