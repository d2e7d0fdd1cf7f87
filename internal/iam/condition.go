package iam

import (
	"fmt"
	"sort"
	"strings"
)

// Conditions follow the IAM condition operators reference
// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html) and
// "Multivalued context keys" (reference_policies_condition-single-vs-multi-valued-context-keys.html):
//
//   - several operators in a Condition, and several keys under one operator, must all hold (AND); several
//     values for one key match if any does (OR);
//   - keys are case-insensitive; StringEquals and StringLike values are case-sensitive, StringEqualsIgnoreCase
//     is not; StringLike and ArnLike take `*` and `?`; ArnEquals and ArnLike compare the six ARN fields apart;
//   - a negated operator (StringNotEquals, NotIpAddress, ArnNotLike…) holds when the key is absent;
//     ...IfExists holds when the key is absent; Null tests presence;
//   - ForAnyValue: holds if some request value matches, and is false when the key is absent or empty;
//     ForAllValues: holds if every request value matches, and is true when the key is absent or empty.
//
// A key the request context does not supply is unknown: the condition's outcome is "maybe", which an Allow
// takes as holding and a Deny as not applying, and the Decision lists the condition's text.

// Context holds the condition keys a request is known to carry, with their values. Keys are compared
// case-insensitively. A key mapped to an empty list is known to be absent from the request; a key that is not
// in the map is unknown. Policy variables (${aws:username}) in resources and condition values are replaced by
// the context's value when it has exactly one.
type Context map[string][]string

// lookup returns the values of key and whether the context knows the key.
func (c Context) lookup(key string) ([]string, bool) {
	if len(c) == 0 {
		return nil, false
	}
	if v, ok := c[key]; ok {
		return v, true
	}
	if v, ok := c[strings.ToLower(key)]; ok {
		return v, true
	}
	var match string
	found := false
	for k := range c {
		if strings.EqualFold(k, key) && (!found || k < match) {
			match, found = k, true
		}
	}
	if found {
		return c[match], true
	}
	return nil, false
}

type family uint8

const (
	famUnknown family = iota
	famString
	famStringFold
	famLike
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famARN
	famNull
)

// cmpOp is the comparison of numeric and date operators.
type cmpOp uint8

const (
	cmpEq cmpOp = iota
	cmpLt
	cmpLe
	cmpGt
	cmpGe
)

type qualifier uint8

const (
	qualNone qualifier = iota
	qualAny
	qualAll
)

// Condition is one (operator, key) pair of a statement's Condition element with its values.
type Condition struct {
	Operator string // as written: "ForAnyValue:StringLike", "StringEqualsIfExists"
	Key      string // as written: "aws:SourceVpc", "${var.oidc_issuer_host}:sub"
	Values   []string

	fam      family
	cmp      cmpOp
	neg      bool
	ifExists bool
	qual     qualifier
	keyGlob  *glob  // set when the key holds ${...} tokens
	text     string // Text, rendered once
	unknown  string // what is assumed when the request lacks the key, rendered once
}

// Text renders the condition as policy authors read it: `StringEquals aws:SourceVpc ["vpc-1"]`.
func (c *Condition) Text() string {
	if c.text != "" {
		return c.text
	}
	return c.render()
}

func (c *Condition) render() string {
	if c.fam == famUnknown && c.Key == "" {
		return c.Operator
	}
	quoted := make([]string, len(c.Values))
	for i, v := range c.Values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return c.Operator + " " + c.Key + " [" + strings.Join(quoted, ", ") + "]"
}

// unknownCondition is a condition Seam could not read: it always evaluates to maybe.
func unknownCondition(text string) Condition {
	return Condition{Operator: text, fam: famUnknown, text: text}
}

var operators = map[string]struct {
	fam family
	cmp cmpOp
	neg bool
}{
	"StringEquals": {famString, cmpEq, false}, "StringNotEquals": {famString, cmpEq, true},
	"StringEqualsIgnoreCase": {famStringFold, cmpEq, false}, "StringNotEqualsIgnoreCase": {famStringFold, cmpEq, true},
	"StringLike": {famLike, cmpEq, false}, "StringNotLike": {famLike, cmpEq, true},
	"NumericEquals": {famNumeric, cmpEq, false}, "NumericNotEquals": {famNumeric, cmpEq, true},
	"NumericLessThan": {famNumeric, cmpLt, false}, "NumericLessThanEquals": {famNumeric, cmpLe, false},
	"NumericGreaterThan": {famNumeric, cmpGt, false}, "NumericGreaterThanEquals": {famNumeric, cmpGe, false},
	"DateEquals": {famDate, cmpEq, false}, "DateNotEquals": {famDate, cmpEq, true},
	"DateLessThan": {famDate, cmpLt, false}, "DateLessThanEquals": {famDate, cmpLe, false},
	"DateGreaterThan": {famDate, cmpGt, false}, "DateGreaterThanEquals": {famDate, cmpGe, false},
	"Bool": {famBool, cmpEq, false}, "BinaryEquals": {famBinary, cmpEq, false},
	"IpAddress": {famIP, cmpEq, false}, "NotIpAddress": {famIP, cmpEq, true},
	"ArnEquals": {famARN, cmpEq, false}, "ArnLike": {famARN, cmpEq, false},
	"ArnNotEquals": {famARN, cmpEq, true}, "ArnNotLike": {famARN, cmpEq, true},
	"Null": {famNull, cmpEq, false},
}

// newCondition compiles one operator/key/values triple. An operator Seam does not know gives a condition that
// always evaluates to maybe, and an error saying so.
func newCondition(op, key string, values []string) (c Condition, err error) {
	c = Condition{Operator: op, Key: key, Values: values}
	defer func() {
		c.text = c.render()
		c.unknown = "condition " + c.text + ": " + c.Key + " is not known for this request"
	}()
	name := op
	if q, rest, ok := strings.Cut(name, ":"); ok {
		switch {
		case strings.EqualFold(q, "ForAnyValue"):
			c.qual = qualAny
		case strings.EqualFold(q, "ForAllValues"):
			c.qual = qualAll
		default:
			return c, fmt.Errorf("unknown set operator %q", q)
		}
		name = rest
	}
	if base, ok := strings.CutSuffix(name, "IfExists"); ok && base != "" {
		c.ifExists, name = true, base
	}
	def, ok := operators[name]
	if !ok {
		for k, d := range operators {
			if strings.EqualFold(k, name) {
				def, ok = d, true
				break
			}
		}
	}
	if !ok || (def.fam == famNull && c.ifExists) {
		return c, fmt.Errorf("unknown condition operator %q", op)
	}
	c.fam, c.cmp, c.neg = def.fam, def.cmp, def.neg
	if strings.Contains(key, "${") {
		g := compileGlob(key, false, true)
		if g.toks {
			c.keyGlob = &g
		}
	}
	return c, nil
}

// evalConditions grades a statement's conditions against a request (AND) and returns the texts of those it
// had to assume, with why.
func evalConditions(conds []Condition, cx *ctxView) (grade, []string) {
	g := yes
	var assumed []string
	for i := range conds {
		cg, why := conds[i].eval(cx)
		if cg == no {
			return no, nil
		}
		if cg == maybe {
			assumed = append(assumed, why)
		}
		g = minGrade(g, cg)
	}
	return g, assumed
}

// eval grades one condition; for maybe it says what was assumed.
func (c *Condition) eval(cx *ctxView) (grade, string) {
	if c.fam == famUnknown {
		return maybe, "condition " + c.Text() + " could not be read"
	}
	if c.keyGlob != nil {
		return c.evalTokenKey(cx)
	}
	vals, known := cx.lookup(c.Key)
	if !known {
		if c.unknown == "" {
			return maybe, "condition " + c.Text() + ": " + c.Key + " is not known for this request"
		}
		return maybe, c.unknown
	}
	g := c.evalValues(vals, cx)
	if g == maybe {
		return maybe, "condition " + c.Text() + ": compared with unknown parts of the values"
	}
	return g, ""
}

// evalTokenKey evaluates a condition whose key holds a token (${var.oidc_issuer_host}:sub): every context key
// the pattern matches is a candidate, and so is a key the request lacks (the token may stand for another
// key). The outcome is certain only when every candidate gives the same one; a match is an assumption.
func (c *Condition) evalTokenKey(cx *ctxView) (grade, string) {
	keys := cx.keysMatching(c.keyGlob)
	if len(keys) == 0 {
		return maybe, "condition " + c.Text() + ": no condition key known for this request matches " + c.Key
	}
	lo := c.evalValues(nil, cx)
	hi := lo
	for _, k := range keys {
		vals, _ := cx.lookup(k)
		g := c.evalValues(vals, cx)
		lo, hi = minGrade(lo, g), maxGrade(hi, g)
	}
	switch {
	case hi == no:
		return no, ""
	case lo == yes:
		return yes, ""
	}
	return maybe, "condition " + c.Text() + ": key assumed to be " + strings.Join(keys, " or ")
}

// evalValues grades the condition with the request's values of its key (nil: the key is absent).
func (c *Condition) evalValues(vals []string, cx *ctxView) grade {
	if c.fam == famNull {
		want := len(c.Values) > 0 && strings.EqualFold(c.Values[0], "true")
		return boolGrade((len(vals) == 0) == want)
	}
	if len(vals) == 0 {
		switch {
		case c.ifExists:
			return yes
		case c.qual == qualAll:
			return yes
		case c.qual == qualAny:
			return no
		}
		return boolGrade(c.neg)
	}
	match := func(v string) grade { // does request value v match any condition value
		g := no
		for _, want := range c.Values {
			if g = maxGrade(g, c.compare(v, cx.substitute(want))); g == yes {
				break
			}
		}
		return g
	}
	switch c.qual {
	case qualAll:
		g := yes
		for _, v := range vals {
			m := match(v)
			if c.neg {
				m = notGrade(m)
			}
			g = minGrade(g, m)
		}
		return g
	case qualAny:
		g := no
		for _, v := range vals {
			m := match(v)
			if c.neg {
				m = notGrade(m)
			}
			g = maxGrade(g, m)
		}
		return g
	}
	g := no
	for _, v := range vals {
		g = maxGrade(g, match(v))
	}
	if c.neg {
		return notGrade(g)
	}
	return g
}

// sortedContextKeys returns the keys of a context, sorted.
func sortedContextKeys(c Context) []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
