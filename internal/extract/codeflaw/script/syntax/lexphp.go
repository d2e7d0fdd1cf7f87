package syntax

import (
	"bytes"
	"strings"
)

// phpOps are PHP's operators, longest first.
var phpOps = []string{
	"<<=", ">>=", "**=", "...", "===", "!==", "<=>", "??=", "?->",
	"->", "=>", "::", "==", "!=", "<>", "<=", ">=", "&&", "||", "??", "++", "--", "+=", "-=", "*=", "/=", ".=",
	"%=", "&=", "|=", "^=", "<<", ">>", "**",
	"{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~", "?", ":",
	"=", ".", "@", "$", "\\",
}

var phpOpsTable = newPunctTable(phpOps)

// singleQuoted decodes the two escapes of a single-quoted PHP string.
var singleQuoted = strings.NewReplacer(`\'`, `'`, `\\`, `\`)

// phpCasts are the type names of PHP's cast operators.
var phpCasts = map[string]string{
	"int": "int", "integer": "int", "bool": "bool", "boolean": "bool", "float": "float", "double": "float",
	"real": "float", "string": "string", "binary": "string", "array": "array", "object": "object", "unset": "unset",
}

type phpLexer struct {
	src   []byte
	lines lineIndex
	errs  []Error
	toks  []Token
}

// LexPHP splits PHP source into tokens. Text outside <?php … ?> becomes HTML tokens, "<?=" becomes "echo",
// casts become one Punct ("(int)"), and strings with variables become Interp tokens.
func LexPHP(src []byte) ([]Token, []Error) {
	l := &phpLexer{src: src, lines: newLineIndex(src), toks: make([]Token, 0, len(src)/4+8)}
	i := 0
	for i < len(src) {
		i = l.html(i)
		i = l.code(i)
	}
	return l.toks, l.errs
}

// html skips text up to the next opening tag and returns the offset after it.
func (l *phpLexer) html(i int) int {
	src := l.src
	j := bytes.Index(src[i:], []byte("<?"))
	if j < 0 {
		if i < len(src) {
			l.toks = append(l.toks, Token{Kind: KHTML, Off: i, End: len(src), Line: l.lines.at(i)})
		}
		return len(src)
	}
	j += i
	if j > i || len(l.toks) > 0 {
		l.toks = append(l.toks, Token{Kind: KHTML, Off: i, End: j, Line: l.lines.at(i)})
	}
	switch {
	case len(src)-j >= 5 && strings.EqualFold(string(src[j:j+5]), "<?php"):
		return j + 5
	case len(src)-j >= 3 && src[j+2] == '=':
		l.toks = append(l.toks, Token{Kind: KIdent, Text: "echo", Off: j, End: j + 3, Line: l.lines.at(j)})
		return j + 3
	}
	return j + 2
}

// code lexes PHP code from i to the closing "?>" and returns the offset after it.
func (l *phpLexer) code(i int) int {
	src := l.src
	for i < len(src) {
		if len(l.toks) > maxTokens {
			l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "too many tokens; the rest of the file is skipped"})
			return len(src)
		}
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '?' && i+1 < len(src) && src[i+1] == '>':
			return i + 2
		case c == '#' && i+1 < len(src) && src[i+1] == '[':
			i = skipBracket(src, i+1)
			continue
		case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
			for i < len(src) && src[i] != '\n' && !(src[i] == '?' && i+1 < len(src) && src[i+1] == '>') {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "unterminated comment"})
				return len(src)
			}
			i += end + 4
			continue
		}
		tok, next := l.one(i)
		l.toks = append(l.toks, tok)
		i = next
	}
	return i
}

// skipBracket returns the offset after the "]" matching the "[" at i.
func skipBracket(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '\n':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// one lexes the token at i.
func (l *phpLexer) one(i int) (Token, int) {
	src := l.src
	c := src[i]
	line := l.lines.at(i)
	switch {
	case c == '$' && i+1 < len(src) && isIdentStart(src[i+1]) && src[i+1] != '$':
		j := i + 2
		for j < len(src) && isIdentPart(src[j]) && src[j] != '$' {
			j++
		}
		return Token{Kind: KIdent, Text: string(src[i:j]), Off: i, End: j, Line: line}, j
	case (isIdentStart(c) && c != '$') || (c == '\\' && i+1 < len(src) && isIdentStart(src[i+1])):
		j := i + 1
		for j < len(src) && ((isIdentPart(src[j]) && src[j] != '$') || (src[j] == '\\' && j+1 < len(src) && isIdentStart(src[j+1]))) {
			j++
		}
		return Token{Kind: KIdent, Text: string(src[i:j]), Off: i, End: j, Line: line}, j
	case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
		j := scanNumber(src, i)
		return Token{Kind: KNumber, Text: string(src[i:j]), Off: i, End: j, Line: line}, j
	case c == '\'':
		j := i + 1
		for j < len(src) && src[j] != '\'' {
			if src[j] == '\\' {
				j++
			}
			j++
		}
		end := min(j, len(src))
		text := singleQuoted.Replace(string(src[i+1 : end]))
		return Token{Kind: KString, Text: text, Off: i, End: min(j+1, len(src)), Line: line}, min(j+1, len(src))
	case c == '"' || c == '`':
		return l.dquoted(i, c)
	case c == '<' && bytes.HasPrefix(src[i:], []byte("<<<")):
		if t, j, ok := l.heredoc(i); ok {
			return t, j
		}
	case c == '(':
		if t, j, ok := l.cast(i); ok {
			return t, j
		}
	}
	op := matchPunct(src, i, phpOpsTable)
	if op == "" {
		op = string(src[i : i+1])
	}
	return Token{Kind: KPunct, Text: op, Off: i, End: i + len(op), Line: line}, i + len(op)
}

// cast lexes "(int)" and the other casts.
func (l *phpLexer) cast(i int) (Token, int, bool) {
	src := l.src
	j := i + 1
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	k := j
	for k < len(src) && ((src[k] >= 'a' && src[k] <= 'z') || (src[k] >= 'A' && src[k] <= 'Z')) {
		k++
	}
	name, ok := phpCasts[strings.ToLower(string(src[j:k]))]
	if !ok {
		return Token{}, 0, false
	}
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	if k >= len(src) || src[k] != ')' {
		return Token{}, 0, false
	}
	return Token{Kind: KPunct, Text: "(" + name + ")", Off: i, End: k + 1, Line: l.lines.at(i)}, k + 1, true
}

// dquoted lexes a "…" string or a `…` command, both of which interpolate variables.
func (l *phpLexer) dquoted(i int, q byte) (Token, int) {
	src := l.src
	j := i + 1
	for j < len(src) && src[j] != q {
		if src[j] == '\\' {
			j++
		}
		j++
	}
	end := min(j, len(src))
	if j >= len(src) {
		l.errs = append(l.errs, Error{Line: l.lines.at(i), Message: "unterminated string"})
	}
	tok := Token{Kind: KInterp, Off: i, End: min(j+1, len(src)), Line: l.lines.at(i)}
	if q == '`' {
		tok.Prefix = "`"
	}
	tok.Parts = l.interpolate(i+1, end)
	tok = finishInterp(tok)
	if q == '`' && tok.Kind == KString {
		tok.Kind = KInterp
		tok.Parts = []Part{{Lit: tok.Text, Off: i + 1, Line: tok.Line}}
	}
	return tok, tok.End
}

// heredoc lexes <<<ID … ID, <<<"ID" … ID (interpolating) and <<<'ID' … ID (nowdoc).
func (l *phpLexer) heredoc(i int) (Token, int, bool) {
	src := l.src
	j := i + 3
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	quote := byte(0)
	if j < len(src) && (src[j] == '\'' || src[j] == '"') {
		quote = src[j]
		j++
	}
	k := j
	for k < len(src) && isIdentPart(src[k]) && src[k] != '$' {
		k++
	}
	if k == j {
		return Token{}, 0, false
	}
	id := string(src[j:k])
	if quote != 0 {
		k++
	}
	nl := bytes.IndexByte(src[k:], '\n')
	if nl < 0 {
		return Token{}, 0, false
	}
	body := k + nl + 1
	closeAt, after := heredocEnd(src, body, id)
	indent := string(src[closeAt:after])
	indent = indent[:len(indent)-len(strings.TrimLeft(indent, " \t\n"))]
	indent = strings.TrimLeft(indent, "\n")
	tok := Token{Kind: KInterp, Off: i, End: after, Line: l.lines.at(i)}
	if quote == '\'' {
		tok.Kind, tok.Text = KString, dedent(string(src[body:closeAt]), indent, true)
		return tok, after, true
	}
	tok.Parts = l.interpolate(body, closeAt)
	for n := range tok.Parts {
		if tok.Parts[n].Expr == nil {
			tok.Parts[n].Lit = dedent(tok.Parts[n].Lit, indent, n == 0)
		}
	}
	return finishInterp(tok), after, true
}

// dedent removes the closing marker's indentation from each line of a heredoc (PHP 7.3); first says the
// text starts a line.
func dedent(s, indent string, first bool) string {
	if indent == "" {
		return s
	}
	s = strings.ReplaceAll(s, "\n"+indent, "\n")
	if first {
		s = strings.TrimPrefix(s, indent)
	}
	return s
}

// heredocEnd finds the line holding only the closing identifier (indented or not) after body; it returns the
// end of the text and the offset after the identifier.
func heredocEnd(src []byte, body int, id string) (int, int) {
	for ls := body; ls < len(src); {
		j := ls
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		if bytes.HasPrefix(src[j:], []byte(id)) && (j+len(id) == len(src) || !isIdentPart(src[j+len(id)])) {
			end := ls
			if end > body {
				end-- // the line break before the identifier is not part of the text
			}
			return end, j + len(id)
		}
		nl := bytes.IndexByte(src[ls:], '\n')
		if nl < 0 {
			break
		}
		ls += nl + 1
	}
	return len(src), len(src)
}

// interpolate splits the body src[i:end] of a double-quoted string, heredoc or backtick command into literal
// parts and the tokens of each variable or {$…} expression.
func (l *phpLexer) interpolate(i, end int) []Part {
	src := l.src
	var parts []Part
	var lit []byte
	litStart := i
	flush := func() {
		if len(lit) > 0 {
			parts = append(parts, Part{Lit: string(lit), Off: litStart, Line: l.lines.at(litStart)})
		}
		lit = nil
	}
	for i < end {
		c := src[i]
		switch {
		case c == '\\' && i+1 < end:
			lit = append(lit, phpEscape(src[i+1])...)
			i += 2
		case c == '$' && i+1 < end && isIdentStart(src[i+1]) && src[i+1] != '$':
			flush()
			toks, next := l.simpleVar(i, end)
			parts = append(parts, Part{Expr: toks, Off: i, Line: l.lines.at(i)})
			i, litStart = next, next
		case (c == '{' && i+1 < end && src[i+1] == '$') || (c == '$' && i+1 < end && src[i+1] == '{'):
			flush()
			brace := i
			if c == '$' {
				brace = i + 1
			}
			close := matchBrace(src, brace, end)
			from := brace + 1
			toks := l.rangeTokens(from, close)
			if c == '$' && len(toks) == 1 && toks[0].Kind == KIdent {
				toks[0].Text = "$" + toks[0].Text
			}
			parts = append(parts, Part{Expr: toks, Off: from, Line: l.lines.at(from)})
			i = min(close+1, end)
			litStart = i
		default:
			if len(lit) == 0 {
				litStart = i
			}
			lit = append(lit, c)
			i++
		}
	}
	flush()
	return parts
}

// phpEscape decodes the escape "\c" of a double-quoted string.
func phpEscape(c byte) []byte {
	switch c {
	case 'n':
		return []byte{'\n'}
	case 't':
		return []byte{'\t'}
	case 'r':
		return []byte{'\r'}
	case '\\', '$', '"', '`':
		return []byte{c}
	}
	return []byte{'\\', c}
}

// matchBrace returns the offset of the "}" closing the "{" at i, or end.
func matchBrace(src []byte, i, end int) int {
	depth := 0
	for j := i; j < end; j++ {
		switch src[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		case '\'', '"':
			q := src[j]
			for j++; j < end && src[j] != q; j++ {
				if src[j] == '\\' {
					j++
				}
			}
		}
	}
	return end
}

// simpleVar lexes "$name", "$name[key]" and "$name->prop" inside a string (PHP's simple syntax).
func (l *phpLexer) simpleVar(i, end int) ([]Token, int) {
	src := l.src
	line := l.lines.at(i)
	j := i + 1
	for j < end && isIdentPart(src[j]) && src[j] != '$' {
		j++
	}
	toks := []Token{{Kind: KIdent, Text: string(src[i:j]), Off: i, End: j, Line: line}}
	switch {
	case j < end && src[j] == '[':
		k := j + 1
		for k < end && src[k] != ']' && src[k] != '"' {
			k++
		}
		if k >= end || src[k] != ']' {
			return toks, j
		}
		key := string(src[j+1 : k])
		keyTok := Token{Kind: KString, Text: strings.Trim(key, `'"`), Off: j + 1, End: k, Line: line}
		if strings.HasPrefix(key, "$") {
			keyTok.Kind = KIdent
		} else if key != "" && (isDigit(key[0]) || key[0] == '-') {
			keyTok.Kind = KNumber
		}
		toks = append(toks, Token{Kind: KPunct, Text: "[", Off: j, End: j + 1, Line: line}, keyTok,
			Token{Kind: KPunct, Text: "]", Off: k, End: k + 1, Line: line})
		return toks, k + 1
	case j+2 < end && src[j] == '-' && src[j+1] == '>' && isIdentStart(src[j+2]) && src[j+2] != '$':
		k := j + 3
		for k < end && isIdentPart(src[k]) && src[k] != '$' {
			k++
		}
		toks = append(toks, Token{Kind: KPunct, Text: "->", Off: j, End: j + 2, Line: line},
			Token{Kind: KIdent, Text: string(src[j+2 : k]), Off: j + 2, End: k, Line: line})
		return toks, k
	}
	return toks, j
}

// rangeTokens lexes src[i:end] as code.
func (l *phpLexer) rangeTokens(i, end int) []Token {
	toks := []Token{}
	for i < end {
		c := l.src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		tok, next := l.one(i)
		if next > end {
			next, tok.End = end, end
		}
		toks = append(toks, tok)
		i = next
	}
	return toks
}
