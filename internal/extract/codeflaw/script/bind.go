package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// assign evaluates an assignment and binds its target.
func (e *engine) assign(a *syntax.Assign) taint {
	if a.R == nil { // let x;
		if id, ok := a.L.(*syntax.Ident); ok {
			e.set(id.Name, &binding{}, true)
		}
		return none
	}
	t, sh := e.evalShaped(a.R)
	switch a.Op {
	case "=", ":=":
	case "??=", "||=":
		old := e.eval(a.L)
		t, sh = merge(old, t), shape{}
	default: // +=, .=, …: the old value with more appended
		old := e.eval(a.L)
		if a.Op == "+=" || a.Op == ".=" {
			t = merge(old, t)
			if old.tainted() {
				t.clean = old.clean & t.clean
			}
		} else {
			t = none
		}
		sh = shape{}
	}
	e.bind(a.L, t, sh, a.Decl != "")
	return t
}

// bind gives a target (a name, a destructuring pattern, a property or element) the taint t of an assigned
// value with shape sh.
func (e *engine) bind(target syntax.Expr, t taint, sh shape, decl bool) {
	switch x := target.(type) {
	case *syntax.Ident:
		b := &binding{t: t.hop(), canon: sh.canon, props: sh.props, elems: sh.elems, shaped: sh.shaped, from: sh.from}
		e.set(x.Name, b, decl)
	case *syntax.Object: // const { url, id: userId, ...rest } = req.query
		for _, p := range x.Props {
			if p.Spread {
				e.bind(p.Value, t, shape{}, decl)
				continue
			}
			pt, psh := e.field(t, sh, p.Key)
			e.bind(destructTarget(p.Value), pt, psh, decl)
		}
	case *syntax.Array: // [a, b] = …, a, b = …, list($a, $b) = …
		for i, el := range x.Elems {
			et := t.specific()
			if sh.elems != nil {
				et = none
				if i < len(sh.elems) {
					et = sh.elems[i]
				}
			}
			if u, ok := el.(*syntax.Unary); ok && (u.Op == "..." || u.Op == "*") {
				e.bind(u.X, t, shape{}, decl)
				continue
			}
			e.bind(destructTarget(el), et, shape{}, decl)
		}
	case *syntax.Member:
		e.bindInto(x.X, x.Name, t)
	case *syntax.Index:
		key, _ := litKey(x.Key)
		e.eval(x.Key)
		e.bindInto(x.X, key, t)
	case *syntax.Unary: // *rest in a Python target
		e.bind(x.X, t, shape{}, decl)
	}
}

// destructTarget strips a default from a destructuring target ({ a = 1 } binds a).
func destructTarget(x syntax.Expr) syntax.Expr {
	if a, ok := x.(*syntax.Assign); ok {
		return a.L
	}
	return x
}

// field returns the taint and shape of property key of a value: from the object literal it came from, or a
// field of input (a specific value, even when the object was a whole input object).
func (e *engine) field(t taint, sh shape, key string) (taint, shape) {
	if sh.props != nil {
		if pt, ok := sh.props[key]; ok {
			return pt, shape{}
		}
		if sh.shaped {
			return none, shape{}
		}
	}
	fs := shape{}
	if sh.canon != "" && key != "" {
		fs.canon = sh.canon + "." + key
	}
	if t.broad && key != "" { // const { url } = req.query: the source is req.query.url
		o := *t.src
		o.suffix += "." + key
		t.src = &o
	}
	return t.specific(), fs
}

// bindInto records that property key of the object held by x (a name, or a deeper property) now holds t.
func (e *engine) bindInto(x syntax.Expr, key string, t taint) {
	root := x
	for {
		switch r := root.(type) {
		case *syntax.Member:
			root, key = r.X, ""
			continue
		case *syntax.Index:
			root, key = r.X, ""
			continue
		}
		break
	}
	id, ok := root.(*syntax.Ident)
	if !ok {
		return
	}
	b := e.lookup(id.Name)
	if b == nil {
		b = &binding{shaped: true}
		e.scope.vars[id.Name] = b
	}
	if key != "" {
		if b.props == nil {
			b.props = map[string]taint{}
		}
		b.props[key] = merge(b.props[key], t)
	}
	if t.tainted() {
		if !b.shaped || key == "" {
			b.shaped = false
		}
		b.t = merge(b.t, t)
	}
}

// evalShaped evaluates an expression whose value is being bound, keeping what a binding needs beyond taint:
// an object or array literal's parts, the module or instance a call or name stands for.
func (e *engine) evalShaped(x syntax.Expr) (taint, shape) {
	switch n := x.(type) {
	case *syntax.Object:
		sh := shape{props: map[string]taint{}, shaped: true}
		var t taint
		for _, p := range n.Props {
			e.eval(p.KeyX)
			pt := e.eval(p.Value)
			switch {
			case p.Spread:
				sh.shaped = false
			case isFalse(p.Value):
				// left out: it carries nothing, and { shell: false } then reads as asking for no shell
			case p.Key != "":
				sh.props[p.Key] = pt
			}
			t = merge(t, pt)
		}
		return t, sh
	case *syntax.Array:
		sh := shape{elems: []taint{}, shaped: true}
		var t taint
		for _, el := range n.Elems {
			et := e.eval(el)
			if u, ok := el.(*syntax.Unary); ok && (u.Op == "..." || u.Op == "*") {
				sh.shaped = false
			}
			sh.elems = append(sh.elems, et)
			t = merge(t, et)
		}
		if !sh.shaped {
			sh.elems = nil
		}
		return t, sh
	case *syntax.Unary:
		if n.Op == "await" {
			return e.evalShaped(n.X)
		}
	case *syntax.Call:
		t := e.eval(n)
		return t, shape{canon: e.created(n), from: e.parsedFrom(n)}
	case *syntax.Ident, *syntax.Member:
		t := e.eval(x)
		canon, known := e.resolve(x)
		if !known {
			canon = ""
		}
		return t, shape{canon: canon}
	}
	return e.eval(x), shape{}
}

// created returns the canonical name of what a call creates: a module (require("fs")), an instance of a
// known class or factory, or "".
func (e *engine) created(c *syntax.Call) string {
	if mod, ok := requireOf(c); ok {
		return mod
	}
	name, known := e.resolve(c.Fn)
	if (name == "util.promisify" || name == "promisify") && len(c.Args) == 1 {
		if inner, ok := e.resolve(c.Args[0].X); ok {
			return inner // the promise form of a function is the same sink
		}
	}
	if !known && !c.New {
		return ""
	}
	if inst := e.lang.instance(name); inst != "" {
		return inst
	}
	if c.New {
		return name
	}
	return ""
}

// parsedFrom returns the name a URL parse reads (new URL(x), urlparse(x), parse_url($x)), or "".
func (e *engine) parsedFrom(c *syntax.Call) string {
	name, _ := e.resolve(c.Fn)
	switch name {
	case "URL", "url.parse", "urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse", "parse_url":
	default:
		return ""
	}
	if len(c.Args) > 0 {
		if id, ok := c.Args[0].X.(*syntax.Ident); ok {
			return id.Name
		}
	}
	return ""
}

// requireOf returns the module of require("m") (JavaScript's CommonJS import).
func requireOf(c *syntax.Call) (string, bool) {
	id, ok := c.Fn.(*syntax.Ident)
	if !ok || id.Name != "require" || len(c.Args) != 1 {
		return "", false
	}
	if l, ok := c.Args[0].X.(*syntax.Lit); ok && l.Kind == syntax.LitString {
		return normaliseModule(l.Value), true
	}
	return "", false
}

// normaliseModule gives a JavaScript module one name: "node:fs" and "fs" are "fs", "fs/promises" is
// "fs.promises", the fetch polyfills are "fetch".
func normaliseModule(m string) string {
	m = strings.TrimPrefix(m, "node:")
	switch m {
	case "node-fetch", "cross-fetch", "isomorphic-fetch", "isomorphic-unfetch":
		return "fetch"
	}
	return strings.ReplaceAll(m, "/", ".")
}

// resolve returns the canonical name of a callee or receiver: imports and module-level instances resolved
// ("cp.exec" → "child_process.exec"); known reports whether the chain starts at something resolved.
func (e *engine) resolve(x syntax.Expr) (string, bool) {
	switch n := x.(type) {
	case *syntax.Ident:
		if b := e.lookup(n.Name); b != nil {
			if b.canon != "" {
				return b.canon, true
			}
			return n.Name, false
		}
		if a, ok := e.file.aliases[n.Name]; ok {
			return a, true
		}
		return n.Name, false
	case *syntax.Member:
		base, known := e.resolve(n.X)
		if n.Name == "default" && known {
			return base, true
		}
		return base + "." + n.Name, known
	case *syntax.Call:
		if c := e.created(n); c != "" {
			return c, true
		}
		name, _ := e.resolve(n.Fn)
		return name + "()", false
	case *syntax.Unary:
		if n.Op == "await" {
			return e.resolve(n.X)
		}
	}
	return "?", false
}

// isFalse reports whether x is the literal false (False in Python).
func isFalse(x syntax.Expr) bool {
	l, ok := x.(*syntax.Lit)
	return ok && l.Kind == syntax.LitOther && (l.Value == "false" || l.Value == "False")
}
