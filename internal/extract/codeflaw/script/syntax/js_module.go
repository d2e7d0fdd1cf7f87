package syntax

import "strings"

// importDecl parses import x, { a as b }, * as ns from "m" (and import "m").
func (p *jsParser) importDecl() Stmt {
	start := p.next()
	im := &Import{}
	if p.is("type") && !isText(p.peek(1), "from") && !isText(p.peek(1), ",") {
		p.next()
	}
	for !p.atEOF() && p.tok().Kind != KString && !p.is(";") {
		before := p.pos
		switch t := p.tok(); {
		case isText(t, "*"):
			p.next()
			p.expect("as")
			im.Names = append(im.Names, ImportName{Name: "*", Alias: p.next().Text})
		case isText(t, "{"):
			im.Names = append(im.Names, p.importList()...)
		case isText(t, "from"), isText(t, ","):
			p.next()
		case t.Kind == KIdent:
			p.next()
			if p.is("=") { // TypeScript: import x = require("m")
				p.next()
				x := p.expr()
				if c, ok := x.(*Call); ok && len(c.Args) == 1 {
					im.Module, _ = litString(c.Args[0].X)
				}
				im.Names = append(im.Names, ImportName{Name: "default", Alias: t.Text})
				p.endStatement()
				im.Span = p.spanFrom(start)
				return im
			}
			im.Names = append(im.Names, ImportName{Name: "default", Alias: t.Text})
		default:
			p.next()
		}
		if p.pos == before {
			p.next()
		}
	}
	if t := p.tok(); t.Kind == KString {
		im.Module = t.Text
		p.next()
	}
	if p.is("with") || p.is("assert") {
		p.next()
		p.skipBalanced()
	}
	p.endStatement()
	im.Span = p.spanFrom(start)
	return im
}

// importList parses { a, b as c, type d }.
func (p *jsParser) importList() []ImportName {
	p.expect("{")
	var out []ImportName
	for !p.atEOF() && !p.is("}") {
		t := p.next()
		if t.Text == "type" && p.tok().Kind == KIdent && !p.is("as") {
			t = p.next()
		}
		if t.Text == "," {
			continue
		}
		n := ImportName{Name: t.Text, Alias: t.Text}
		if p.accept("as") {
			n.Alias = p.next().Text
		}
		out = append(out, n)
	}
	p.expect("}")
	return out
}

// exportDecl parses export default X, export declarations and export lists.
func (p *jsParser) exportDecl() Stmt {
	start := p.next()
	if p.accept("default") {
		if p.is("function") || (p.is("async") && isText(p.peek(1), "function")) {
			async := p.accept("async")
			f := p.function(async)
			return &FuncDecl{Span: p.spanFrom(start), Func: f, Export: "default"}
		}
		if p.is("class") {
			c := p.class()
			c.Export = "default"
			return c
		}
		x := p.assign()
		p.endStatement()
		return &Export{Span: p.spanFrom(start), Default: true, X: x}
	}
	if p.is("{") || p.is("*") || (p.is("type") && isText(p.peek(1), "{")) {
		p.accept("type")
		var names []ImportName
		if p.is("{") {
			names = p.importList()
		} else {
			p.next()
			if p.accept("as") {
				p.next()
			}
		}
		if p.accept("from") {
			p.next()
		}
		p.endStatement()
		return &Export{Span: p.spanFrom(start), Names: names}
	}
	s := p.statement()
	switch d := s.(type) {
	case *FuncDecl:
		d.Export = "export"
	case *Class:
		d.Export = "export"
	case *ExprStmt:
		return &Export{Span: p.spanFrom(start), X: d.X}
	case *Block:
		if d.Kind == "decl" {
			return &Block{Kind: "export", Body: d.Body, Span: d.Span}
		}
	}
	return s
}

// tsStatement skips TypeScript declarations that hold no values (type, interface, declare, enum) and reads
// namespaces as blocks.
func (p *jsParser) tsStatement(t Token) (Stmt, bool) {
	n := p.peek(1)
	switch t.Text {
	case "type":
		if n.Kind == KIdent && !n.NL {
			p.next()
			p.next()
			if p.is("<") {
				p.skipTypeParams()
			}
			p.expect("=")
			p.skipType()
			p.endStatement()
			return nil, true
		}
	case "interface":
		if n.Kind == KIdent {
			for !p.atEOF() && !p.is("{") {
				p.next()
			}
			p.skipBalanced()
			return nil, true
		}
	case "declare":
		if n.Kind == KIdent && !n.NL {
			p.next()
			if p.is("global") || p.is("module") || p.is("namespace") { // declare global { … }, declare module "m" { … }
				for !p.atEOF() && !p.is("{") && !p.is(";") {
					p.next()
				}
				p.skipBalanced()
				return nil, true
			}
			p.statement()
			return nil, true
		}
	case "enum", "const":
		if t.Text == "const" && !isText(n, "enum") {
			return nil, false
		}
		for !p.atEOF() && !p.is("{") {
			p.next()
		}
		p.skipBalanced()
		return nil, true
	case "namespace", "module", "abstract":
		if strings.HasPrefix(t.Text, "abstract") && isText(n, "class") {
			p.next()
			return p.class(), true
		}
		if n.Kind == KIdent || n.Kind == KString {
			for !p.atEOF() && !p.is("{") {
				p.next()
			}
			return &Block{Kind: "block", Body: p.block(), Span: p.spanFrom(t)}, true
		}
	}
	return nil, false
}
