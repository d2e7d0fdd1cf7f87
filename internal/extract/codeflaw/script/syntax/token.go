// Package syntax reads JavaScript/TypeScript, Python and PHP source into a small, error-tolerant syntax tree:
// the statements, expressions and functions the code-flaw detector follows variables through. It is not a
// validating parser: what it cannot read it skips, with an Error saying where, and it never panics or loops on
// malformed input (every loop consumes a token, recursion is bounded).
package syntax

import "fmt"

// Lang is a language the package reads.
type Lang uint8

// The languages.
const (
	JS     Lang = iota // JavaScript and TypeScript (types are skipped), with JSX skipped where it is met
	Python             // Python 3
	PHP                // PHP 5 to 8, inline HTML skipped
)

// Kind is the type of a token.
type Kind uint8

// Token kinds.
const (
	KEOF     Kind = iota
	KIdent        // a name or keyword; PHP variables are Ident with a leading "$"
	KNumber       // a numeric literal
	KString       // a string without interpolation; Text is its decoded value
	KInterp       // a string with interpolated parts: a JS template literal, a Python f-string, a PHP "…$x…" or heredoc
	KRegex        // a JavaScript regular expression literal; Text is its source with flags
	KPunct        // an operator or punctuator
	KNewline      // Python: the end of a logical line
	KIndent       // Python: an indented block begins
	KDedent       // Python: an indented block ends
	KHTML         // PHP: text outside <?php … ?>, which ends a statement
)

// Token is one lexical unit, with its place in the source.
type Token struct {
	Kind Kind
	// Text is the identifier, operator, number as written, or a string's decoded value.
	Text string
	// Off and End are byte offsets of the token in the source; Line is 1-based.
	Off, End, Line int
	// NL reports that a line break comes before the token (JavaScript's automatic semicolons).
	NL bool
	// Parts are the pieces of an Interp token, in order.
	Parts []Part
	// Prefix is a Python string's prefix ("f", "rb"), "`" for a PHP backtick command.
	Prefix string
}

// Part is one piece of an interpolated string: literal text, or an expression's tokens.
type Part struct {
	Lit  string
	Expr []Token // nil for a literal part
	Off  int
	Line int
}

// Error is a place the lexer or parser could not read.
type Error struct {
	Line    int
	Message string
}

func (e Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// maxTokens bounds the tokens of one file, so that a pathological input cannot take unbounded memory.
const maxTokens = 2_000_000

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// at returns the line of byte offset off.
func (l lineIndex) at(off int) int {
	lo, hi := 0, len(l)
	for lo < hi {
		m := (lo + hi) / 2
		if l[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// punctTable indexes operators by their first byte, longest first, so that matching one costs a few
// comparisons.
type punctTable [256][]string

func newPunctTable(ops []string) *punctTable {
	var t punctTable
	for _, op := range ops { // ops are listed longest first
		t[op[0]] = append(t[op[0]], op)
	}
	return &t
}

// matchPunct returns the longest operator of the table at src[i:], or "".
func matchPunct(src []byte, i int, t *punctTable) string {
	for _, op := range t[src[i]] {
		if len(src)-i >= len(op) && string(src[i:i+len(op)]) == op {
			return op
		}
	}
	return ""
}

// scanNumber returns the end of a numeric literal starting at i (digits, letters for hex, exponent, "_", ".").
func scanNumber(src []byte, i int) int {
	j := i
	for j < len(src) {
		c := src[j]
		switch {
		case isIdentPart(c) && c != '$':
			if (c == 'e' || c == 'E') && j+1 < len(src) && (src[j+1] == '+' || src[j+1] == '-') {
				j++
			}
			j++
		case c == '.' && j+1 < len(src) && isDigit(src[j+1]):
			j++
		case c == '.' && j > i && !(j+1 < len(src) && src[j+1] == '.'):
			j++
		default:
			return j
		}
	}
	return j
}

// unescape decodes the common backslash escapes of a quoted string; unknown escapes keep the character.
func unescape(s string) string {
	if !containsByte(s, '\\') {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case '0':
			out = append(out, 0)
		case '\n':
		default:
			out = append(out, s[i])
		}
	}
	return string(out)
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}
