package syntax

import "strings"

// primary parses a variable, name, literal, string, group, array, closure or match.
func (p *phpParser) primary() Expr {
	t := p.tok()
	switch t.Kind {
	case KIdent:
		return p.word(t)
	case KNumber:
		p.next()
		return &Lit{Span: p.spanFrom(t), Kind: LitNumber, Value: t.Text}
	case KString:
		p.next()
		return &Lit{Span: p.spanFrom(t), Kind: LitString, Value: t.Text}
	case KInterp:
		p.next()
		return p.interp(t)
	case KPunct:
		switch t.Text {
		case "(":
			p.next()
			x := p.expr()
			p.expect(")")
			return x
		case "[":
			return p.array("]")
		case "$": // $$name, ${expr}
			p.next()
			if p.is("{") {
				p.next()
				x := p.expr()
				p.expect("}")
				return &Unary{Span: p.spanFrom(t), Op: "$", X: x}
			}
			return &Unary{Span: p.spanFrom(t), Op: "$", X: p.primary()}
		case "\\":
			p.next()
			return p.primary()
		}
	}
	p.errorf("unexpected %q", t.Text)
	return p.bad()
}

// word parses what starts with a name: a variable, literal, closure, array(), list(), match, or a name.
func (p *phpParser) word(t Token) Expr {
	lower := strings.ToLower(t.Text)
	switch lower {
	case "true", "false", "null":
		p.next()
		return &Lit{Span: p.spanFrom(t), Kind: LitOther, Value: lower}
	case "function", "fn":
		return p.closure(false)
	case "static":
		if n := p.peek(1); isText(n, "function") || isText(n, "fn") {
			p.next()
			return p.closure(true)
		}
	case "array", "list":
		if isText(p.peek(1), "(") {
			return p.array(")")
		}
	case "match":
		if isText(p.peek(1), "(") {
			return p.matchExpr()
		}
	case "exit", "die":
		p.next()
		c := &Call{Fn: &Ident{Span: Span{Off: t.Off, End: t.End, Line: t.Line}, Name: "exit"}}
		if p.is("(") {
			c.Args = p.args()
		}
		c.Span = p.spanFrom(t)
		return c
	}
	p.next()
	name := t.Text
	if !strings.HasPrefix(name, "$") {
		name = strings.TrimPrefix(name, "\\")
	}
	return &Ident{Span: p.spanFrom(t), Name: name}
}

// interp turns an interpolated string token into an Interp, parsing each expression part.
func (p *phpParser) interp(t Token) *Interp {
	it := &Interp{Span: Span{Off: t.Off, End: t.End, Line: t.Line}, Shell: t.Prefix == "`"}
	for _, part := range t.Parts {
		if part.Expr == nil {
			it.Parts = append(it.Parts, InterpPart{Lit: part.Lit})
			continue
		}
		sub := &phpParser{parser: newParser(part.Expr, nil, part.Off)}
		sub.src, sub.depth = p.src, p.depth
		var x Expr = &Bad{Span: Span{Off: part.Off, End: part.Off, Line: part.Line}}
		if len(part.Expr) > 0 {
			x = sub.expr()
		}
		p.errs = append(p.errs, sub.errs...)
		it.Parts = append(it.Parts, InterpPart{X: x})
	}
	return it
}

// array parses [...] or array(...) up to close: an Object when any entry has a key, else an Array.
func (p *phpParser) array(close string) Expr {
	start := p.next()
	if close == ")" {
		p.expect("(")
	}
	var props []Prop
	keyed := false
	for !p.atEOF() && !p.is(close) && !p.is(";") {
		before := p.pos
		if p.is(",") {
			p.next()
			continue
		}
		spread := p.accept("...")
		p.accept("&")
		v := p.assign()
		pr := Prop{Value: v, Spread: spread}
		if p.accept("=>") {
			keyed = true
			p.accept("&")
			pr.KeyX, pr.Value = v, p.assign()
			pr.Key = keyName(v)
		}
		props = append(props, pr)
		if !p.accept(",") && !p.is(close) {
			p.errorf("unexpected %q in array", p.tok().Text)
			if p.pos == before {
				p.next()
			}
			p.skipTo(close)
		}
	}
	p.expect(close)
	span := p.spanFrom(start)
	if keyed {
		return &Object{Span: span, Props: props}
	}
	arr := &Array{Span: span}
	for _, pr := range props {
		if pr.Spread {
			arr.Elems = append(arr.Elems, &Unary{Op: "...", X: pr.Value, Span: pr.Value.Pos()})
			continue
		}
		arr.Elems = append(arr.Elems, pr.Value)
	}
	return arr
}

// keyName is the name of an array key: a string or number literal, or a constant's name (CURLOPT_URL).
func keyName(k Expr) string {
	switch x := k.(type) {
	case *Lit:
		return x.Value
	case *Ident:
		if !strings.HasPrefix(x.Name, "$") {
			return x.Name
		}
	}
	return ""
}

// closure parses function (…) use (…) { … } and fn (…) => expr.
func (p *phpParser) closure(static bool) Expr {
	start := p.tok()
	arrow := p.kw("fn")
	p.next()
	p.accept("&")
	f := &Func{Arrow: arrow}
	f.Params = p.params()
	if p.acceptKw("use") {
		p.expect("(")
		for !p.atEOF() && !p.is(")") {
			p.accept("&")
			if t := p.next(); strings.HasPrefix(t.Text, "$") {
				f.Uses = append(f.Uses, t.Text)
			}
			p.accept(",")
		}
		p.expect(")")
	}
	p.returnType()
	if arrow {
		p.expect("=>")
		f.Expr = p.assign()
	} else if p.is("{") {
		f.Body = p.block()
	}
	f.Span = p.spanFrom(start)
	return f
}

// returnType skips ": Type" after parameters.
func (p *phpParser) returnType() {
	if !p.accept(":") {
		return
	}
	for !p.atEOF() && !p.is("{") && !p.is(";") && !p.is("=>") {
		if p.is("(") {
			p.skipBalanced()
			continue
		}
		p.next()
	}
}

// params parses a parameter list: [modifiers] [Type] [&] [...] $name [= default].
func (p *phpParser) params() []*Param {
	if !p.expect("(") {
		return nil
	}
	var out []*Param
	for !p.atEOF() && !p.is(")") {
		before := p.pos
		start := p.tok()
		for p.is("#") {
			p.next()
		}
		prm := &Param{}
		typeFrom, typeEnd := -1, -1
		for t := p.tok(); !p.atEOF() && !strings.HasPrefix(t.Text, "$") && !isText(t, "...") && !isText(t, ")") && !isText(t, ","); t = p.tok() {
			if t.Kind == KIdent && isParamModifier(t.Text) {
				p.next()
				continue
			}
			if isText(t, "&") && strings.HasPrefix(p.peek(1).Text, "$") || isText(t, "&") && isText(p.peek(1), "...") {
				p.next()
				continue
			}
			if typeFrom < 0 {
				typeFrom = t.Off
			}
			typeEnd = t.End
			p.next()
		}
		if typeFrom >= 0 {
			prm.Type = string(p.src[typeFrom:typeEnd])
		}
		prm.Rest = p.accept("...")
		if t := p.tok(); strings.HasPrefix(t.Text, "$") {
			prm.Name = t.Text
			p.next()
		}
		if p.accept("=") {
			prm.Default = p.assign()
		}
		prm.Span = p.spanFrom(start)
		out = append(out, prm)
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

func isParamModifier(s string) bool {
	switch strings.ToLower(s) {
	case "public", "private", "protected", "readonly":
		return true
	}
	return false
}

// matchExpr parses match (x) { a, b => v, default => w } into a Cond whose T is the Array of the arms'
// values (the arms' conditions are comparisons, which carry no value).
func (p *phpParser) matchExpr() Expr {
	start := p.next()
	p.expect("(")
	subject := p.expr()
	p.expect(")")
	arr := &Array{}
	if p.expect("{") {
		for !p.atEOF() && !p.is("}") {
			before := p.pos
			for !p.atEOF() && !p.is("=>") && !p.is("}") {
				if p.is("(") || p.is("[") {
					p.skipBalanced()
					continue
				}
				p.next()
			}
			if p.accept("=>") {
				arr.Elems = append(arr.Elems, p.assign())
			}
			p.accept(",")
			if p.pos == before {
				p.next()
			}
		}
		p.expect("}")
	}
	arr.Span = p.spanFrom(start)
	return &Cond{Span: arr.Span, C: subject, T: arr}
}
