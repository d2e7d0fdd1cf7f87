package syntax

import (
	"bytes"
	"strings"
)

// pyOps are Python's operators and delimiters, longest first.
var pyOps = []string{
	"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=",
	"*=", "/=", "%=", "&=", "|=", "^=", "@=",
	"(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "=", "+", "-", "*", "/", "%", "&", "|", "^", "~", "<",
	">", "!",
}

var pyOpsTable = newPunctTable(pyOps)

type pyLexer struct {
	src    []byte
	lines  lineIndex
	errs   []Error
	toks   []Token
	indent []int
}

// LexPython splits Python source into tokens, with Newline at the end of each logical line and Indent and
// Dedent around indented blocks. f-strings become Interp tokens whose parts hold each {…}'s tokens.
func LexPython(src []byte) ([]Token, []Error) {
	l := &pyLexer{src: src, lines: newLineIndex(src), indent: []int{0}, toks: make([]Token, 0, len(src)/4+8)}
	l.lexLines()
	return l.toks, l.errs
}

// lexLines lexes the whole file as logical lines.
func (l *pyLexer) lexLines() {
	src := l.src
	i, depth, lineStart := 0, 0, true
	for i < len(src) {
		if len(l.toks) > maxTokens {
			l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "too many tokens; the rest of the file is skipped"})
			return
		}
		if lineStart && depth == 0 {
			var blank bool
			i, blank = l.lineIndent(i)
			if blank {
				continue
			}
			lineStart = false
		}
		c := src[i]
		switch {
		case c == '\n':
			if depth > 0 && startsDefinition(src[i+1:]) {
				l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "unclosed bracket"})
				depth = 0 // a definition at column 0 cannot be inside brackets: read on from it
			}
			if depth == 0 {
				l.newline(i)
				lineStart = true
			}
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
			continue
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '\\' && i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r'):
			i += 2
			if i < len(src) && src[i-1] == '\r' && src[i] == '\n' {
				i++
			}
			continue
		}
		tok, next := l.one(i)
		if tok.Kind == KPunct {
			switch tok.Text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth > 0 {
					depth--
				}
			}
		}
		l.toks = append(l.toks, tok)
		i = next
	}
	l.newline(len(src))
	for len(l.indent) > 1 {
		l.indent = l.indent[:len(l.indent)-1]
		l.toks = append(l.toks, Token{Kind: KDedent, Off: len(src), End: len(src), Line: l.lines.at(len(src))})
	}
}

// newline ends a logical line unless it is empty.
func (l *pyLexer) newline(off int) {
	if n := len(l.toks); n > 0 && l.toks[n-1].Kind != KNewline && l.toks[n-1].Kind != KIndent && l.toks[n-1].Kind != KDedent {
		l.toks = append(l.toks, Token{Kind: KNewline, Off: off, End: off, Line: l.lines.at(off)})
	}
}

// lineIndent measures the indentation of the line at i and emits Indent or Dedent tokens. blank reports a
// line holding only whitespace or a comment, which does not count.
func (l *pyLexer) lineIndent(i int) (int, bool) {
	src := l.src
	col := 0
	for i < len(src) {
		switch src[i] {
		case ' ':
			col++
		case '\t':
			col = (col/8 + 1) * 8
		case '\f', '\r':
		default:
			goto measured
		}
		i++
	}
measured:
	if i >= len(src) || src[i] == '\n' || src[i] == '#' {
		for i < len(src) && src[i] != '\n' {
			i++
		}
		if i < len(src) {
			i++
		}
		return i, true
	}
	top := l.indent[len(l.indent)-1]
	switch {
	case col > top:
		l.indent = append(l.indent, col)
		l.toks = append(l.toks, Token{Kind: KIndent, Off: i, End: i, Line: l.lines.at(i)})
	case col < top:
		for len(l.indent) > 1 && col < l.indent[len(l.indent)-1] {
			l.indent = l.indent[:len(l.indent)-1]
			l.toks = append(l.toks, Token{Kind: KDedent, Off: i, End: i, Line: l.lines.at(i)})
		}
		if col != l.indent[len(l.indent)-1] {
			l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "unindent does not match any outer indentation level"})
			l.indent = append(l.indent, col)
		}
	}
	return i, false
}

// one lexes the token at i.
func (l *pyLexer) one(i int) (Token, int) {
	src := l.src
	c := src[i]
	line := l.lines.at(i)
	switch {
	case isIdentStart(c) && c != '$':
		j := i + 1
		for j < len(src) && isIdentPart(src[j]) && src[j] != '$' {
			j++
		}
		if j < len(src) && (src[j] == '\'' || src[j] == '"') && isStringPrefix(string(src[i:j])) {
			return l.str(i, j)
		}
		return Token{Kind: KIdent, Text: string(src[i:j]), Off: i, End: j, Line: line}, j
	case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
		j := scanNumber(src, i)
		return Token{Kind: KNumber, Text: string(src[i:j]), Off: i, End: j, Line: line}, j
	case c == '\'' || c == '"':
		return l.str(i, i)
	}
	op := matchPunct(src, i, pyOpsTable)
	if op == "" {
		op = string(src[i : i+1])
	}
	return Token{Kind: KPunct, Text: op, Off: i, End: i + len(op), Line: line}, i + len(op)
}

func isStringPrefix(p string) bool {
	switch strings.ToLower(p) {
	case "r", "u", "b", "f", "br", "rb", "fr", "rf", "t", "tr", "rt":
		return true
	}
	return false
}

// str lexes a string whose prefix starts at i and whose quote is at q.
func (l *pyLexer) str(i, q int) (Token, int) {
	src := l.src
	prefix := strings.ToLower(string(src[i:q]))
	quote := src[q : q+1]
	if q+2 < len(src) && src[q+1] == src[q] && src[q+2] == src[q] {
		quote = src[q : q+3]
	}
	raw := strings.Contains(prefix, "r")
	body := q + len(quote)
	end := l.stringEnd(body, quote, raw, strings.ContainsAny(prefix, "ft"))
	tok := Token{Kind: KString, Off: i, Line: l.lines.at(i), Prefix: prefix}
	closeAt := end
	next := end + len(quote)
	if end >= len(src) {
		l.errs = append(l.errs, Error{Line: tok.Line, Message: "unterminated string"})
		closeAt, next = len(src), len(src)
	}
	tok.End = next
	if strings.ContainsAny(prefix, "ft") {
		tok.Kind = KInterp
		tok.Parts = l.fparts(body, closeAt, raw)
		return finishInterp(tok), next
	}
	text := string(src[body:closeAt])
	if !raw {
		text = unescape(text)
	}
	tok.Text = text
	return tok, next
}

// stringEnd returns the offset of the closing quote of a string whose body starts at i (len(src) if none). A
// single-quoted string also ends, unterminated, at a line break.
func (l *pyLexer) stringEnd(i int, quote []byte, raw, fstring bool) int {
	src := l.src
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src):
			i += 2
			continue
		case c == '\n' && len(quote) == 1:
			l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "unterminated string"})
			return i
		case fstring && c == '{' && i+1 < len(src) && src[i+1] == '{':
			i += 2
			continue
		case fstring && c == '{':
			i = l.fieldEnd(i+1, len(src))
			continue
		case bytes.HasPrefix(src[i:], quote):
			return i
		}
		i++
	}
	return len(src)
}

// fieldEnd returns the offset after the "}" closing an f-string replacement field whose expression starts at
// i, skipping nested brackets and strings.
func (l *pyLexer) fieldEnd(i, limit int) int {
	src := l.src
	depth := 0
	for i < limit {
		c := src[i]
		switch {
		case c == '\'' || c == '"':
			q := c
			i++
			for i < limit && src[i] != q && src[i] != '\n' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == '}':
			if depth == 0 {
				return i + 1
			}
			depth--
		}
		i++
	}
	return limit
}

// fparts splits an f-string body src[i:end] into literal parts and the tokens of each replacement field.
func (l *pyLexer) fparts(i, end int, raw bool) []Part {
	src := l.src
	var parts []Part
	var lit []byte
	litStart := i
	flush := func(at int) {
		if len(lit) > 0 {
			s := string(lit)
			if !raw {
				s = unescape(s)
			}
			parts = append(parts, Part{Lit: s, Off: litStart, Line: l.lines.at(litStart)})
		}
		lit, litStart = nil, at
	}
	for i < end {
		c := src[i]
		switch {
		case (c == '{' || c == '}') && i+1 < end && src[i+1] == c:
			lit = append(lit, c)
			i += 2
		case c == '{':
			flush(i)
			fe := l.fieldEnd(i+1, end)
			exprEnd := fieldExprEnd(src, i+1, fe-1)
			sub := &pyLexer{src: src, lines: l.lines, indent: []int{0}}
			toks := sub.exprTokens(i+1, exprEnd)
			parts = append(parts, Part{Expr: toks, Off: i + 1, Line: l.lines.at(i + 1)})
			i = fe
			litStart = i
		default:
			lit = append(lit, c)
			i++
		}
	}
	flush(end)
	return parts
}

// fieldExprEnd returns where the expression of a replacement field src[i:end] ends: before a top-level "!r"
// conversion, "=" debug marker or ":" format spec.
func fieldExprEnd(src []byte, i, end int) int {
	depth := 0
	for j := i; j < end; j++ {
		switch c := src[j]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '\'', '"':
			for j++; j < end && src[j] != c; j++ {
			}
		case '!':
			if depth == 0 && j+1 < end && src[j+1] != '=' {
				return j
			}
		case ':':
			if depth == 0 {
				return j
			}
		}
	}
	return end
}

// exprTokens lexes src[i:end] as one expression (no lines or indentation).
func (l *pyLexer) exprTokens(i, end int) []Token {
	toks := []Token{}
	for i < end {
		c := l.src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		tok, next := l.one(i)
		if next > end {
			next = end
			tok.End = end
		}
		toks = append(toks, tok)
		i = next
	}
	return toks
}

// startsDefinition reports whether a line starts, at column 0, a statement that cannot continue an
// expression: def, class, a decorator, an import.
func startsDefinition(line []byte) bool {
	for _, kw := range []string{"def ", "class ", "async def ", "@", "import ", "from "} {
		if bytes.HasPrefix(line, []byte(kw)) {
			return true
		}
	}
	return false
}
