package iam

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParsePolicy feeds ParsePolicy arbitrary JSON text, seeded with every policy under testdata, and
// evaluates what it parses against a few requests and through the bulk analysis: nothing may panic, every
// problem must say where it is, and Analyze must agree with Evaluate on whether the principal has access.
func FuzzParsePolicy(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "policies", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(stripComments(string(data)))
	}
	f.Add(`{"Statement":{"Effect":"Allow","Action":"${a}:*","Resource":"${b}","Condition":{"StringLike":{"${k}:sub":"x*"}}}}`)
	f.Fuzz(func(t *testing.T, doc string) {
		pol, probs := ParsePolicy(doc, Source{Place: Place{Node: "fuzz", File: "fuzz.json", Line: 1}}, nil)
		for _, p := range probs {
			if p.Message == "" || p.Source.File != "fuzz.json" {
				t.Fatalf("problem without a message or source: %+v", p)
			}
		}
		p := role("fuzz", &pol)
		target := bucket("customer-documents", &pol)
		for _, action := range []string{"s3:GetObject", "sts:AssumeRoleWithWebIdentity", "kms:Decrypt", "glue:GetTable"} {
			Evaluate(Request{Principal: p, Action: action, Resource: target})
			Evaluate(Request{Principal: &Principal{Kind: PrincipalAnonymous}, Action: action, Resource: target})
		}
		key := &Resource{ID: "key", ARN: "arn:aws:kms:eu-west-1:" + acct + ":key/1", Policy: &pol}
		accs := Analyze([]*Principal{p}, []*Resource{target, key}, Options{Workers: 1})
		for _, a := range accs {
			if len(a.Actions) == 0 || len(a.Levels) == 0 {
				t.Fatalf("an access without actions or levels: %+v", a)
			}
		}
	})
}

// FuzzGlob checks the matcher three ways on patterns without tokens: the plain-string fast path, the
// general dynamic programme, and Go's regexp as the reference. It also checks that covers implies overlap
// and that overlap is symmetric.
func FuzzGlob(f *testing.F) {
	for _, seed := range [][2]string{{"b-1*/*", "b-12/x"}, {"logs-202?/*", "logs-2024/a"}, {"*a*a*", "banana"},
		{"table/*/index/*", "table/t/index/i"}, {"a*", ""}, {"?", "é"}, {"**?*", "xy"}, {"a${*}b", "a*b"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 40 || len(s) > 40 || strings.Contains(pattern+s, "$") || !utf8.ValidString(pattern) || !utf8.ValidString(s) {
			return
		}
		p, v := compileGlob(pattern, true, false), compileGlob(s, false, false)
		fast := plainGrade(&p, s)
		var abuf, bbuf [48]atom
		slow := solve(atomsOf(&p, abuf[:0]), atomsOf(&v, bbuf[:0]), false)
		ref := regexp.MustCompile("^" + globRegexp(pattern) + "$").MatchString(s)
		if fast != boolGrade(ref) || slow != boolGrade(ref) {
			t.Fatalf("%q vs %q: fast %v, dp %v, regexp %v", pattern, s, fast, slow, ref)
		}
		q := compileGlob(s, true, false) // s read as a pattern too
		if o1, o2 := overlap(&p, &q), overlap(&q, &p); o1 != o2 {
			t.Fatalf("overlap(%q, %q) = %v but the reverse is %v", pattern, s, o1, o2)
		}
		if covers(&p, &q) == yes && overlap(&p, &q) != yes {
			t.Fatalf("%q covers %q but does not overlap it", pattern, s)
		}
	})
}

// globRegexp translates an IAM wildcard pattern to a regexp: * any run of characters, ? one character.
func globRegexp(p string) string {
	var b strings.Builder
	for _, c := range p {
		switch c {
		case '*':
			b.WriteString(`(?s:.*)`)
		case '?':
			b.WriteString(`(?s:.)`)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}
