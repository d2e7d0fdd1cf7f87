package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// pySources are the request attributes that hold input, across Flask/Quart, Django/DRF, FastAPI/Starlette
// and aiohttp (their names do not collide). Raw bodies are one value; parsed ones are whole objects.
var pySources = map[string]srcKind{
	"args": broadSrc, "form": broadSrc, "values": broadSrc, "json": broadSrc, "get_json()": broadSrc,
	"files": broadSrc, "headers": broadSrc, "cookies": broadSrc, "view_args": broadSrc, "GET": broadSrc,
	"POST": broadSrc, "COOKIES": broadSrc, "META": broadSrc, "FILES": broadSrc, "query_params": broadSrc,
	"path_params": broadSrc, "json()": broadSrc, "form()": broadSrc, "query": broadSrc, "match_info": broadSrc,
	"post()": broadSrc, "data": broadSrc, "rel_url.query": broadSrc,
	"get_data()": specificSrc, "body": specificSrc, "body()": specificSrc, "text()": specificSrc, "read()": specificSrc,
	"url": specificSrc, "full_path": specificSrc, "path": specificSrc, "query_string": specificSrc,
	"stream": specificSrc, "base_url": specificSrc, "get_full_path()": specificSrc, "content": specificSrc,
}

// pyGlobalRequests are the module-level request objects of Flask and Quart.
var pyGlobalRequests = names("flask.request", "quart.request")

// source recognises request input read from the request object.
func (python) source(e *engine, x syntax.Expr) (taint, bool) {
	root, p, ok := chainOf(x)
	if !ok {
		return none, false
	}
	if _, isRoot := e.isRoot(root); !isRoot {
		if e.lookup(root) != nil || !pyGlobalRequests[e.file.aliases[root]] {
			return none, false
		}
	}
	k, ok := pySources[p]
	if !ok {
		return none, false
	}
	if p == "data" && e.unit.framework == "flask" {
		k = specificSrc // Flask's request.data is the raw body; DRF's is the parsed one
	}
	return taint{src: spanOrigin(x), broad: k.broad}, true
}

// pyNumeric are functions whose result is a number, boolean or validated value whatever their argument.
var pyNumeric = names("int", "float", "bool", "len", "abs", "round", "hash", "id", "ord", "uuid.UUID", "decimal.Decimal",
	"datetime.date.fromisoformat", "datetime.datetime.fromisoformat", "datetime.datetime.strptime", "math.floor",
	"math.ceil", "isinstance", "callable", "ipaddress.ip_address", "secrets.token_hex", "print",
	"os.path.exists", "os.path.isfile", "os.path.isdir", "hmac.compare_digest")

// pyTransparent are functions that return their arguments' content.
var pyTransparent = names("str", "repr", "bytes", "list", "tuple", "set", "dict", "sorted", "reversed", "os.path.join",
	"os.path.normpath", "os.path.abspath", "os.path.realpath", "os.path.expanduser", "os.fspath", "pathlib.Path",
	"pathlib.PurePath", "urllib.parse.urljoin", "urllib.parse.unquote", "urllib.parse.unquote_plus",
	"urllib.parse.urlencode", "json.dumps", "json.loads", "base64.b64decode", "base64.b64encode",
	"base64.urlsafe_b64decode", "html.unescape", "sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text",
	"markupsafe.Markup", "copy.copy", "copy.deepcopy", "shlex.split", "urllib.request.Request", "io.BytesIO",
	"io.StringIO", "textwrap.dedent", "flask.Markup", "werkzeug.urls.url_fix", "yarl.URL", "httpx.URL")

// pyCleaners are sanitisers and the classes their result is safe for.
var pyCleaners = map[string]classSet{
	"shlex.quote": bit(flaw.CommandInjection), "pipes.quote": bit(flaw.CommandInjection),
	"os.path.basename": bit(flaw.PathTraversal), "werkzeug.utils.secure_filename": bit(flaw.PathTraversal),
	"werkzeug.secure_filename": bit(flaw.PathTraversal), "django.utils.text.get_valid_filename": bit(flaw.PathTraversal),
	"urllib.parse.quote": bit(flaw.SSRF), "urllib.parse.quote_plus": bit(flaw.SSRF) | bit(flaw.PathTraversal) | bit(flaw.CommandInjection),
	"psycopg2.sql.Literal": bit(flaw.SQLInjection), "psycopg2.sql.Identifier": bit(flaw.SQLInjection),
	"psycopg.sql.Literal": bit(flaw.SQLInjection), "psycopg.sql.Identifier": bit(flaw.SQLInjection),
	"*.escape_string": bit(flaw.SQLInjection), "pymysql.converters.escape_string": bit(flaw.SQLInjection),
}

// result knows the Python functions that cast, sanitise or pass on their arguments, and Flask's
// request.args.get(name, type=int).
func (python) result(cc *callCtx) (taint, bool) {
	switch {
	case pyNumeric[cc.name]:
		return none, true
	case pyTransparent[cc.name]:
		return merge(cc.all(), cc.recv), true
	case cc.name == "urllib.parse.quote":
		if x, _, ok := cc.kw("safe"); ok {
			if s, lit := litText(x); lit && !strings.Contains(s, "/") {
				return cc.all().cleaned(bit(flaw.SSRF) | bit(flaw.PathTraversal) | bit(flaw.CommandInjection)), true
			}
		}
	case cc.recv.tainted() && (cc.method == "get" || cc.method == "getlist"):
		if x, _, ok := cc.kw("type"); ok {
			if n := syntax.DottedName(x); n == "int" || n == "float" || n == "bool" {
				return none, true
			}
		}
	case cc.method == "format" || cc.method == "format_map":
		return merge(cc.recv, cc.all()), true
	}
	if m, ok := pyCleaners[cc.name]; ok {
		return cc.all().cleaned(m), true
	}
	if m, ok := pyCleaners["*."+cc.method]; ok && cc.method != "" {
		return cc.all().cleaned(m), true
	}
	return none, false
}

// binaryOp: + and * build strings, % formats, or/and/| give an operand.
func (python) binaryOp(op string) opKind {
	switch op {
	case "+":
		return opConcat
	case "%":
		return opFormat
	case "or", "and", "|", "*":
		return opEither
	}
	return opNone
}

// exits: abort(…) and sys.exit end the request.
func (python) exits(name string) bool {
	switch name {
	case "flask.abort", "abort", "quart.abort", "werkzeug.exceptions.abort", "sys.exit", "exit", "quit", "os._exit":
		return true
	}
	return false
}

// predicate recognises membership, equality, regular-expression and string-shape checks.
func (python) predicate(e *engine, x syntax.Expr) (then, els []check, ok bool) {
	switch n := x.(type) {
	case *syntax.Binary:
		switch n.Op {
		case "in", "not in":
			if e.evalQuiet(n.R).tainted() {
				return nil, nil, false
			}
			c, ok := checkOf(e, n.L, allClasses)
			if n.Op == "in" {
				return c, nil, ok
			}
			return nil, c, ok
		case "==":
			c, ok := e.literalCompare(n.L, n.R)
			return c, nil, ok
		case "!=":
			c, ok := e.literalCompare(n.L, n.R)
			return nil, c, ok
		}
	case *syntax.Call:
		c, ok := pyCallCheck(e, n)
		return c, nil, ok
	}
	return nil, nil, false
}

// pyShapeChecks are str methods that are true only for harmless values.
var pyShapeChecks = names("isdigit", "isdecimal", "isnumeric", "isalnum", "isalpha", "isidentifier")

// pyCallCheck recognises re.fullmatch(p, x), re.match("^…$", x), x.isdigit(), x.startswith(BASE) and
// isinstance(x, int).
func pyCallCheck(e *engine, c *syntax.Call) ([]check, bool) {
	name, _ := e.resolve(c.Fn)
	switch {
	case name == "re.fullmatch" && len(c.Args) > 1:
		return checkOf(e, c.Args[1].X, allClasses)
	case (name == "re.match" || name == "re.search") && len(c.Args) > 1:
		if p, ok := litText(c.Args[0].X); ok && anchoredRegex(p) && (name == "re.match" || strings.HasPrefix(p, "^")) {
			return checkOf(e, c.Args[1].X, allClasses)
		}
	case name == "isinstance" && len(c.Args) > 1:
		if t := syntax.DottedName(c.Args[1].X); t == "int" || t == "float" || t == "bool" {
			return checkOf(e, c.Args[0].X, allClasses)
		}
	}
	m, ok := c.Fn.(*syntax.Member)
	if !ok {
		return nil, false
	}
	switch {
	case pyShapeChecks[m.Name] && len(c.Args) == 0:
		return checkOf(e, m.X, allClasses)
	case m.Name == "fullmatch" && len(c.Args) > 0 && !e.evalQuiet(m.X).tainted():
		return checkOf(e, c.Args[0].X, allClasses)
	case m.Name == "startswith" && len(c.Args) > 0:
		return prefixCheck(e, m.X, c.Args[0].X)
	}
	return nil, false
}
