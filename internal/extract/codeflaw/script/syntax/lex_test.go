package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tokenText renders tokens as "line:text" (Newline, Indent and Dedent by name), parts of interpolated
// strings in brackets.
func tokenText(toks []Token) string {
	var out []string
	for _, t := range toks {
		s := t.Text
		switch t.Kind {
		case KNewline:
			s = "NL"
		case KIndent:
			s = "IN"
		case KDedent:
			s = "DE"
		case KHTML:
			s = "HTML"
		case KString:
			s = "'" + t.Text + "'"
		case KInterp:
			var ps []string
			for _, p := range t.Parts {
				if p.Expr == nil {
					ps = append(ps, "'"+p.Lit+"'")
				} else {
					ps = append(ps, "{"+tokenText(p.Expr)+"}")
				}
			}
			s = "[" + strings.Join(ps, " ") + "]"
		}
		out = append(out, itoa(t.Line)+":"+s)
	}
	return strings.Join(out, " ")
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestLex(t *testing.T) {
	tests := []struct {
		name string
		lex  func([]byte) ([]Token, []Error)
		src  string
		want string
	}{
		{"js: a template spanning lines keeps later lines right", LexJS, "a = `x\n${b}\ny`;\nc",
			"1:a 1:= 1:['x\n' {2:b} '\ny'] 3:; 4:c"},
		{"js: comments and a regular expression after return", LexJS, "// c\nreturn /a\\/b/i /* d\n */ x",
			"2:return 2:/a\\/b/i 3:x"},
		{"js: a regular expression after the head of an if, a division after a call", LexJS, "if (a) /b/.test(c); d(e) / f",
			"1:if 1:( 1:a 1:) 1:/b/ 1:. 1:test 1:( 1:c 1:) 1:; 1:d 1:( 1:e 1:) 1:/ 1:f"},
		{"js: optional chaining is not a conditional before a digit", LexJS, "a?.b; c?.5:1",
			"1:a 1:?. 1:b 1:; 1:c 1:? 1:.5 1:: 1:1"},
		{"python: indentation, continuation, brackets", LexPython, "if a:\n    b = (1,\n  2)\n    c \\\n  = 3\nd",
			"1:if 1:a 1:: 1:NL 2:IN 2:b 2:= 2:( 2:1 2:, 3:2 3:) 3:NL 4:c 5:= 5:3 5:NL 6:DE 6:d 6:NL"},
		{"python: string prefixes and an f-string", LexPython, "x = rb'\\d' + f'{y!r}'",
			"1:x 1:= 1:'\\d' 1:+ 1:[{1:y}] 1:NL"},
		{"php: html, casts, variables and interpolation", LexPHP, "<b><?php $a = (int) $b . \"{$c['d']}!\"; ?>x",
			"1:HTML 1:$a 1:= 1:(int) 1:$b 1:. 1:[{1:$c 1:[ 1:'d' 1:]} '!'] 1:; 1:HTML"},
		{"php: short echo and a comment ending at ?>", LexPHP, "<?= $t ?><?php // c ?>y",
			"1:echo 1:$t 1:HTML 1:HTML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks, errs := tt.lex([]byte(tt.src))
			if len(errs) > 0 {
				t.Errorf("errors: %v", errs)
			}
			if diff := cmp.Diff(tt.want, tokenText(toks)); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLexErrors(t *testing.T) {
	tests := []struct {
		name string
		lex  func([]byte) ([]Token, []Error)
		src  string
		line int
	}{
		{"js: unterminated template", LexJS, "a\nb = `x ${y}", 2},
		{"js: unterminated comment", LexJS, "a\n/* b", 2},
		{"python: unterminated string", LexPython, "a = 1\nb = 'x\n", 2},
		{"python: inconsistent dedent", LexPython, "if a:\n    b\n  c\n", 3},
		{"php: unterminated string", LexPHP, "<?php\n$a = \"x", 2},
	}
	for _, tt := range tests {
		_, errs := tt.lex([]byte(tt.src))
		if len(errs) == 0 || errs[0].Line != tt.line {
			t.Errorf("%s: errors %v, want one at line %d", tt.name, errs, tt.line)
		}
	}
}

// TestParseRecovers checks that the parser reads on after what it cannot parse, so that one odd
// construct does not hide the rest of a file.
func TestParseRecovers(t *testing.T) {
	tests := []struct{ lang, src, want string }{
		{"js", "a(;\nexec(x)\n", "exec"},
		{"js", "}\nconst = 1;\nh()\n", "h"},
		{"py", "x = f(:\n    pass\ndef g():\n    os.system(x)\n", "os.system"},
		{"php", "<?php f(;\nsystem($x);", "system"},
	}
	for _, tt := range tests {
		f := parseAs(tt.lang, tt.src)
		if len(f.Errors) == 0 {
			t.Errorf("%s %q: no error", tt.lang, tt.src)
		}
		found := false
		Inspect(f.Body, func(n Node) bool {
			if c, ok := n.(*Call); ok && DottedName(c.Fn) == tt.want {
				found = true
			}
			return true
		})
		if !found {
			t.Errorf("%s %q: the call of %s after the error was not read:\n%s", tt.lang, tt.src, tt.want, Format(f.Body))
		}
	}
}

// TestDeepNestingIsBounded checks that pathological nesting is an error, not a stack overflow.
func TestDeepNestingIsBounded(t *testing.T) {
	for _, lang := range []string{"js", "py", "php"} {
		src := strings.Repeat("(", 100000) + "x" + strings.Repeat(")", 100000)
		if lang == "php" {
			src = "<?php " + src + ";"
		}
		f := parseAs(lang, src)
		if len(f.Errors) == 0 {
			t.Errorf("%s: no error for 100,000 nested parentheses", lang)
		}
	}
}

// FuzzParse parses arbitrary input as each language, seeded with the detector's fixtures. It must not
// panic, and every statement's span must lie inside the input.
func FuzzParse(f *testing.F) {
	_ = filepath.WalkDir(filepath.Join("..", "testdata"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, lang := range []string{"js", "ts", "jsx", "py", "php"} {
			file := parseAs(lang, string(src))
			Inspect(file.Body, func(n Node) bool {
				if s := n.Pos(); s.Off < 0 || s.End > len(src) || s.Line < 0 {
					t.Fatalf("%s: span %+v outside the %d-byte input", lang, s, len(src))
				}
				return true
			})
			_ = Format(file.Body)
		}
	})
}
