package codeowners

import (
	"regexp"
	"strings"
	"sync"
)

// Owners returns the owners of a file path (slash-separated, relative to the repository root) under GitHub's
// rule: the last matching rule wins. ok is false when no rule matches; ok with no owners means the last
// matching rule leaves the path explicitly unowned (a pattern with no owners, or a GitLab exclusion).
//
// Patterns follow gitignore with GitHub's CODEOWNERS exceptions: no "!" negation (a GitLab exclusion is
// honoured as "unowned"), no [ ] character ranges (brackets match themselves), case-sensitive paths.
//   - a pattern with a slash at the start or in the middle is anchored at the root; one without matches at any
//     depth ("*.go", "apps/");
//   - "*" and "?" do not cross "/"; "**/" matches any number of directories, a trailing "/**" everything
//     below;
//   - a trailing "/" matches directories only, so only files below them; a pattern that matches a directory
//     matches every file below it, except a pattern ending in "/*", which matches the directory's direct
//     files only ("docs/*" owns docs/a.md, not docs/build/b.md — GitHub's documented behaviour).
func (r Rules) Owners(path string) (owners []string, rule Rule, ok bool) {
	path = normalise(path)
	for i := len(r) - 1; i >= 0; i-- {
		if r[i].match(path) {
			if r[i].Exclude {
				return nil, r[i], true
			}
			return append([]string(nil), r[i].Owners...), r[i], true
		}
	}
	return nil, Rule{}, false
}

// Matches returns, for GitLab's sectioned files, the last matching rule of every section that has one, in the
// order the sections first appear (sections with the same name, compared case-insensitively, are one
// section, as in GitLab). Every returned rule's owners must approve on GitLab; a GitHub file has one section.
func (r Rules) Matches(path string) []Rule {
	path = normalise(path)
	var order []string
	last := map[string]Rule{}
	seen := map[string]bool{}
	for _, rule := range r {
		key := strings.ToLower(rule.Section)
		if !seen[key] {
			seen[key] = true
			order = append(order, key)
		}
		if rule.match(path) {
			last[key] = rule
		}
	}
	var out []Rule
	for _, key := range order {
		if rule, ok := last[key]; ok {
			out = append(out, rule)
		}
	}
	return out
}

// Match reports whether the rule's pattern matches a file path.
func (rule Rule) Match(path string) bool { return rule.match(normalise(path)) }

func (rule Rule) match(path string) bool {
	m := rule.m
	if m == nil {
		m = newMatcher(rule.Pattern)
	}
	return m.match(path)
}

func normalise(path string) string {
	path = strings.TrimPrefix(path, "./")
	return strings.TrimLeft(path, "/")
}

// matcher is a compiled pattern. Cheap literal checks run first; the regular expression is compiled on first
// use, once, so parsing a large file stays fast and a matcher is safe for concurrent use.
type matcher struct {
	pattern string
	prefix  string // anchored patterns: every match starts with it
	literal string // the longest literal run: every match contains it
	once    sync.Once
	re      *regexp.Regexp
}

func newMatcher(pattern string) *matcher {
	m := &matcher{pattern: pattern}
	p := strings.TrimLeft(pattern, "/")
	anchored := p != pattern || strings.Contains(strings.TrimRight(p, "/"), "/")
	var run strings.Builder
	atStart := true
	flush := func() {
		if atStart && anchored {
			m.prefix = run.String()
		}
		atStart = false
		if run.Len() > len(m.literal) {
			m.literal = run.String()
		}
		run.Reset()
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '*' || c == '?':
			flush()
		case c == '\\' && i+1 < len(p):
			run.WriteByte(p[i+1])
			i++
		default:
			run.WriteByte(c)
		}
	}
	flush()
	m.literal = strings.Trim(m.literal, "/")
	m.prefix = strings.TrimRight(m.prefix, "/")
	return m
}

func (m *matcher) match(path string) bool {
	if !strings.HasPrefix(path, m.prefix) || !strings.Contains(path, m.literal) {
		return false
	}
	m.once.Do(func() { m.re = compile(m.pattern) })
	return m.re.MatchString(path)
}

// compile turns a CODEOWNERS pattern into a regular expression over file paths (see Rules.Owners).
func compile(pattern string) *regexp.Regexp {
	p := strings.ToValidUTF8(pattern, "\uFFFD")
	anchored := strings.HasPrefix(p, "/")
	p = strings.TrimLeft(p, "/")
	dirOnly := strings.HasSuffix(p, "/")
	p = strings.TrimRight(p, "/")
	if p == "" { // "/" is the root directory: everything
		return regexp.MustCompile(`^`)
	}
	if strings.Contains(p, "/") {
		anchored = true
	}
	var b strings.Builder
	b.WriteString("(?s)^")
	if !anchored {
		b.WriteString("(?:.*/)?")
	}
	translate(&b, p)
	switch {
	case dirOnly:
		b.WriteString("/.+$")
	case strings.HasSuffix(p, "/*") || (p == "*" && anchored):
		b.WriteString("$")
	default:
		b.WriteString("(?:/.*)?$")
	}
	re, err := regexp.Compile(b.String())
	if err != nil { // cannot happen for valid UTF-8 with every literal quoted; never match rather than panic
		return regexp.MustCompile(`[^\s\S]`)
	}
	return re
}

// translate writes the regular expression for the glob p.
func translate(b *strings.Builder, p string) {
	for i := 0; i < len(p); {
		atSegStart := i == 0 || p[i-1] == '/'
		switch {
		case atSegStart && strings.HasPrefix(p[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 3
		case atSegStart && p[i:] == "**":
			b.WriteString(".*")
			i += 2
		case p[i] == '*':
			b.WriteString("[^/]*")
			for i < len(p) && p[i] == '*' {
				i++
			}
		case p[i] == '?':
			b.WriteString("[^/]")
			i++
		case p[i] == '\\' && i+1 < len(p):
			b.WriteString(regexp.QuoteMeta(p[i+1 : i+2]))
			i += 2
		default:
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
			i++
		}
	}
}
