package buildconfig

import (
	"regexp"
	"strings"
)

// makeVar is a make variable: a recursive one (=, ?=) keeps its text and is expanded where it is used; a simple
// one (:=, ::=) was expanded when it was set.
type makeVar struct {
	raw    string
	simple text
	isSimp bool
}

// makefile is what is known while a Makefile is read top to bottom.
type makefile struct {
	f       *file
	vars    map[string]makeVar
	targets []string // targets of the rule whose recipe may follow
	budget  int      // variable lookups left: a variable that refers to itself many times must not cost more
}

// Bounds on expansion: the variable lookups of one file, past which references stay unknown, and the length
// of one expanded value, past which it is unknown as a whole.
const (
	maxLookups   = 100_000
	maxExpansion = 64 << 10
)

// logicalLine is a line with its backslash continuations, and the line it starts on.
type logicalLine struct {
	text string
	line int
}

var (
	assignment = regexp.MustCompile(`^(?:(?:export|override)\s+)*([^\s:#=$()]+)\s*(\?=|:::=|::=|:=|\+=|!=|=)\s*(.*)$`)
	directive  = regexp.MustCompile(`^(?:ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|export|unexport|override|vpath|undefine)(?:\s|$)`)
)

// makefile reads a Makefile: simple variable assignments, rules, and the build commands in their recipes
// (GNU make's syntax: https://www.gnu.org/software/make/manual/make.html). Every branch of a conditional is
// read; a later assignment wins, as in a file read top to bottom. Recipes run in the Makefile's directory.
func (f *file) makefile(data []byte) {
	mk := &makefile{f: f, vars: map[string]makeVar{}, budget: maxLookups}
	lines := splitLogical(string(data))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l.text, "\t") && mk.targets != nil {
			mk.recipe(strings.TrimPrefix(l.text, "\t"), l.line)
			continue
		}
		body := strings.TrimSpace(stripComment(l.text))
		switch {
		case body == "":
		case strings.HasPrefix(body, "define ") || body == "define":
			i = mk.skipDefine(lines, i)
		case assignment.MatchString(body):
			mk.assign(assignment.FindStringSubmatch(body))
			mk.targets = nil
		case directive.MatchString(body):
		case ruleColon(body) >= 0:
			mk.rule(body, l.line)
		case strings.HasPrefix(l.text, " ") && mk.targets != nil:
			f.warn(l.line, "recipe line starts with spaces, not a tab: make stops here with \"missing separator\"; skipped")
		case !strings.HasPrefix(body, "$"): // a top-level $(eval …) or $(info …) is valid
			f.warn(l.line, "line is not a rule, a variable assignment or a recipe: make stops here with \"missing separator\"; skipped")
		}
	}
}

// splitLogical joins backslash-continued lines. A recipe keeps its backslash-newlines (the shell reads them as
// continuations); other lines are joined as make does, but the newlines are kept too so lines can be counted.
func splitLogical(s string) []logicalLine {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	raw := strings.Split(s, "\n")
	var out []logicalLine
	for i := 0; i < len(raw); i++ {
		start := i
		text := raw[i]
		for strings.HasSuffix(text, "\\") && !strings.HasSuffix(text, "\\\\") && i+1 < len(raw) {
			i++
			text += "\n" + raw[i]
		}
		out = append(out, logicalLine{text: text, line: start + 1})
	}
	return out
}

// stripComment drops a # comment from a line that is not a recipe (\# is a literal #).
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] != '\\') {
			return s[:i]
		}
	}
	return s
}

// ruleColon returns the index of the colon that makes a line a rule, outside $(…) references, or -1.
func ruleColon(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '{':
			depth++
		case ')', '}':
			depth--
		case ':':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// skipDefine skips a define … endef block and returns the index of its endef line.
func (mk *makefile) skipDefine(lines []logicalLine, i int) int {
	start := lines[i].line
	for j := i + 1; j < len(lines); j++ {
		if strings.TrimSpace(lines[j].text) == "endef" {
			return j
		}
	}
	mk.f.warn(start, "define without endef: the rest of the file is its value")
	return len(lines)
}

// assign records a variable assignment.
func (mk *makefile) assign(m []string) {
	name, op, val := m[1], m[2], strings.TrimSpace(strings.ReplaceAll(m[3], "\\\n", " "))
	cur, exists := mk.vars[name]
	switch op {
	case "=":
		mk.vars[name] = makeVar{raw: val}
	case "?=":
		if !exists {
			mk.vars[name] = makeVar{raw: val}
		}
	case ":=", "::=", ":::=":
		mk.vars[name] = makeVar{simple: mk.expand(val, nil, 0), isSimp: true}
	case "+=":
		switch {
		case !exists:
			mk.vars[name] = makeVar{raw: val}
		case cur.isSimp:
			mk.vars[name] = makeVar{simple: cat(cur.simple, known(" "), mk.expand(val, nil, 0)), isSimp: true}
		default:
			mk.vars[name] = makeVar{raw: cur.raw + " " + val}
		}
	case "!=":
		mk.vars[name] = makeVar{simple: unknownText("$(shell " + val + ")"), isSimp: true}
	}
}

// rule starts a rule: its targets, and a recipe after ";" on the same line.
func (mk *makefile) rule(body string, line int) {
	c := ruleColon(body)
	mk.targets = strings.Fields(body[:c])
	rest := strings.TrimLeft(body[c+1:], ":") // double-colon rules
	if assignment.MatchString(strings.TrimSpace(rest)) {
		return // a target-specific variable: not read
	}
	if _, recipe, ok := strings.Cut(rest, ";"); ok {
		mk.recipe(recipe, line)
	}
}

// recipe reads one recipe line for build commands.
func (mk *makefile) recipe(s string, line int) {
	s = strings.TrimLeft(s, " \t@-+")
	script := mk.expand(s, mk.targets, 0)
	where := map[string]any{}
	if len(mk.targets) > 0 {
		where["make_target"] = mk.targets[0]
	}
	for _, c := range builds(splitScript(script, nil), known(mk.f.dir)) {
		mk.f.addCLI(c, line, where, nil)
	}
}

// expand substitutes make variable references in s: $(NAME), ${NAME}, $X and $@ (the rule's first target).
// $$ is a literal $ for the shell. Functions ($(shell …), $(call …)), substitution references, automatic
// variables other than $@, and variables the file does not set stay unknown, with their literal text.
func (mk *makefile) expand(s string, targets []string, depth int) text {
	var b builder
	whole := s
	for len(s) > 0 {
		i := strings.IndexByte(s, '$')
		if i < 0 || i == len(s)-1 {
			b.known(s)
			break
		}
		b.known(s[:i])
		s = s[i:]
		n, t := mk.reference(s, targets, depth)
		b.text(t)
		if b.size > maxExpansion+len(whole) {
			return unknownText(whole) // far longer than any image reference or path
		}
		s = s[n:]
	}
	return b.done()
}

// reference expands the reference at the start of s and returns how many bytes it used.
func (mk *makefile) reference(s string, targets []string, depth int) (int, text) {
	switch c := s[1]; c {
	case '$':
		return 2, known("$")
	case '(', '{':
		end := matchParen(s, 1)
		if c == '{' {
			end = matchBrace(s, 1)
		}
		if end < 0 {
			return len(s), unknownText(s)
		}
		name := mk.expand(s[2:end], targets, depth+1)
		if !name.Known() || strings.ContainsAny(name.String(), " \t,:=%") || depth > 16 {
			return end + 1, unknownText(s[:end+1])
		}
		return end + 1, mk.lookup(name.String(), s[:end+1], targets, depth)
	case '@':
		if len(targets) > 0 && !strings.Contains(targets[0], "%") {
			return 2, known(targets[0])
		}
		return 2, unknownText(s[:2])
	default:
		if isNameChar(c) {
			return 2, mk.lookup(s[1:2], s[:2], targets, depth)
		}
		return 2, unknownText(s[:2])
	}
}

// lookup returns a variable's value, expanded; literal is the reference's text, kept when it is not set.
func (mk *makefile) lookup(name, literal string, targets []string, depth int) text {
	v, ok := mk.vars[name]
	mk.budget--
	switch {
	case !ok || depth > 16 || mk.budget < 0:
		return unknownText(literal)
	case v.isSimp:
		return v.simple
	}
	return mk.expand(v.raw, targets, depth+1)
}
