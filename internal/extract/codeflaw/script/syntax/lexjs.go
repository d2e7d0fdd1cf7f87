package syntax

import (
	"bytes"
	"strings"
)

// jsOps are JavaScript's punctuators, longest first.
var jsOps = []string{
	">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
	"=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
	"^=", "**", "<<", ">>",
	"{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~", "?",
	":", "=", ".", "@", "#",
}

var jsOpsTable = newPunctTable(jsOps)

// regexAfter lists the keywords after which a "/" starts a regular expression, not a division.
var regexAfter = map[string]bool{
	"return": true, "typeof": true, "case": true, "do": true, "else": true, "in": true, "of": true, "new": true,
	"delete": true, "void": true, "throw": true, "instanceof": true, "yield": true, "await": true,
}

type jsLexer struct {
	src   []byte
	lines lineIndex
	errs  []Error
	count int
}

// LexJS splits JavaScript or TypeScript source into tokens. Comments are dropped; template literals become
// Interp tokens whose parts hold the tokens of each ${…}.
func LexJS(src []byte) ([]Token, []Error) {
	l := &jsLexer{src: src, lines: newLineIndex(src)}
	i := 0
	if len(src) > 1 && src[0] == '#' && src[1] == '!' { // shebang
		for i < len(src) && src[i] != '\n' {
			i++
		}
	}
	toks, _ := l.run(i, false)
	return toks, l.errs
}

// run lexes from i. With inBraces it stops at the "}" that closes an interpolation and returns the offset after
// it; otherwise it lexes to the end.
func (l *jsLexer) run(i int, inBraces bool) ([]Token, int) {
	var toks []Token
	if !inBraces {
		toks = make([]Token, 0, len(l.src)/3+8)
	}
	depth, nl := 0, false
	// parens records, for each open "(", whether it opens the head of if/while/for/with: after the ")" that
	// closes such a head a "/" starts a regular expression (if (x) /re/.test(y)).
	var parens []bool
	controlClose := false
	src := l.src
	for i < len(src) {
		if l.count > maxTokens {
			l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "too many tokens; the rest of the file is skipped"})
			return toks, len(src)
		}
		c := src[i]
		switch {
		case c == '\n':
			nl = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "unterminated comment"})
				return toks, len(src)
			}
			end += i + 2
			if bytes.IndexByte(src[i:end], '\n') >= 0 {
				nl = true
			}
			i = end + 2
			continue
		case inBraces && c == '}' && depth == 0:
			return toks, i + 1
		}
		tok, next := l.one(i, toks, controlClose)
		controlClose = false
		if tok.Kind == KPunct {
			switch tok.Text {
			case "{":
				depth++
			case "}":
				depth--
			case "(":
				n := len(toks)
				parens = append(parens, n > 0 && toks[n-1].Kind == KIdent && controlWords[toks[n-1].Text])
			case ")":
				if k := len(parens); k > 0 {
					controlClose = parens[k-1]
					parens = parens[:k-1]
				}
			}
		}
		tok.NL = nl
		nl = false
		toks = append(toks, tok)
		l.count++
		i = next
	}
	if inBraces {
		l.errs = append(l.errs, Error{Line: l.lines.at(len(src)), Message: "unterminated template interpolation"})
	}
	return toks, i
}

// controlWords are the keywords whose parenthesised head may be followed by a statement starting with a
// regular expression.
var controlWords = map[string]bool{"if": true, "while": true, "for": true, "with": true}

// one lexes the token at i; prev is what came before, to tell a regular expression from a division, and
// afterControl says the last token closed the head of an if, while, for or with.
func (l *jsLexer) one(i int, prev []Token, afterControl bool) (Token, int) {
	src := l.src
	c := src[i]
	line := l.lines.at(i)
	switch {
	case isIdentStart(c) || c == '\\':
		j := i + 1
		for j < len(src) && (isIdentPart(src[j]) || src[j] == '\\') {
			j++
		}
		return Token{Kind: KIdent, Text: string(src[i:j]), Off: i, End: j, Line: line}, j
	case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
		j := scanNumber(src, i)
		return Token{Kind: KNumber, Text: string(src[i:j]), Off: i, End: j, Line: line}, j
	case c == '"' || c == '\'':
		return l.quoted(i, c)
	case c == '`':
		return l.template(i)
	case c == '/' && (afterControl || regexAllowed(prev)):
		if t, j, ok := l.regex(i); ok {
			return t, j
		}
	}
	op := matchPunct(src, i, jsOpsTable)
	if op == "?." && i+2 < len(src) && isDigit(src[i+2]) {
		op = "?"
	}
	if op == "" {
		op = string(src[i : i+1])
	}
	return Token{Kind: KPunct, Text: op, Off: i, End: i + len(op), Line: line}, i + len(op)
}

// regexAllowed reports whether a "/" after prev begins a regular expression.
func regexAllowed(prev []Token) bool {
	if len(prev) == 0 {
		return true
	}
	p := prev[len(prev)-1]
	switch p.Kind {
	case KNumber, KString, KInterp, KRegex:
		return false
	case KIdent:
		return regexAfter[p.Text]
	case KPunct:
		return p.Text != ")" && p.Text != "]" && p.Text != "}" && p.Text != "++" && p.Text != "--"
	}
	return true
}

// quoted lexes a '…' or "…" string; an unescaped line break ends it (and is an error).
func (l *jsLexer) quoted(i int, q byte) (Token, int) {
	src := l.src
	j := i + 1
	for j < len(src) && src[j] != q {
		if src[j] == '\\' && j+1 < len(src) {
			j += 2
			continue
		}
		if src[j] == '\n' {
			l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "unterminated string"})
			return Token{Kind: KString, Text: unescape(string(src[i+1 : j])), Off: i, End: j, Line: l.lines.at(i)}, j
		}
		j++
	}
	end := j
	if j < len(src) {
		j++
	}
	return Token{Kind: KString, Text: unescape(string(src[i+1 : end])), Off: i, End: j, Line: l.lines.at(i)}, j
}

// template lexes a template literal, lexing each ${…} recursively.
func (l *jsLexer) template(i int) (Token, int) {
	src := l.src
	tok := Token{Kind: KInterp, Off: i, Line: l.lines.at(i)}
	j, start := i+1, i+1
	for j < len(src) {
		switch {
		case src[j] == '\\' && j+1 < len(src):
			j += 2
			continue
		case src[j] == '`':
			tok.Parts = appendLit(tok.Parts, string(src[start:j]), start, l.lines.at(start))
			tok.End = j + 1
			return finishInterp(tok), j + 1
		case src[j] == '$' && j+1 < len(src) && src[j+1] == '{':
			tok.Parts = appendLit(tok.Parts, string(src[start:j]), start, l.lines.at(start))
			inner, next := l.run(j+2, true)
			if inner == nil {
				inner = []Token{}
			}
			tok.Parts = append(tok.Parts, Part{Expr: inner, Off: j + 2, Line: l.lines.at(j + 2)})
			j, start = next, next
			continue
		}
		j++
	}
	l.errs = append(l.errs, Error{Line: tok.Line, Message: "unterminated template literal"})
	tok.Parts = appendLit(tok.Parts, string(src[start:]), start, l.lines.at(start))
	tok.End = len(src)
	return finishInterp(tok), len(src)
}

// appendLit adds a literal part unless it is empty.
func appendLit(parts []Part, s string, off, line int) []Part {
	if s == "" {
		return parts
	}
	return append(parts, Part{Lit: unescape(s), Off: off, Line: line})
}

// finishInterp turns an interpolated string without expressions into a plain String.
func finishInterp(t Token) Token {
	for _, p := range t.Parts {
		if p.Expr != nil {
			return t
		}
	}
	t.Kind = KString
	var b strings.Builder
	for _, p := range t.Parts {
		b.WriteString(p.Lit)
	}
	t.Text = b.String()
	t.Parts = nil
	return t
}

// regex lexes a regular expression literal /…/flags; ok is false when there is no closing "/" on the line.
func (l *jsLexer) regex(i int) (Token, int, bool) {
	src := l.src
	j, class := i+1, false
	for j < len(src) {
		switch c := src[j]; {
		case c == '\n':
			return Token{}, 0, false
		case c == '\\' && j+1 < len(src):
			j++
		case c == '[':
			class = true
		case c == ']':
			class = false
		case c == '/' && !class:
			j++
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			return Token{Kind: KRegex, Text: string(src[i:j]), Off: i, End: j, Line: l.lines.at(i)}, j, true
		}
		j++
	}
	return Token{}, 0, false
}
