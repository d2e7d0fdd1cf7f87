package iam

import (
	"sort"
	"strings"
)

// Match is the answer to "does this pattern match": OK, and when the answer rests on letting `${...}` tokens
// stand for something, Uncertain with the tokens it assumed.
type Match struct {
	OK        bool
	Uncertain bool
	Assumed   []string // the tokens assumed to match, sorted
}

func matchOf(g grade, a, b tokenLister) Match {
	if g == no {
		return Match{}
	}
	if g == yes {
		return Match{OK: true}
	}
	var toks []string
	toks = a.tokens(toks)
	toks = b.tokens(toks)
	sort.Strings(toks)
	return Match{OK: true, Uncertain: true, Assumed: toks}
}

type tokenLister interface{ tokens([]string) []string }

// ResourcePattern is a compiled Resource element entry, or a resource given as a pattern. An ARN is compared
// field by field: the five colon-separated fields arn, partition, service, region and account are
// case-insensitive and a wildcard stays within its field; the resource part (everything after the fifth
// colon) is case-sensitive and its `*` may span `/` and `:`. `*` alone matches everything; a string that is
// not an ARN is compared as a whole, case-sensitively.
// Source: docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// ("Including wildcards (*) in resource ARNs") and reference-arns.html.
type ResourcePattern struct {
	raw    string
	any    bool
	isARN  bool
	fields [5]glob // arn, partition, service, region, account
	res    glob    // the resource part
	whole  glob    // the whole string, for comparing with non-ARN strings
}

// CompileResource compiles a resource pattern (`*` and `?` are wildcards).
func CompileResource(s string) ResourcePattern { return compileResource(s, true) }

// CompileARN compiles a concrete ARN: `*` and `?` are literal characters, `${...}` tokens stay unknown parts.
func CompileARN(s string) ResourcePattern { return compileResource(s, false) }

func compileResource(s string, wild bool) ResourcePattern {
	p := ResourcePattern{raw: s}
	if wild && s == "*" {
		p.any = true
		return p
	}
	p.whole = compileGlob(s, wild, false)
	parts := splitARN(s)
	if len(parts) == 6 && strings.EqualFold(parts[0], "arn") || len(parts) == 6 && wild && parts[0] == "*" {
		p.isARN = true
		for i := 0; i < 5; i++ {
			p.fields[i] = compileGlob(parts[i], wild, true)
		}
		p.res = compileGlob(parts[5], wild, false)
	}
	return p
}

// splitARN splits s at its first five colons outside ${...} tokens.
func splitARN(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s) && len(parts) < 5; i++ {
		switch s[i] {
		case '$':
			if i+1 < len(s) && s[i+1] == '{' {
				if end := tokenEnd(s, i); end > 0 {
					i = end
				}
			}
		case ':':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// String returns the pattern as written.
func (p *ResourcePattern) String() string { return p.raw }

// IsAny reports whether the pattern is `*` alone.
func (p *ResourcePattern) IsAny() bool { return p.any }

// HasTokens reports whether the pattern holds ${...} tokens.
func (p *ResourcePattern) HasTokens() bool { return !p.any && p.whole.toks }

func (p *ResourcePattern) tokens(out []string) []string {
	if p.any {
		return out
	}
	return p.whole.tokens(out)
}

// Overlap reports whether some resource matches both p and q ("does this statement apply to some of these
// resources").
func (p *ResourcePattern) Overlap(q *ResourcePattern) Match {
	return matchOf(p.overlap(q), p, q)
}

// Covers reports whether every resource that matches q also matches p ("does this statement apply to all of
// these resources").
func (p *ResourcePattern) Covers(q *ResourcePattern) Match {
	return matchOf(p.covers(q), p, q)
}

func (p *ResourcePattern) overlap(q *ResourcePattern) grade {
	if p.any || q.any {
		return yes
	}
	if !p.isARN || !q.isARN {
		return overlap(&p.whole, &q.whole)
	}
	g := yes
	for i := range p.fields {
		if g = minGrade(g, overlap(&p.fields[i], &q.fields[i])); g == no {
			return no
		}
	}
	return minGrade(g, overlap(&p.res, &q.res))
}

func (p *ResourcePattern) covers(q *ResourcePattern) grade {
	if p.any {
		return yes
	}
	if q.any {
		return no
	}
	if !p.isARN || !q.isARN {
		return covers(&p.whole, &q.whole)
	}
	g := yes
	for i := range p.fields {
		if g = minGrade(g, covers(&p.fields[i], &q.fields[i])); g == no {
			return no
		}
	}
	return minGrade(g, covers(&p.res, &q.res))
}

// MatchResource reports whether a Resource pattern matches a concrete ARN (which may hold ${...} tokens).
func MatchResource(pattern, arn string) Match {
	p, v := CompileResource(pattern), CompileARN(arn)
	return p.Overlap(&v)
}

// OverlapResources reports whether some resource matches both patterns.
func OverlapResources(a, b string) Match {
	p, q := CompileResource(a), CompileResource(b)
	return p.Overlap(&q)
}

// CoverResources reports whether pattern a matches every resource pattern b matches.
func CoverResources(a, b string) Match {
	p, q := CompileResource(a), CompileResource(b)
	return p.Covers(&q)
}

// indexKey is the pattern's literal beginning in the form the bulk analysis indexes resources by: the ARN
// fields lowercased, the resource part as written, up to the first wildcard or token.
func (p *ResourcePattern) indexKey() string {
	if p.any {
		return ""
	}
	if !p.isARN {
		return strings.ToLower(p.whole.lit) // no resource part: all of it is case-insensitive ARN fields
	}
	var b strings.Builder
	for i := range p.fields {
		f := &p.fields[i]
		if f.shape != shapePlain {
			b.WriteString(f.lit)
			return b.String()
		}
		b.WriteString(f.lit)
		b.WriteByte(':')
	}
	b.WriteString(p.res.lit)
	return b.String()
}

// exact reports whether the pattern is a plain string without wildcards or tokens.
func (p *ResourcePattern) exact() bool {
	if p.any {
		return false
	}
	return p.whole.shape == shapePlain
}

// service returns the service field of an ARN pattern when it is plain ("s3"), else "".
func (p *ResourcePattern) service() string {
	if !p.isARN || p.fields[2].shape != shapePlain {
		return ""
	}
	return p.fields[2].lit
}

// account returns the account field of an ARN when it is plain, else "".
func (p *ResourcePattern) account() string {
	if !p.isARN || p.fields[4].shape != shapePlain {
		return ""
	}
	return p.fields[4].lit
}

// ActionPattern is a compiled Action element entry: "service:Name", case-insensitive, `*` and `?` wildcards
// within the name (and the service), `*` alone for every action.
// Source: docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html.
type ActionPattern struct {
	raw   string
	any   bool
	split bool
	svc   glob
	name  glob
	whole glob
}

// CompileAction compiles an action pattern.
func CompileAction(s string) ActionPattern { return compileAction(s, true) }

func compileAction(s string, wild bool) ActionPattern {
	p := ActionPattern{raw: s}
	if wild && s == "*" {
		p.any = true
		return p
	}
	p.whole = compileGlob(s, wild, true)
	if svc, name, ok := cutOutsideTokens(s, ':'); ok {
		p.split = true
		p.svc = compileGlob(svc, wild, true)
		p.name = compileGlob(name, wild, true)
	}
	return p
}

// cutOutsideTokens cuts s at the first sep that is not inside a ${...} token.
func cutOutsideTokens(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '$' && i+1 < len(s) && s[i+1] == '{' {
			if end := tokenEnd(s, i); end > 0 {
				i = end
				continue
			}
		}
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// String returns the pattern as written.
func (p *ActionPattern) String() string { return p.raw }

func (p *ActionPattern) tokens(out []string) []string {
	if p.any {
		return out
	}
	return p.whole.tokens(out)
}

func (p *ActionPattern) overlap(q *ActionPattern) grade {
	if p.any || q.any {
		return yes
	}
	if !p.split || !q.split {
		return overlap(&p.whole, &q.whole)
	}
	g := overlap(&p.svc, &q.svc)
	if g == no {
		return no
	}
	return minGrade(g, overlap(&p.name, &q.name))
}

// MatchAction reports whether an action pattern matches an action ("s3:GetObject").
func MatchAction(pattern, action string) Match {
	p, a := CompileAction(pattern), compileAction(action, false)
	return matchOf(p.overlap(&a), &p, &a)
}
