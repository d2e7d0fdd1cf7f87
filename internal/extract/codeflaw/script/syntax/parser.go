package syntax

import "fmt"

// maxDepth bounds the nesting the parser follows; deeper input is skipped with an error.
const maxDepth = 200

// maxChain bounds the operands of one chain (a.b.c…, a + b + c…), which the parser builds in a loop: the
// tree's depth must stay within what its readers may recurse through.
const maxChain = 1000

// maxErrors bounds the errors kept for one file.
const maxErrors = 50

// parser holds what the three language parsers share: the tokens, the position, errors and the depth guard.
type parser struct {
	toks  []Token
	pos   int
	errs  []Error
	depth int
	eof   Token
	src   []byte
	ts    bool    // TypeScript: skip type annotations
	match []int32 // the index of the token closing each bracket, -1 for others
}

func newParser(toks []Token, errs []Error, srcLen int) *parser {
	p := &parser{toks: toks, errs: errs, match: matchBrackets(toks)}
	line := 1
	if len(toks) > 0 {
		line = toks[len(toks)-1].Line
	}
	p.eof = Token{Kind: KEOF, Off: srcLen, End: srcLen, Line: line}
	return p
}

// tok returns the current token (EOF past the end).
func (p *parser) tok() Token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return p.eof
}

// peek returns the token n after the current one.
func (p *parser) peek(n int) Token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.eof
}

// at returns the token at index i (EOF past the end).
func (p *parser) at(i int) Token {
	if i >= 0 && i < len(p.toks) {
		return p.toks[i]
	}
	return p.eof
}

// next consumes and returns the current token.
func (p *parser) next() Token {
	t := p.tok()
	if p.pos < len(p.toks) {
		p.pos++
	}
	return t
}

func (p *parser) atEOF() bool { return p.pos >= len(p.toks) }

// is reports whether the current token is the operator or name text.
func (p *parser) is(text string) bool { return isText(p.tok(), text) }

func isText(t Token, text string) bool {
	return (t.Kind == KPunct || t.Kind == KIdent) && t.Text == text
}

// accept consumes the current token if it is text.
func (p *parser) accept(text string) bool {
	if p.is(text) {
		p.pos++
		return true
	}
	return false
}

// expect consumes text or records an error.
func (p *parser) expect(text string) bool {
	if p.accept(text) {
		return true
	}
	p.errorf("expected %q, found %q", text, p.tok().Text)
	return false
}

func (p *parser) errorf(format string, args ...any) {
	if len(p.errs) < maxErrors {
		p.errs = append(p.errs, Error{Line: p.tok().Line, Message: fmt.Sprintf(format, args...)})
	}
}

// enter guards recursion; it returns false (and records an error) when the input nests too deep.
func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		p.errorf("nesting deeper than %d levels is not read", maxDepth)
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// chainTooLong reports, with an error, that a chain has reached maxChain operands.
func (p *parser) chainTooLong(n int) bool {
	if n < maxChain {
		return false
	}
	p.errorf("expression longer than %d operands is not read further", maxChain)
	return true
}

// spanFrom returns the span from start to the last consumed token.
func (p *parser) spanFrom(start Token) Span {
	end := start.End
	if p.pos > 0 && p.pos <= len(p.toks) {
		end = p.toks[p.pos-1].End
	}
	if end < start.Off {
		end = start.Off
	}
	return Span{Off: start.Off, End: end, Line: start.Line}
}

// bad returns a Bad node at the current token, consuming it so that the caller makes progress.
func (p *parser) bad() *Bad {
	t := p.next()
	return &Bad{Span: Span{Off: t.Off, End: t.End, Line: t.Line}}
}

// skipBalanced consumes a bracketed group starting at the current "(", "[" or "{" (or one token).
func (p *parser) skipBalanced() {
	if m := p.matchOf(p.pos); m > p.pos {
		p.pos = m + 1
		return
	}
	p.next()
}

// matchOf returns the index of the token closing the bracket at i, or -1.
func (p *parser) matchOf(i int) int {
	if i < 0 || i >= len(p.match) {
		return -1
	}
	return int(p.match[i])
}

// matchBrackets pairs every "(", "[" and "{" with its closing token; unmatched ones get -1.
func matchBrackets(toks []Token) []int32 {
	match := make([]int32, len(toks))
	var stack []int
	for i, t := range toks {
		match[i] = -1
		if t.Kind != KPunct {
			continue
		}
		switch t.Text {
		case "(", "[", "{":
			stack = append(stack, i)
		case ")", "]", "}":
			open := map[string]string{")": "(", "]": "[", "}": "{"}[t.Text]
			for k := len(stack) - 1; k >= 0; k-- {
				if toks[stack[k]].Text == open {
					match[stack[k]] = int32(i)
					stack = stack[:k]
					break
				}
			}
		}
	}
	return match
}

// litString returns the string a Lit or constant Interp holds, and whether e is one.
func litString(e Expr) (string, bool) {
	if l, ok := e.(*Lit); ok && l.Kind == LitString {
		return l.Value, true
	}
	return "", false
}

// DottedName returns the dotted name of an identifier or member chain ("app.get"), or "".
func DottedName(e Expr) string {
	switch x := e.(type) {
	case *Ident:
		return x.Name
	case *Member:
		if n := DottedName(x.X); n != "" {
			return n + "." + x.Name
		}
	}
	return ""
}
