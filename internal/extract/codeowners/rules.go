package codeowners

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// Rule is one line of a CODEOWNERS file: a path pattern and the owners of the paths it matches.
type Rule struct {
	// Pattern is the gitignore-style pattern as written, escapes (\#, "\ ") included.
	Pattern string
	// Owners are the owners as written (@user, @org/team, an email, GitLab @@role), in file order. An empty
	// list means the matched paths are explicitly unowned.
	Owners []string
	// Section is the GitLab section the rule sits in ("" before any section header).
	Section string
	// Optional marks a rule in a GitLab optional section (^[Section]).
	Optional bool
	// Approvals is the number of approvals a GitLab section asks for ([Section][2]); 0 when not given.
	Approvals int
	// DefaultOwners is true when Owners came from the GitLab section header, the rule naming none itself.
	DefaultOwners bool
	// Exclude marks a GitLab exclusion (!pattern): matched paths have no owner in the rule's section.
	Exclude bool
	// Line is the 1-based line of the rule.
	Line int

	m *matcher // shared by copies of the rule; nil for a Rule built by hand
}

// Rules are a CODEOWNERS file's rules in file order.
type Rules []Rule

// Section is a GitLab section header.
type Section struct {
	Name          string
	Optional      bool
	Approvals     int
	DefaultOwners []string
	Line          int
}

// OwnerKind classifies an owner as written.
type OwnerKind string

// The kinds of owner CODEOWNERS can name.
const (
	OwnerUser  OwnerKind = "user"  // @login (on GitLab also a top-level group: the syntax is the same)
	OwnerTeam  OwnerKind = "team"  // @org/team, GitLab @group/subgroup
	OwnerEmail OwnerKind = "email" // someone@example.com
	OwnerRole  OwnerKind = "role"  // GitLab @@developer, @@maintainer, @@owner
)

var (
	sectionRe = regexp.MustCompile(`^(\^)?\[([^\]]*)\](?:\[(\d+)\])?(?:\s+(.*))?$`)
	roles     = map[string]bool{"developer": true, "maintainer": true, "owner": true}
)

// ClassifyOwner says what kind of owner s is, or returns false when s is not valid owner syntax: @name or
// @group/name(/name...) with names of letters, digits, ".", "_" and "-" (not starting with "." or "-"), an
// email address, or one of GitLab's roles.
func ClassifyOwner(s string) (OwnerKind, bool) {
	switch {
	case strings.HasPrefix(s, "@@"):
		return OwnerRole, roles[strings.ToLower(s[2:])]
	case strings.HasPrefix(s, "@"):
		parts := strings.Split(s[1:], "/")
		for _, p := range parts {
			if !validName(p) {
				return "", false
			}
		}
		if len(parts) > 1 {
			return OwnerTeam, true
		}
		return OwnerUser, true
	case validEmail(s):
		return OwnerEmail, true
	}
	return "", false
}

func validName(s string) bool {
	if s == "" || s[0] == '.' || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// validEmail accepts local@domain.tld with no spaces and a single @.
func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsAny(s, " \t") || strings.Contains(domain, "@") {
		return false
	}
	dot := strings.LastIndex(domain, ".")
	return dot > 0 && dot < len(domain)-1
}

// parser holds the state of one Parse call.
type parser struct {
	path     string
	rules    Rules
	sections []Section
	cur      *Section
	diags    []model.Diagnostic
}

// Parse reads a CODEOWNERS file in GitHub or GitLab syntax. A line with invalid owner syntax is skipped, as
// GitHub does, and reported as a diagnostic; everything else is kept.
func Parse(path string, data []byte) (Rules, []model.Diagnostic) {
	rules, _, diags := parse(path, data)
	return rules, diags
}

func parse(path string, data []byte) (Rules, []Section, []model.Diagnostic) {
	p := &parser{path: path}
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if m := sectionRe.FindStringSubmatch(line); m != nil {
			p.section(m, i+1)
			continue
		}
		p.rule(line, i+1)
	}
	return p.rules, p.sections, p.diags
}

// section starts a GitLab section: ^[Name][approvals] @default @owners.
func (p *parser) section(m []string, line int) {
	name := strings.TrimSpace(m[2])
	if name == "" {
		p.warn(line, "section header with an empty name; the rules below stay in the previous section")
		return
	}
	s := Section{Name: name, Optional: m[1] == "^", Line: line}
	if m[3] != "" {
		s.Approvals, _ = strconv.Atoi(m[3])
	}
	s.DefaultOwners, _ = p.owners(fields(m[4]), line, "the section's default owners are ignored")
	p.sections = append(p.sections, s)
	p.cur = &p.sections[len(p.sections)-1]
}

// rule reads "pattern owner owner # comment".
func (p *parser) rule(line string, n int) {
	toks := fields(line)
	r := Rule{Pattern: toks[0], Line: n}
	if strings.HasPrefix(r.Pattern, "!") {
		r.Exclude, r.Pattern = true, r.Pattern[1:]
	}
	if p.cur != nil {
		r.Section, r.Optional, r.Approvals = p.cur.Name, p.cur.Optional, p.cur.Approvals
	}
	owners, ok := p.owners(toks[1:], n, "line skipped")
	if !ok {
		return
	}
	switch {
	case r.Exclude && len(owners) > 0:
		p.warn(n, "an exclusion (!pattern) takes no owners; the owners on this line are ignored")
	case r.Exclude:
	case len(owners) == 0 && p.cur != nil && len(p.cur.DefaultOwners) > 0:
		r.Owners, r.DefaultOwners = append([]string(nil), p.cur.DefaultOwners...), true
	default:
		r.Owners = owners
	}
	if r.Pattern == "" {
		p.warn(n, "empty pattern; line skipped")
		return
	}
	r.m = newMatcher(r.Pattern)
	p.rules = append(p.rules, r)
}

// owners validates owner tokens up to a trailing comment; one invalid owner makes the whole line invalid.
func (p *parser) owners(toks []string, line int, consequence string) ([]string, bool) {
	var out []string
	for _, t := range toks {
		if strings.HasPrefix(t, "#") {
			break
		}
		if _, ok := ClassifyOwner(t); !ok {
			p.warn(line, fmt.Sprintf("%q is not a valid owner (@user, @org/team, an email or a GitLab @@role); %s", t, consequence))
			return nil, false
		}
		out = append(out, t)
	}
	return out, true
}

func (p *parser) warn(line int, msg string) {
	p.diags = append(p.diags, model.Diagnostic{File: p.path, Line: line, Severity: model.SeverityWarning,
		Extractor: Name, Message: msg})
}

// fields splits a line on unescaped whitespace; a backslash keeps the next character (and itself) in the token,
// so "docs/my\ file.md" is one pattern.
func fields(s string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			cur.WriteByte(c)
			cur.WriteByte(s[i+1])
			i++
		case c == ' ' || c == '\t':
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteByte(c)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
