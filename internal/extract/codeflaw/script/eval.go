package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// shape is what is known of a value besides its taint: the module or instance it is, the taint of its
// properties or elements, the name a parsed URL came from.
type shape struct {
	canon  string
	props  map[string]taint
	elems  []taint
	shaped bool
	from   string
}

// numericProps are properties that are numbers whatever the object holds.
var numericProps = map[string]bool{"length": true, "size": true, "byteLength": true}

// eval returns the taint of an expression, reporting the sinks it reaches on the way.
func (e *engine) eval(x syntax.Expr) taint {
	if x == nil || !e.step() {
		return none
	}
	if e.depth >= maxEvalDepth {
		e.budget.deep = true
		return none
	}
	e.depth++
	defer func() { e.depth-- }()
	if t, ok := e.lang.source(e, x); ok {
		if !t.tainted() || len(e.srcClean) == 0 {
			return t
		}
		if m := e.srcClean[t.src.textIn(e.file)]; m != 0 {
			t = t.cleaned(m)
		}
		return t
	}
	switch n := x.(type) {
	case *syntax.Ident:
		if b := e.lookup(n.Name); b != nil {
			return b.t
		}
	case *syntax.Interp:
		return e.interp(n)
	case *syntax.Member:
		return e.checkedRead(x, e.member(n))
	case *syntax.Index:
		t := e.eval(n.X)
		e.eval(n.Key)
		if key, ok := litKey(n.Key); ok {
			if b := e.rootBinding(n.X); b != nil && b.props != nil {
				if pt, ok := b.props[key]; ok {
					return pt
				}
				if b.shaped {
					return none
				}
			}
		}
		return e.checkedRead(x, e.fieldOf(t, n.X, n))
	case *syntax.Call:
		return e.call(n)
	case *syntax.Binary:
		return e.binary(n)
	case *syntax.Unary:
		return e.unary(n)
	case *syntax.Cond:
		c := e.eval(n.C)
		if n.T == nil { // PHP's c ?: f gives c when it is truthy
			return merge(c, e.eval(n.F))
		}
		return merge(e.eval(n.T), e.eval(n.F))
	case *syntax.Assign:
		return e.assign(n)
	case *syntax.Object, *syntax.Array:
		t, _ := e.evalShaped(x)
		return t
	case *syntax.Comp:
		return e.comprehension(n)
	case *syntax.Func:
		e.inline(n, none)
	}
	return none
}

// member returns the taint of x.name: a field of input is input; a property an object literal did not set
// carries none of its other properties' taint.
func (e *engine) member(n *syntax.Member) taint {
	if b := e.rootBinding(n.X); b != nil && b.props != nil {
		if t, ok := b.props[n.Name]; ok {
			return t
		}
		if b.shaped {
			return none
		}
	}
	t := e.eval(n.X)
	if numericProps[n.Name] {
		return none
	}
	return e.fieldOf(t, n.X, n)
}

// checkedRead applies a check made of input read in place (ALLOWED.includes(req.query.sort)) to a later read
// of the same expression.
func (e *engine) checkedRead(x syntax.Expr, t taint) taint {
	if len(e.srcClean) == 0 || !t.tainted() || x.Pos().End-x.Pos().Off > 256 {
		return t
	}
	if m := e.srcClean[e.file.text(x)]; m != 0 {
		return t.cleaned(m)
	}
	return t
}

// fieldOf returns the taint of field whole read from parent, whose taint is t: one value of input. When
// parent is the request read itself (req.query), the field's text is the better source to show
// (req.query.url).
func (e *engine) fieldOf(t taint, parent, whole syntax.Expr) taint {
	if t.broad && t.src != nil {
		switch {
		case t.src.is(parent):
			t.src = spanOrigin(whole)
		case t.src.fixed != "" && t.src.suffix == "": // a parameter that is a whole input object
			if m, ok := whole.(*syntax.Member); ok {
				o := *t.src
				o.suffix = "." + m.Name
				t.src = &o
			}
		}
	}
	return t.specific()
}

// rootBinding returns the binding of x when x is a plain name.
func (e *engine) rootBinding(x syntax.Expr) *binding {
	if id, ok := x.(*syntax.Ident); ok {
		return e.lookup(id.Name)
	}
	return nil
}

// litKey returns the key of an index with a literal key.
func litKey(x syntax.Expr) (string, bool) {
	if l, ok := x.(*syntax.Lit); ok && (l.Kind == syntax.LitString || l.Kind == syntax.LitNumber) {
		return l.Value, true
	}
	return "", false
}

// interp returns the taint of a template literal, f-string or interpolated PHP string. A tagged template is
// the tag's business: a SQL tag makes it a parameterised query.
func (e *engine) interp(n *syntax.Interp) taint {
	var t taint
	var prefix strings.Builder
	prefixDone := false
	for _, p := range n.Parts {
		if p.X == nil {
			if !prefixDone {
				prefix.WriteString(p.Lit)
			}
			continue
		}
		pt := e.eval(p.X)
		if pt.tainted() {
			prefixDone = true
		} else if !prefixDone {
			prefix.WriteString(e.constText(p.X))
		}
		t = merge(t, pt)
	}
	if t.tainted() {
		t = t.cleaned(prefixCleans(prefix.String()))
	}
	if n.Tag != nil {
		return e.taggedTemplate(n, t)
	}
	if n.Shell && t.tainted() {
		e.shellString(n, t)
	}
	return t
}

// constText is the text an untainted operand contributes to a prefix: a literal's value, or the placeholder
// for a value the detector does not know.
func (e *engine) constText(x syntax.Expr) string {
	if l, ok := x.(*syntax.Lit); ok && l.Kind == syntax.LitString {
		return l.Value
	}
	if in, ok := x.(*syntax.Interp); ok && in.Tag == nil {
		var b strings.Builder
		for _, p := range in.Parts {
			if p.X != nil {
				b.WriteString(e.constText(p.X))
				continue
			}
			b.WriteString(p.Lit)
		}
		return b.String()
	}
	return placeholder
}

// binary returns the taint of a binary operation.
func (e *engine) binary(n *syntax.Binary) taint {
	l, r := e.eval(n.L), e.eval(n.R)
	switch e.lang.binaryOp(n.Op) {
	case opConcat:
		t := merge(l, r)
		if t.tainted() && !l.tainted() {
			t = t.cleaned(prefixCleans(e.leftText(n.L)))
		}
		return t
	case opFormat:
		return e.format(n, l, r)
	case opEither:
		return merge(l, r)
	}
	return none
}

// leftText is the untainted text a concatenation begins with, through nested concatenations.
func (e *engine) leftText(x syntax.Expr) string {
	if b, ok := x.(*syntax.Binary); ok && e.lang.binaryOp(b.Op) == opConcat {
		return e.leftText(b.L) + e.constText(b.R)
	}
	return e.constText(x)
}

// format returns the taint of Python's "fmt" % args: numeric conversions (%d, %i, %f…) take only numbers,
// so input formatted through them is not input any more.
func (e *engine) format(n *syntax.Binary, l, r taint) taint {
	fmtStr, ok := n.L.(*syntax.Lit)
	if !ok || fmtStr.Kind != syntax.LitString {
		return merge(l, r)
	}
	var args []syntax.Expr
	if arr, ok := n.R.(*syntax.Array); ok {
		args = arr.Elems
	} else {
		args = []syntax.Expr{n.R}
	}
	return e.formatArgs(fmtStr.Value, args, r)
}

// formatArgs applies a printf-style format to arguments: the taint of the arguments that land in string
// conversions, with the text before the first of them as the prefix. whole is the taint when the arguments
// cannot be matched to conversions.
func (e *engine) formatArgs(format string, args []syntax.Expr, whole taint) taint {
	convs := conversions(format)
	if len(convs) != len(args) {
		return whole
	}
	var t taint
	prefix := ""
	for i, a := range args {
		at := e.eval(a)
		if convs[i].numeric {
			continue
		}
		if at.tainted() && !t.tainted() {
			prefix = format[:convs[i].at]
		}
		t = merge(t, at)
	}
	if t.tainted() {
		t = t.cleaned(prefixCleans(prefix))
	}
	return t
}

// conversion is one %-conversion in a format string.
type conversion struct {
	at      int
	numeric bool
}

// conversions lists the %-conversions of a printf-style format ("%%" is none): Python's %(name)s, flags,
// width, precision and length modifiers, and PHP's %'c padding.
func conversions(format string) []conversion {
	var out []conversion
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		if j < len(format) && format[j] == '(' {
			for j < len(format) && format[j] != ')' {
				j++
			}
			j++
		}
		for j < len(format) && strings.IndexByte("#0- +.*0123456789hlLqjzt'", format[j]) >= 0 {
			if format[j] == '\'' {
				j++
			}
			j++
		}
		if j >= len(format) {
			break
		}
		if format[j] == '%' {
			i = j
			continue
		}
		out = append(out, conversion{at: i, numeric: strings.IndexByte("diouxXeEfFgGcb", format[j]) >= 0})
		i = j
	}
	return out
}

// unary returns the taint of a prefix operation: negation, typeof and numeric casts make a boolean, type
// name or number; await, spread, error suppression and string casts keep the value.
func (e *engine) unary(n *syntax.Unary) taint {
	t := e.eval(n.X)
	switch n.Op {
	case "await", "...", "@", "(string)", "(array)", "(object)", "*", "**", "yield", "clone", "&", "$":
		return t
	case "print", "throw":
		return none
	}
	return none
}

// comprehension binds the loop variable to the iterable's elements and returns the element's taint.
func (e *engine) comprehension(c *syntax.Comp) taint {
	it := e.eval(c.Iter)
	outer := e.scope
	e.scope = &scope{vars: map[string]*binding{}, parent: outer}
	e.bind(c.Target, it.specific(), shape{}, true)
	for _, x := range c.Conds {
		e.eval(x)
	}
	t := e.eval(c.Elem)
	e.scope = outer
	return t
}
