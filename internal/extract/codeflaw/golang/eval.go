package golang

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"
)

// maxEvalDepth bounds the nesting of expressions Seam follows (only generated or hostile code nests this
// deep); past it the handler is reported as analysed in part.
const maxEvalDepth = 200

// eval returns what Seam knows of an expression's value, and records the sinks the expression's calls reach.
func (a *fn) eval(e ast.Expr) value {
	if e == nil {
		return value{}
	}
	if a.evalDepth > maxEvalDepth {
		a.exhausted = true
		return value{}
	}
	a.evalDepth++
	defer func() { a.evalDepth-- }()
	v := a.evalExpr(e)
	if v.tainted() && a.f.harmless(e) {
		v = value{hint: v.hint, carrier: v.carrier}
	}
	return v
}

func (a *fn) evalExpr(e ast.Expr) value {
	switch e := e.(type) {
	case *ast.Ident:
		return a.ident(e)
	case *ast.ParenExpr:
		return a.eval(e.X)
	case *ast.SelectorExpr:
		return a.selector(e)
	case *ast.IndexExpr:
		if a.isSource(e) {
			return a.sourceValue(e)
		}
		a.eval(e.Index)
		return a.element(a.eval(e.X))
	case *ast.IndexListExpr:
		return a.eval(e.X)
	case *ast.SliceExpr:
		a.eval(e.Low)
		a.eval(e.High)
		a.eval(e.Max)
		return taintOnly(a.eval(e.X))
	case *ast.StarExpr:
		return a.eval(e.X)
	case *ast.UnaryExpr:
		v := a.eval(e.X)
		switch e.Op {
		case token.AND:
			return v
		case token.ARROW:
			return taintOnly(v)
		}
		return value{} // !x, -x, ^x: booleans and numbers
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return a.concat(e)
		}
		a.eval(e.X)
		a.eval(e.Y)
		return value{} // comparisons, logic and arithmetic give booleans and numbers
	case *ast.CallExpr:
		return a.call(e)
	case *ast.CompositeLit:
		return a.composite(e)
	case *ast.FuncLit:
		a.closureAtDefinition(e)
		return value{closure: e}
	case *ast.TypeAssertExpr:
		v := taintOnly(a.eval(e.X))
		v.hint = a.f.typeHint(e.Type)
		return v
	case *ast.KeyValueExpr:
		a.eval(e.Key)
		return a.eval(e.Value)
	}
	return value{}
}

// ident returns the value of a variable — the function's own state first, then the package's — with
// the input its fields were given since (u.Host = input taints u).
func (a *fn) ident(id *ast.Ident) value {
	k, ok := a.f.keyOf(id)
	if !ok {
		return value{}
	}
	return a.withFields(k, a.shallow(k))
}

// shallow returns the value of a variable as assigned, without its fields.
func (a *fn) shallow(k string) value {
	if v, ok := a.st[k]; ok {
		return v
	}
	return a.f.globals[k]
}

// urlParts are the fields of a url.URL that cannot move its host.
var urlParts = set("Path", "RawPath", "RawQuery", "Fragment", "RawFragment", "ForceQuery", "OmitHost")

// withFields joins v with the values assigned to fields under key, in key order. For a URL, input in its
// path or query leaves the host fixed.
func (a *fn) withFields(key string, v value) value {
	prefix := key + "."
	var keys []string
	for k, w := range a.st {
		if strings.HasPrefix(k, prefix) && w.tainted() {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return v
	}
	sort.Strings(keys)
	isURL := v.isURL || v.hint == "net/url.URL"
	for _, k := range keys {
		w := taintOnly(a.st[k])
		field, _, _ := strings.Cut(k[len(prefix):], ".")
		if isURL && urlParts[field] {
			w.hostFixed = true
		}
		if !v.tainted() && isURL {
			w.isURL = true
		}
		v = join(v, w)
	}
	return v
}

// selector returns the value of x.Sel: request input when it is one, a package variable, or a field of a
// value Seam knows (with what its own fields were given).
func (a *fn) selector(e *ast.SelectorExpr) value {
	if a.isSource(e) {
		return a.sourceValue(e)
	}
	if p := a.f.pkgOf(e.X); p != "" {
		v := a.f.globals["pkg:"+p+"."+e.Sel.Name]
		if p == "net/http" && e.Sel.Name == "DefaultClient" {
			v.hint = "net/http.Client"
		}
		return v
	}
	if k := a.carrierOf(e); k != noCarrier {
		return value{carrier: k}
	}
	if k, ok := a.f.keyOf(e); ok {
		return a.withFields(k, a.field(e))
	}
	return a.fieldOf(a.eval(e.X), e.Sel.Name)
}

// field returns the value of a variable or field path as assigned: its own entry, or the field of its
// parent's — not what sibling fields were given.
func (a *fn) field(e ast.Expr) value {
	switch x := e.(type) {
	case *ast.Ident:
		if k, ok := a.f.keyOf(x); ok {
			return a.shallow(k)
		}
	case *ast.ParenExpr:
		return a.field(x.X)
	case *ast.StarExpr:
		return a.field(x.X)
	case *ast.SelectorExpr:
		if k, ok := a.f.keyOf(x); ok {
			if v, ok := a.st[k]; ok {
				return v
			}
		}
		if a.f.pkgOf(x.X) != "" || a.isSource(x) {
			return a.selector(x)
		}
		if k := a.carrierOf(x); k != noCarrier {
			return value{carrier: k}
		}
		return a.fieldOf(a.field(x.X), x.Sel.Name)
	}
	return a.eval(e)
}

// fieldOf is the value of field name of a value: its taint, and the field's type when the struct is
// declared in the file.
func (a *fn) fieldOf(x value, name string) value {
	out := taintOnly(x)
	out.isURL, out.origin = false, ""
	out.hint = a.f.fieldHint(x.hint, name)
	return out
}

// element returns the value of an element of a container: tainted when the container is (the value of a
// map indexed by request input is the program's own data).
func (a *fn) element(container value) value {
	out := taintOnly(container)
	out.isURL, out.origin = false, ""
	return out
}

// concat evaluates a chain of string concatenations. The result is a URL with a fixed host when its
// leading constants write a scheme and a host, or when it starts with a value that is not request input (a
// configured base URL: Seam assumes it ends in a host).
func (a *fn) concat(e *ast.BinaryExpr) value {
	var operands []ast.Expr
	for x := ast.Expr(e); ; {
		b, ok := x.(*ast.BinaryExpr)
		if !ok || b.Op != token.ADD {
			operands = append(operands, x)
			break
		}
		operands = append(operands, b.Y)
		x = b.X
	}
	var out value
	vals := make([]value, len(operands))
	for i := len(operands) - 1; i >= 0; i-- {
		vals[i] = a.eval(operands[i])
		out = join(out, taintOnly(vals[i]))
	}
	if !out.tainted() {
		return out
	}
	out.isURL, out.origin, out.outReq, out.cleaned = false, "", false, false
	var prefix strings.Builder
	first := len(operands) - 1
	for ; first >= 0; first-- {
		s, ok := a.f.constString(operands[first])
		if !ok {
			break
		}
		prefix.WriteString(s)
	}
	if first >= 0 {
		p := prefix.String()
		lead := vals[first]
		out.hostFixed = fixedHost(p) || (p == "" && lead.hostFixed) ||
			(!lead.tainted() && (p == "" || strings.HasSuffix(p, "://")))
	}
	return out
}

// fixedHostRE matches the start of a URL whose scheme and host are complete, or a path (which a client
// cannot send anywhere by itself).
var fixedHostRE = regexp.MustCompile(`^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+[/?#]|/)`)

func fixedHost(prefix string) bool { return fixedHostRE.MatchString(prefix) }

// composite evaluates a composite literal: it holds request input if any element does. A url.URL literal
// whose Host is not request input has a fixed host.
func (a *fn) composite(e *ast.CompositeLit) value {
	out := value{}
	hostClean := false
	for _, el := range e.Elts {
		v := a.eval(el)
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Host" && !v.tainted() {
				hostClean = true
			}
		}
		out = join(out, taintOnly(v))
	}
	out.hint = a.f.typeHint(e.Type)
	if out.tainted() && out.hint == "net/url.URL" {
		out.isURL, out.hostFixed = true, hostClean
	}
	return out
}

// isConversion reports whether a call is a type conversion (string(b), []byte(s), MyType(x)).
func (a *fn) isConversion(c *ast.CallExpr) bool {
	if len(c.Args) != 1 {
		return false
	}
	switch fun := c.Fun.(type) {
	case *ast.ArrayType, *ast.MapType, *ast.InterfaceType, *ast.ChanType, *ast.FuncType:
		return true
	case *ast.ParenExpr:
		if _, ok := fun.X.(*ast.StarExpr); ok {
			return true
		}
	case *ast.Ident:
		if _, ok := a.f.info.Uses[fun].(*types.TypeName); ok {
			return true
		}
	}
	tv, ok := a.f.info.Types[c.Fun]
	return ok && tv.IsType()
}

// sprintf evaluates fmt.Sprintf and its kin: arguments formatted with a numeric verb carry no text. The
// result has a fixed host when the format's text before the first verb writes one, or when the format
// starts with a verb for a value that is not request input.
func (a *fn) sprintf(format ast.Expr, vals []value, fv value) value {
	out := taintOnly(fv)
	fs, ok := a.f.constString(format)
	if !ok {
		for _, v := range vals {
			out = join(out, taintOnly(v))
		}
		return out
	}
	verbs, prefix, simple := formatVerbs(fs)
	for i, v := range vals {
		if simple && i < len(verbs) && strings.ContainsRune("dboxXeEfFgGtcUpT", verbs[i]) {
			continue
		}
		out = join(out, taintOnly(v))
	}
	if out.tainted() {
		out.isURL, out.origin, out.cleaned = false, "", false
		out.hostFixed = fixedHost(prefix)
		if len(vals) > 0 && !out.hostFixed {
			lead := vals[0]
			out.hostFixed = (prefix == "" && lead.hostFixed) ||
				(!lead.tainted() && (prefix == "" || strings.HasSuffix(prefix, "://")))
		}
	}
	return out
}

// formatVerbs returns the verbs of a format string in argument order and the text before the first verb;
// simple is false when the format uses explicit argument indexes or '*' widths, which Seam does not follow.
func formatVerbs(format string) (verbs []rune, prefix string, simple bool) {
	simple = true
	first := -1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			break
		}
		switch format[j] {
		case '%':
			i = j
			continue
		case '[', '*':
			simple = false
		}
		if first < 0 {
			first = i
		}
		verbs = append(verbs, rune(format[j]))
		i = j
	}
	if first < 0 {
		first = len(format)
	}
	return verbs, strings.ReplaceAll(format[:first], "%%", "%"), simple
}
