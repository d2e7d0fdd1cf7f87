package buildconfig

import (
	"strings"
)

// command is one simple command of a shell script: its words and the line it starts on, counted from the
// script's first line (0).
type command struct {
	words []text
	line  int
}

// lookup resolves a shell variable; ok is false when its value is not known.
type lookup func(name string) (string, bool)

// lexer splits a script into commands the way a POSIX shell does for what matters here: quotes, backslash
// escapes and line continuations, comments, separators (newline ; & | ( )) and parameter expansion. Command
// substitution and variables without a known value become unknown parts holding their literal text. Unknown
// parts of the script itself (a workflow expression, a make variable) are never looked into.
type lexer struct {
	vars     lookup
	cmds     []command
	words    []text
	word     text
	buf      strings.Builder // known text of the current word not yet in word
	inWord   bool
	line     int
	cmdLine  int
	quote    byte // 0, '\'' or '"'
	comment  bool
	redirect bool // the next word is the target of a redirection
}

// splitScript returns the commands of script.
func splitScript(script text, vars lookup) []command {
	lx := &lexer{vars: vars}
	for _, p := range script {
		if p.unknown {
			if !lx.comment {
				lx.startWord()
				lx.addPart(p)
			}
			continue
		}
		lx.scan(p.s)
	}
	lx.endCommand()
	return lx.cmds
}

func (lx *lexer) startWord() {
	if !lx.inWord {
		if len(lx.words) == 0 {
			lx.cmdLine = lx.line
		}
		lx.inWord = true
	}
}

// addPart adds a part to the current word after the known text collected so far.
func (lx *lexer) addPart(p part) {
	lx.flush()
	lx.word = lx.word.add(p)
}

func (lx *lexer) flush() {
	if lx.buf.Len() > 0 {
		lx.word = lx.word.add(part{s: lx.buf.String()})
		lx.buf.Reset()
	}
}

func (lx *lexer) endWord() {
	lx.flush()
	if lx.inWord && lx.redirect {
		lx.redirect = false // the target of a redirection
	} else if lx.inWord {
		lx.words = append(lx.words, lx.word)
	}
	lx.word, lx.inWord = nil, false
}

func (lx *lexer) endCommand() {
	lx.endWord()
	lx.redirect = false
	if len(lx.words) > 0 {
		lx.cmds = append(lx.cmds, command{words: lx.words, line: lx.cmdLine})
	}
	lx.words = nil
}

func (lx *lexer) lit(s string) {
	lx.startWord()
	lx.buf.WriteString(s)
}

// scan reads the known text s, which may stop and resume anywhere (between parts).
func (lx *lexer) scan(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			lx.line++
		}
		switch {
		case lx.comment:
			if c == '\n' {
				lx.comment = false
				lx.endCommand()
			}
		case lx.quote == '\'':
			if c == '\'' {
				lx.quote = 0
			} else {
				lx.lit(string(c))
			}
		case c == '\\' && i+1 < len(s):
			i++
			if s[i] == '\n' {
				lx.line++ // a line continuation
				continue
			}
			if lx.quote == '"' && !strings.ContainsRune("$`\"\\", rune(s[i])) {
				lx.lit("\\")
			}
			lx.lit(string(s[i]))
		case c == '$' || c == '`':
			i += lx.expand(s[i:]) - 1
		case lx.quote == '"':
			if c == '"' {
				lx.quote = 0
			} else {
				lx.lit(string(c))
			}
		case c == '>' || c == '<':
			i = lx.redirection(s, i)
		default:
			lx.plain(c)
		}
	}
}

// redirection reads a redirection operator at s[i] (>, >>, >&, <, <&, 2>…): the file descriptor before it and
// the word after it are not arguments of the command. It returns the index of the operator's last byte.
func (lx *lexer) redirection(s string, i int) int {
	lx.flush()
	if lx.inWord && isDigits(lx.word) {
		lx.word, lx.inWord = nil, false
	}
	lx.endWord()
	for i+1 < len(s) && strings.IndexByte("<>&|", s[i+1]) >= 0 {
		i++
	}
	lx.redirect = true
	return i
}

func isDigits(t text) bool {
	if len(t) != 1 || t[0].unknown || t[0].s == "" {
		return false
	}
	for _, r := range t[0].s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// plain reads one unquoted character.
func (lx *lexer) plain(c byte) {
	switch {
	case c == '\'' || c == '"':
		lx.startWord()
		lx.quote = c
	case c == '#' && !lx.inWord:
		lx.comment = true
	case c == ' ' || c == '\t' || c == '\r':
		lx.endWord()
	case strings.IndexByte("\n;&|()", c) >= 0:
		lx.endCommand()
	default:
		lx.lit(string(c))
	}
}

// expand reads a parameter expansion or command substitution at the start of s and returns how many bytes
// it used.
func (lx *lexer) expand(s string) int {
	lx.startWord()
	n, name, literal := expansion(s)
	if n == 0 {
		lx.lit(s[:1])
		return 1
	}
	lx.line += strings.Count(s[:n], "\n")
	if name != "" && lx.vars != nil {
		if v, ok := lx.vars(name); ok {
			lx.buf.WriteString(v)
			return n
		}
	}
	lx.addPart(part{s: literal, unknown: true})
	return n
}

// expansion measures the expansion at the start of s: $NAME, ${NAME}, ${NAME…} with an operator, $(…),
// `…`, or a special parameter ($1, $@). name is set for a plain variable Seam may know the value of.
func expansion(s string) (n int, name, literal string) {
	if s[0] == '`' {
		if j := strings.IndexByte(s[1:], '`'); j >= 0 {
			return j + 2, "", s[:j+2]
		}
		return 0, "", ""
	}
	if len(s) < 2 {
		return 0, "", ""
	}
	switch c := s[1]; {
	case c == '{':
		end := matchBrace(s, 1)
		if end < 0 {
			return 0, "", ""
		}
		body := s[2:end]
		if isShellName(body) {
			return end + 1, body, s[:end+1]
		}
		return end + 1, "", s[:end+1]
	case c == '(':
		end := matchParen(s, 1)
		if end < 0 {
			return 0, "", ""
		}
		return end + 1, "", s[:end+1]
	case isNameStart(c):
		j := 2
		for j < len(s) && isNameChar(s[j]) {
			j++
		}
		return j, s[1:j], s[:j]
	case strings.IndexByte("0123456789@*#?$!-", c) >= 0:
		return 2, "", s[:2]
	}
	return 0, "", ""
}

func isShellName(s string) bool {
	if s == "" || !isNameStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// matchParen returns the index of the ")" closing the "(" at s[open], counting nesting, or -1.
func matchParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
