package syntax

import "strings"

// atom parses a name, literal, string (adjacent strings concatenated), group, list, dict or set.
func (p *pyParser) atom() Expr {
	t := p.tok()
	switch t.Kind {
	case KIdent:
		p.next()
		switch t.Text {
		case "None", "True", "False":
			return &Lit{Span: p.spanFrom(t), Kind: LitOther, Value: t.Text}
		case "yield":
			if p.accept("from") || !p.endsList() {
				return &Unary{Span: p.spanFrom(t), Op: "yield", X: p.exprList()}
			}
		}
		return &Ident{Span: p.spanFrom(t), Name: t.Text}
	case KNumber:
		p.next()
		return &Lit{Span: p.spanFrom(t), Kind: LitNumber, Value: t.Text}
	case KString, KInterp:
		return p.strings()
	case KPunct:
		switch t.Text {
		case "(":
			return p.group()
		case "[":
			return p.list()
		case "{":
			return p.dict()
		case "...":
			p.next()
			return &Lit{Span: p.spanFrom(t), Kind: LitOther, Value: "..."}
		}
	}
	p.errorf("unexpected %q", t.Text)
	return p.bad()
}

// strings parses one or more adjacent string literals into a Lit, or an Interp when any is an f-string.
func (p *pyParser) strings() Expr {
	start := p.tok()
	var parts []InterpPart
	interp := false
	for t := p.tok(); t.Kind == KString || t.Kind == KInterp; t = p.tok() {
		p.next()
		if t.Kind == KString {
			parts = append(parts, InterpPart{Lit: t.Text})
			continue
		}
		interp = true
		for _, part := range t.Parts {
			if part.Expr == nil {
				parts = append(parts, InterpPart{Lit: part.Lit})
				continue
			}
			sub := &pyParser{parser: newParser(part.Expr, nil, part.Off)}
			sub.src, sub.depth = p.src, p.depth
			var x Expr = &Bad{Span: Span{Off: part.Off, End: part.Off, Line: part.Line}}
			if len(part.Expr) > 0 {
				x = sub.exprList()
			}
			p.errs = append(p.errs, sub.errs...)
			parts = append(parts, InterpPart{X: x})
		}
	}
	span := p.spanFrom(start)
	if !interp {
		var v strings.Builder
		for _, part := range parts {
			v.WriteString(part.Lit)
		}
		return &Lit{Span: span, Kind: LitString, Value: v.String()}
	}
	return &Interp{Span: span, Parts: parts}
}

// group parses (), (x), (x, y) and (x for x in y).
func (p *pyParser) group() Expr {
	start := p.next()
	if p.accept(")") {
		return &Array{Span: p.spanFrom(start)}
	}
	first := p.starTest()
	if p.is("for") || p.is("async") {
		c := p.comprehension(first, start)
		p.expect(")")
		return c
	}
	if !p.is(",") {
		p.expect(")")
		return first
	}
	arr := &Array{Elems: []Expr{first}}
	for p.accept(",") {
		if p.is(")") {
			break
		}
		arr.Elems = append(arr.Elems, p.starTest())
	}
	p.expect(")")
	arr.Span = p.spanFrom(start)
	return arr
}

// list parses [a, b] and [x for x in y].
func (p *pyParser) list() Expr {
	start := p.next()
	arr := &Array{}
	if p.accept("]") {
		arr.Span = p.spanFrom(start)
		return arr
	}
	first := p.starTest()
	if p.is("for") || p.is("async") {
		c := p.comprehension(first, start)
		p.expect("]")
		return c
	}
	arr.Elems = append(arr.Elems, first)
	for p.accept(",") {
		if p.is("]") {
			break
		}
		arr.Elems = append(arr.Elems, p.starTest())
	}
	p.expect("]")
	arr.Span = p.spanFrom(start)
	return arr
}

// dict parses {k: v, **d}, {a, b} (a set, read as an Array) and comprehensions of both.
func (p *pyParser) dict() Expr {
	start := p.next()
	obj := &Object{}
	if p.accept("}") {
		obj.Span = p.spanFrom(start)
		return obj
	}
	var set *Array
	for !p.atEOF() && !p.is("}") && p.tok().Kind != KNewline {
		before := p.pos
		if p.accept("**") {
			obj.Props = append(obj.Props, Prop{Spread: true, Value: p.binary(0)})
		} else {
			k := p.starTest()
			if p.accept(":") {
				v := p.test()
				if p.is("for") || p.is("async") {
					c := p.comprehension(v, start)
					p.skipTo("}")
					p.expect("}")
					return c
				}
				key, _ := litString(k)
				obj.Props = append(obj.Props, Prop{Key: key, KeyX: k, Value: v})
			} else {
				if p.is("for") || p.is("async") {
					c := p.comprehension(k, start)
					p.expect("}")
					return c
				}
				if set == nil {
					set = &Array{}
				}
				set.Elems = append(set.Elems, k)
			}
		}
		if !p.accept(",") && !p.is("}") {
			p.errorf("unexpected %q in dict", p.tok().Text)
			if p.pos == before {
				p.next()
			}
			p.skipTo("}")
		}
	}
	p.expect("}")
	if set != nil {
		set.Span = p.spanFrom(start)
		return set
	}
	obj.Span = p.spanFrom(start)
	return obj
}
