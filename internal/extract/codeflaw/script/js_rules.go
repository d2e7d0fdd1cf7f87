package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// srcKind says whether a request property is a whole input object (broad) or one value.
type srcKind struct{ broad bool }

var (
	broadSrc    = srcKind{broad: true}
	specificSrc = srcKind{}
)

// jsSources are the request properties that hold input, by the kind of request object: Express, Fastify
// and Next.js pages (req), Koa (ctx), the Fetch API Request of Next.js route handlers (web) and their
// context ({ params }).
var jsSources = map[string]map[string]srcKind{
	"req": {
		"query": broadSrc, "params": broadSrc, "body": broadSrc, "headers": broadSrc, "cookies": broadSrc,
		"signedCookies": broadSrc, "files": broadSrc, "file": broadSrc, "get()": specificSrc, "header()": specificSrc,
		"param()": specificSrc, "url": specificSrc, "originalUrl": specificSrc, "path": specificSrc,
		"hostname": specificSrc, "raw": broadSrc, "rawBody": specificSrc,
	},
	"ctx": {
		"query": broadSrc, "params": broadSrc, "headers": broadSrc, "request.body": broadSrc,
		"request.query": broadSrc, "request.headers": broadSrc, "request.files": broadSrc, "request.rawBody": specificSrc,
		"get()": specificSrc, "cookies.get()": specificSrc, "querystring": specificSrc, "url": specificSrc,
		"path": specificSrc, "request.url": specificSrc, "href": specificSrc, "req": broadSrc,
	},
	"web": {
		"json()": broadSrc, "formData()": broadSrc, "text()": specificSrc, "nextUrl.searchParams": broadSrc,
		"headers": broadSrc, "cookies": broadSrc, "url": specificSrc, "nextUrl.pathname": specificSrc,
		"nextUrl.href": specificSrc, "body": broadSrc, "query": broadSrc,
	},
	"context": {"params": broadSrc},
}

// chainOf returns the root name and the path of a member chain: req.query → ("req", "query"), ctx.get("x") →
// ("ctx", "get()").
func chainOf(x syntax.Expr) (string, string, bool) {
	var parts []string
	for i := 0; i < 8; i++ {
		switch n := x.(type) {
		case *syntax.Ident:
			if len(parts) == 0 {
				return "", "", false
			}
			for l, r := 0, len(parts)-1; l < r; l, r = l+1, r-1 {
				parts[l], parts[r] = parts[r], parts[l]
			}
			return n.Name, strings.Join(parts, "."), true
		case *syntax.Member:
			parts = append(parts, n.Name)
			x = n.X
		case *syntax.Call:
			m, ok := n.Fn.(*syntax.Member)
			if !ok || len(parts) > 0 {
				return "", "", false
			}
			parts = append(parts, m.Name+"()")
			x = m.X
		case *syntax.Unary:
			if n.Op != "await" || len(parts) > 0 {
				return "", "", false
			}
			x = n.X
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// source recognises request input read from the handler's request parameter.
func (javascript) source(e *engine, x syntax.Expr) (taint, bool) {
	root, p, ok := chainOf(x)
	if !ok {
		return none, false
	}
	kind, ok := e.isRoot(root)
	if !ok {
		return none, false
	}
	k, ok := jsSources[kind][p]
	if !ok {
		return none, false
	}
	return taint{src: spanOrigin(x), broad: k.broad}, true
}

// jsNumeric are functions whose result is a number or boolean whatever their argument.
var jsNumeric = names("parseInt", "parseFloat", "Number", "Boolean", "Number.parseInt", "Number.parseFloat",
	"Math.floor", "Math.ceil", "Math.round", "Math.abs", "Math.min", "Math.max", "Math.trunc", "isNaN", "isFinite",
	"Number.isInteger", "Number.isSafeInteger", "Number.isFinite", "Date.parse", "BigInt", "Array.isArray",
	"require", "uuid.validate", "validator.toInt", "validator.toFloat", "validator.toBoolean")

// jsTransparent are functions that return their arguments' content.
var jsTransparent = names("String", "JSON.stringify", "JSON.parse", "decodeURIComponent", "decodeURI", "encodeURI",
	"Buffer.from", "URL", "url.format", "url.parse", "url.resolve", "path.join", "path.resolve", "path.normalize",
	"path.posix.join", "path.win32.join", "querystring.stringify", "querystring.parse", "qs.parse", "qs.stringify",
	"Object.keys", "Object.values", "Object.entries", "Object.assign", "Object.fromEntries", "Array.from", "Array.of",
	"Promise.resolve", "structuredClone", "URLSearchParams", "atob", "btoa", "String.raw", "Promise.all")

// jsCleaners are sanitisers and the classes their result is safe for.
var jsCleaners = map[string]classSet{
	"path.basename": bit(flaw.PathTraversal), "path.posix.basename": bit(flaw.PathTraversal),
	"path.win32.basename": bit(flaw.PathTraversal), "sanitize-filename": bit(flaw.PathTraversal),
	"encodeURIComponent": bit(flaw.SSRF) | bit(flaw.PathTraversal) | bit(flaw.CommandInjection),
	"querystring.escape": bit(flaw.SSRF) | bit(flaw.PathTraversal) | bit(flaw.CommandInjection),
	"shell-quote.quote":  bit(flaw.CommandInjection), "shell-escape": bit(flaw.CommandInjection),
	"shellescape":      bit(flaw.CommandInjection),
	"sqlstring.escape": bit(flaw.SQLInjection), "sqlstring.escapeId": bit(flaw.SQLInjection),
	"mysql.escape": bit(flaw.SQLInjection), "mysql.escapeId": bit(flaw.SQLInjection),
	"mysql2.escape": bit(flaw.SQLInjection), "pg.escapeLiteral": bit(flaw.SQLInjection),
	"*.escape": bit(flaw.SQLInjection), "*.escapeId": bit(flaw.SQLInjection),
	"*.escapeLiteral": bit(flaw.SQLInjection), "*.escapeIdentifier": bit(flaw.SQLInjection),
	"validator.escape": 0,
}

// names makes a set.
func names(list ...string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, n := range list {
		m[n] = true
	}
	return m
}

// result knows the JavaScript functions that cast, sanitise or pass on their arguments.
func (javascript) result(cc *callCtx) (taint, bool) {
	switch {
	case jsNumeric[cc.name]:
		return none, true
	case cc.name == "util.format" || cc.name == "util.formatWithOptions":
		if f, ok := cc.argExpr(0).(*syntax.Lit); ok && f.Kind == syntax.LitString && len(cc.call.Args) > 1 {
			var rest []syntax.Expr
			for _, a := range cc.call.Args[1:] {
				rest = append(rest, a.X)
			}
			return cc.e.formatArgs(f.Value, rest, cc.all()), true
		}
		return cc.all(), true
	case jsTransparent[cc.name]:
		return merge(cc.all(), cc.recv), true
	}
	if m, ok := jsCleaners[cc.name]; ok {
		return cc.all().cleaned(m), true
	}
	if m, ok := jsCleaners["*."+cc.method]; ok && cc.method != "" && !cc.recv.tainted() {
		return cc.all().cleaned(m), true
	}
	return none, false
}

// jsSQLTags are template tags that turn ${…} into query parameters.
var jsSQLTags = names("sql", "SQL", "$queryRaw", "$executeRaw", "sqltag", "sql-template-tag", "sql-template-strings")

// taggedTemplate returns the taint of tag`…${x}…`: a SQL tag parameterises, String.raw keeps the text, other
// tags are functions the detector cannot see into.
func (e *engine) taggedTemplate(n *syntax.Interp, t taint) taint {
	name, _ := e.resolve(n.Tag)
	switch {
	case jsSQLTags[lastSegment(name)] || jsSQLTags[name]:
		return t.cleaned(bit(flaw.SQLInjection))
	case name == "String.raw":
		return t
	}
	return t.viaHelper()
}

// binaryOp: + concatenates; ||, ?? and && give an operand; the rest compute numbers or booleans.
func (javascript) binaryOp(op string) opKind {
	switch op {
	case "+":
		return opConcat
	case "||", "??", "&&", ",":
		return opEither
	}
	return opNone
}

func (javascript) exits(name string) bool { return name == "process.exit" }

// jsInstances are factories whose result behaves as the module that made it.
var jsInstances = map[string]string{
	"axios.create": "axios", "got.extend": "got", "request.defaults": "request", "needle.defaults": "needle",
	"vm.Script": "vm.Script", "superagent.agent": "superagent",
}

func (javascript) instance(name string) string { return jsInstances[name] }

// predicate recognises allow-list and validation checks in JavaScript conditions.
func (javascript) predicate(e *engine, x syntax.Expr) (then, els []check, ok bool) {
	switch n := x.(type) {
	case *syntax.Call:
		c, ok := jsCallCheck(e, n)
		return c, nil, ok
	case *syntax.Binary:
		switch n.Op {
		case "===", "==":
			if c, ok := indexCheck(e, n); ok {
				return nil, c, true
			}
			if c, ok := typeofCheck(e, n); ok {
				return c, nil, true
			}
			c, ok := e.literalCompare(n.L, n.R)
			return c, nil, ok
		case "!==", "!=":
			if c, ok := indexCheck(e, n); ok {
				return c, nil, true
			}
			if c, ok := typeofCheck(e, n); ok {
				return nil, c, true
			}
			c, ok := e.literalCompare(n.L, n.R)
			return nil, c, ok
		case ">", ">=":
			c, ok := indexCheck(e, n)
			return c, nil, ok
		case "<":
			c, ok := indexCheck(e, n)
			return nil, c, ok
		case "in":
			if name, mask, ok := e.checkedName(n.L); ok && !e.eval(n.R).tainted() {
				return []check{{name, mask}}, nil, true
			}
		}
	}
	return nil, nil, false
}

// jsValidators are functions that return true only for values of a harmless shape.
var jsValidators = names("Number.isInteger", "Number.isSafeInteger", "validator.isInt", "validator.isUUID",
	"validator.isAlphanumeric", "validator.isNumeric", "validator.isIn", "validator.isMongoId", "isUUID", "uuid.validate",
	"validator.isHexadecimal", "validator.isSlug")

// jsCallCheck recognises ALLOWED.includes(x), ALLOWED.has(x), Object.hasOwn(MAP, x), x.startsWith(BASE),
// /^…$/.test(x) and validator calls.
func jsCallCheck(e *engine, c *syntax.Call) ([]check, bool) {
	name, _ := e.resolve(c.Fn)
	m, isMethod := c.Fn.(*syntax.Member)
	last := func() syntax.Expr { return c.Args[len(c.Args)-1].X }
	switch {
	case len(c.Args) == 0:
		return nil, false
	case jsValidators[name]:
		return checkOf(e, c.Args[0].X, allClasses)
	case name == "Object.hasOwn" || strings.HasSuffix(name, "hasOwnProperty.call"):
		return checkOf(e, last(), allClasses)
	case !isMethod:
		return nil, false
	case m.Name == "includes" || m.Name == "has" || m.Name == "hasOwnProperty" || m.Name == "isIn":
		if e.evalQuiet(m.X).tainted() {
			return nil, false
		}
		return checkOf(e, c.Args[0].X, allClasses)
	case m.Name == "test":
		if re, ok := m.X.(*syntax.Lit); ok && re.Kind == syntax.LitRegex && anchoredRegex(re.Value) {
			return checkOf(e, c.Args[0].X, allClasses)
		}
	case m.Name == "startsWith":
		return prefixCheck(e, m.X, c.Args[0].X)
	}
	return nil, false
}

// prefixCheck recognises value.startsWith(prefix) with an untainted prefix: a containment check for paths
// (after path.resolve), and for URLs when the prefix fixes the host.
func prefixCheck(e *engine, value, prefix syntax.Expr) ([]check, bool) {
	if e.evalQuiet(prefix).tainted() {
		return nil, false
	}
	mask := bit(flaw.PathTraversal)
	if prefixSafeForSSRF(e.constText(prefix)) && e.constText(prefix) != placeholder {
		mask |= bit(flaw.SSRF)
	}
	return checkOf(e, value, mask)
}

// checkOf returns the check of x for the classes in mask, if x names a checked value.
func checkOf(e *engine, x syntax.Expr, mask classSet) ([]check, bool) {
	name, m, ok := e.checkedName(x)
	if !ok {
		return nil, false
	}
	return []check{{name: name, mask: m & mask}}, true
}

// indexCheck recognises ALLOWED.indexOf(x) compared with -1 or 0; the checks hold when the comparison is
// true (x found) for the returned list.
func indexCheck(e *engine, b *syntax.Binary) ([]check, bool) {
	c, ok := b.L.(*syntax.Call)
	if !ok {
		return nil, false
	}
	m, ok := c.Fn.(*syntax.Member)
	if !ok || m.Name != "indexOf" || len(c.Args) == 0 || e.evalQuiet(m.X).tainted() {
		return nil, false
	}
	return checkOf(e, c.Args[0].X, allClasses)
}

// typeofCheck recognises typeof x === "number" (or "boolean").
func typeofCheck(e *engine, b *syntax.Binary) ([]check, bool) {
	u, ok := b.L.(*syntax.Unary)
	lit, ok2 := b.R.(*syntax.Lit)
	if !ok || !ok2 || u.Op != "typeof" || (lit.Value != "number" && lit.Value != "boolean") {
		return nil, false
	}
	return checkOf(e, u.X, allClasses)
}
