package syntax

// TypeScript types are skipped, not read: the detector follows values, and a type says nothing about where
// a value came from. The grammar below is loose on purpose — it only has to find where a type ends.

// skipType consumes a type: unions, intersections, arrays, conditional types and type predicates.
func (p *jsParser) skipType() {
	if !p.enter() {
		p.leave()
		p.next()
		return
	}
	defer p.leave()
	p.accept("|")
	p.accept("&")
	p.typeOperand()
	for !p.atEOF() {
		switch t := p.tok(); {
		case isText(t, "|") || isText(t, "&"):
			p.next()
			p.typeOperand()
		case isText(t, "[") && !t.NL:
			p.skipBalanced()
		case isText(t, "extends"):
			p.next()
			p.typeOperand()
			if p.accept("?") {
				p.skipType()
				p.expect(":")
				p.skipType()
			}
		case t.Kind == KIdent && t.Text == "is" && !t.NL:
			p.next()
			p.typeOperand()
		default:
			return
		}
	}
}

// typeOperand consumes one operand of a type.
func (p *jsParser) typeOperand() {
	for {
		t := p.tok()
		if t.Kind != KIdent || !(t.Text == "keyof" || t.Text == "typeof" || t.Text == "readonly" || t.Text == "unique" ||
			t.Text == "infer" || t.Text == "asserts" || t.Text == "new" || t.Text == "abstract") {
			break
		}
		if n := p.peek(1); n.Kind == KPunct && (n.Text == "," || n.Text == ")" || n.Text == ">" || n.Text == "=" || n.Text == ";") {
			break
		}
		p.next()
	}
	switch t := p.tok(); {
	case isText(t, "("):
		p.skipBalanced()
		if p.accept("=>") {
			p.skipType()
		}
	case isText(t, "{") || isText(t, "["):
		p.skipBalanced()
	case isText(t, "<"):
		p.skipTypeParams()
		p.typeOperand()
	case t.Kind == KString || t.Kind == KNumber || t.Kind == KInterp:
		p.next()
	case isText(t, "-"):
		p.next()
		p.next()
	case t.Kind == KIdent:
		p.next()
		for p.is(".") {
			p.next()
			p.next()
		}
		if p.is("<") && !p.tok().NL {
			p.skipTypeParams()
		}
	}
}

// skipTypeParams consumes <…> type parameters or arguments, counting ">>" as two closers.
func (p *jsParser) skipTypeParams() {
	depth := 0
	for !p.atEOF() {
		t := p.tok()
		if t.Kind != KPunct {
			p.next()
			continue
		}
		switch t.Text {
		case "<":
			depth++
		case ">":
			depth--
		case ">>":
			depth -= 2
		case ">>>":
			depth -= 3
		case "(", "[", "{":
			p.skipBalanced()
			continue
		case ";", ")", "]", "}":
			return
		}
		p.next()
		if depth <= 0 {
			return
		}
	}
}
