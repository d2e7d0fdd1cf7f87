package iam

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// compare grades whether the request value v satisfies the positive form of the operator against one
// condition value want (negation is applied by the caller). Unknown parts (${...} tokens) in either make the
// comparison maybe where they decide it.
func (c *Condition) compare(v, want string) grade {
	switch c.fam {
	case famString:
		return compareStrings(v, want, false, false)
	case famStringFold:
		return compareStrings(v, want, false, true)
	case famLike:
		return compareStrings(v, want, true, false)
	case famARN:
		p, q := CompileResource(want), CompileARN(v)
		return p.overlap(&q)
	case famBool:
		if hasToken(v) || hasToken(want) {
			return maybe
		}
		return boolGrade(strings.EqualFold(v, want))
	case famBinary:
		if hasToken(v) || hasToken(want) {
			return maybe
		}
		return boolGrade(v == want)
	case famNumeric:
		return compareOrdered(v, want, c.cmp, parseNumber)
	case famDate:
		return compareOrdered(v, want, c.cmp, parseDate)
	case famIP:
		return compareIP(v, want)
	}
	return maybe
}

func hasToken(s string) bool {
	i := strings.IndexByte(s, '$')
	return i >= 0 && strings.Contains(s[i:], "${")
}

// compareStrings compares a request value with a condition value; like makes `*` and `?` in the condition
// value wildcards, fold ignores case.
func compareStrings(v, want string, like, fold bool) grade {
	if !like && !hasToken(v) && !hasToken(want) {
		if fold {
			return boolGrade(strings.EqualFold(v, want))
		}
		return boolGrade(v == want)
	}
	p := compileGlob(want, like, fold)
	q := compileGlob(v, false, fold)
	return overlap(&p, &q)
}

// compareOrdered compares two numbers or dates.
func compareOrdered(v, want string, op cmpOp, parse func(string) (float64, bool)) grade {
	if hasToken(v) || hasToken(want) {
		return maybe
	}
	a, ok1 := parse(v)
	b, ok2 := parse(want)
	if !ok1 || !ok2 {
		return no
	}
	switch op {
	case cmpLt:
		return boolGrade(a < b)
	case cmpLe:
		return boolGrade(a <= b)
	case cmpGt:
		return boolGrade(a > b)
	case cmpGe:
		return boolGrade(a >= b)
	}
	return boolGrade(a == b)
}

func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil
}

// dateLayouts are the ISO 8601 forms IAM accepts in Date conditions; an all-digit value is epoch seconds.
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"}

func parseDate(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return float64(n), true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return float64(t.UnixNano()) / 1e9, true
		}
	}
	return 0, false
}

// compareIP reports whether the request's address v is in the CIDR (or is the address) want.
func compareIP(v, want string) grade {
	if hasToken(v) || hasToken(want) {
		return maybe
	}
	addr, err := netip.ParseAddr(strings.TrimSpace(v))
	if err != nil {
		return no
	}
	want = strings.TrimSpace(want)
	if !strings.Contains(want, "/") {
		w, err := netip.ParseAddr(want)
		return boolGrade(err == nil && w.Unmap() == addr.Unmap())
	}
	prefix, err := netip.ParsePrefix(want)
	if err != nil {
		return no
	}
	return boolGrade(prefix.Contains(addr.Unmap()) || prefix.Contains(addr))
}
