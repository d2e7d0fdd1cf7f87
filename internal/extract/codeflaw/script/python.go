package script

import (
	"regexp"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// python is the language of .py files.
type python struct{}

// pyImportAliases adds the names a Python import binds: import a.b binds a; import a.b as c binds c to a.b;
// from a.b import c as d binds d to a.b.c.
func pyImportAliases(im *syntax.Import, aliases map[string]string) {
	for _, n := range im.Names {
		switch {
		case n.Name == "" && n.Alias == "":
			top, _, _ := strings.Cut(im.Module, ".")
			aliases[top] = top
		case n.Name == "":
			aliases[n.Alias] = im.Module
		case n.Name != "*":
			aliases[n.Alias] = strings.TrimPrefix(im.Module+"."+n.Name, ".")
		}
	}
}

// pyInstances are constructors whose instances the detector follows, by what their methods are named as.
var pyInstances = map[string]string{
	"flask.Flask": "flask.app", "flask.Blueprint": "flask.app", "quart.Quart": "flask.app", "quart.Blueprint": "flask.app",
	"fastapi.FastAPI": "fastapi.app", "fastapi.APIRouter": "fastapi.app", "starlette.applications.Starlette": "fastapi.app",
	"requests.Session": "requests", "requests.session": "requests", "httpx.Client": "httpx", "httpx.AsyncClient": "httpx",
	"aiohttp.ClientSession": "aiohttp.ClientSession", "jinja2.Environment": "jinja2.Environment",
	"jinja2.sandbox.SandboxedEnvironment": "jinja2.sandbox", "urllib3.PoolManager": "urllib3.PoolManager",
	"pathlib.Path": "pathlib.Path", "pathlib.PurePath": "pathlib.Path",
}

func (python) instance(name string) string { return pyInstances[name] }

// prepare reads imports and module-level instances, then makes a unit of every function: route functions
// (Flask, FastAPI) with their routes, views that take a request (Django, aiohttp), and in Flask files every
// other function too (Flask's request is a global).
func (python) prepare(fc *fileCtx, f *syntax.File) []*unit {
	syntax.Inspect(f.Body, func(n syntax.Node) bool {
		if im, ok := n.(*syntax.Import); ok {
			pyImportAliases(im, fc.aliases)
			fc.imports[im.Module] = true
			top, _, _ := strings.Cut(im.Module, ".")
			fc.imports[top] = true
		}
		_, isFunc := n.(*syntax.FuncDecl)
		return !isFunc
	})
	fc.framework = pyFramework(fc)
	fe := fileEngine(python{}, fc)
	moduleAliases(fe, fc, f.Body)
	units := &unitSet{byFunc: map[*syntax.Func]*unit{}}
	pyFuncs(fc, fe, f.Body, "", units)
	return units.list
}

// pyFramework names the web framework a file imports.
func pyFramework(fc *fileCtx) string {
	switch {
	case fc.imports["fastapi"] || fc.imports["starlette"]:
		return "fastapi"
	case fc.imports["flask"] || fc.imports["quart"]:
		return "flask"
	case fc.imports["django"] || fc.imports["rest_framework"]:
		return "django"
	case fc.imports["aiohttp"] && fc.imports["aiohttp.web"]:
		return "aiohttp"
	}
	return ""
}

// pyFuncs makes units of the functions in body, methods and nested functions included; prefix names the
// enclosing class or function.
func pyFuncs(fc *fileCtx, fe *engine, body []syntax.Stmt, prefix string, units *unitSet) {
	syntax.Inspect(body, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.Class:
			pyFuncs(fc, fe, x.Body, prefix+x.Name+".", units)
			return false
		case *syntax.FuncDecl:
			if u := pyUnit(fc, fe, x.Func, prefix); u != nil {
				units.add(x.Func, u)
			}
			pyFuncs(fc, fe, x.Func.Body, prefix+x.Func.Name+".", units)
			return false
		}
		return true
	})
}

// routeDecorators are the decorator methods that register a route, with the HTTP method they imply.
var routeDecorators = map[string]string{
	"route": "", "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "head": "HEAD",
	"options": "OPTIONS", "api_route": "", "websocket": "WS",
}

// pyUnit makes the unit of one function, or nil when it cannot see request input.
func pyUnit(fc *fileCtx, fe *engine, fn *syntax.Func, prefix string) *unit {
	u := &unit{name: prefix + fn.Name, body: fn.Body, roots: map[string]string{}, params: map[string]taint{},
		framework: fc.framework}
	for _, d := range fn.Decorators {
		c, ok := d.(*syntax.Call)
		if !ok {
			continue
		}
		m, ok := c.Fn.(*syntax.Member)
		if !ok {
			continue
		}
		method, isRoute := routeDecorators[m.Name]
		if !isRoute {
			continue
		}
		recv, _ := fe.resolve(m.X)
		fastapi := recv == "fastapi.app" || (recv != "flask.app" && fc.framework == "fastapi")
		if !fastapi && recv != "flask.app" && fc.framework != "flask" {
			continue
		}
		path := ""
		if len(c.Args) > 0 {
			path, _ = litText(c.Args[0].X)
		}
		if method == "" {
			method = pyRouteMethods(c)
		}
		u.route = strings.TrimSpace(method + " " + path)
		if fastapi {
			u.framework = "fastapi"
			fastapiParams(fc, fn, u)
		} else {
			u.framework = "flask"
			flaskParams(fc, fn, path, u)
		}
		return u
	}
	if u.framework == "flask" {
		return u // Flask's request is a global: any function may read it
	}
	if lambdaHandler(fn, prefix) {
		// An AWS Lambda handler: behind a function URL or API Gateway its event is the HTTP request (query,
		// path parameters, headers, body); the detector cannot see what invokes it, so the flaw is medium.
		u.framework = "aws-lambda"
		u.params[fn.Params[0].Name] = taint{src: paramOrigin("the Lambda event "+fn.Params[0].Name, fn.Line), helper: true}
		return u
	}
	return pyRequestParam(fc, fn, u)
}

// lambdaHandler reports whether a module-level function has the AWS Lambda handler signature
// (event, context).
func lambdaHandler(fn *syntax.Func, prefix string) bool {
	if prefix != "" || len(fn.Params) != 2 {
		return false
	}
	ev, ctx := fn.Params[0].Name, fn.Params[1].Name
	return (ev == "event" || ev == "evt" || ev == "_event") && (ctx == "context" || ctx == "ctx" || ctx == "_context" || ctx == "lambda_context")
}

// nameOfExpr returns the name of an identifier, or "".
func nameOfExpr(x syntax.Expr) string {
	if id, ok := x.(*syntax.Ident); ok {
		return id.Name
	}
	return ""
}

// litText returns the value of a string literal.
func litText(x syntax.Expr) (string, bool) {
	if l, ok := x.(*syntax.Lit); ok && l.Kind == syntax.LitString {
		return l.Value, true
	}
	return "", false
}

// pyRouteMethods returns the methods=[…] of a Flask route (GET when none are listed).
func pyRouteMethods(c *syntax.Call) string {
	for _, a := range c.Args {
		if a.Name != "methods" {
			continue
		}
		var ms []string
		if arr, ok := a.X.(*syntax.Array); ok {
			for _, el := range arr.Elems {
				if s, ok := litText(el); ok {
					ms = append(ms, strings.ToUpper(s))
				}
			}
		}
		if len(ms) > 0 {
			return strings.Join(ms, ",")
		}
	}
	return "GET"
}

// flaskVar matches a Flask route variable: <name> or <converter:name>.
var flaskVar = regexp.MustCompile(`<(?:([a-z_]+)(?:\([^)]*\))?:)?([A-Za-z_][A-Za-z0-9_]*)>`)

// flaskParams taints the parameters a route's variables fill, unless their converter makes them numbers.
func flaskParams(fc *fileCtx, fn *syntax.Func, path string, u *unit) {
	for _, m := range flaskVar.FindAllStringSubmatch(path, -1) {
		if conv := m[1]; conv == "int" || conv == "float" || conv == "uuid" {
			continue
		}
		for _, p := range fn.Params {
			if p.Name == m[2] {
				u.params[p.Name] = taint{src: paramOrigin("route variable <"+m[0][1:], fn.Line)}
			}
		}
	}
}

// fastapiSafeTypes are parameter types FastAPI validates into values that carry no attacker text.
var fastapiSafeTypes = regexp.MustCompile(`^(Optional\[|Annotated\[|List\[|list\[|Set\[|set\[)*(int|float|bool|UUID|uuid\.UUID|datetime|date|time|timedelta|Decimal|PositiveInt|NonNegativeInt|conint\(.*\)|confloat\(.*\)|Literal\[.*\]|EmailStr)\b`)

// fastapiObjects are parameter types FastAPI fills with something other than input.
var fastapiObjects = regexp.MustCompile(`^(Request|WebSocket|Response|BackgroundTasks|Session|AsyncSession|HTTPConnection|SecurityScopes|HTTPAuthorizationCredentials)\b`)

// fastapiParams taints every parameter of a FastAPI route (query, path, body, header and cookie values)
// except dependencies and framework objects; a Request parameter becomes a request root.
func fastapiParams(fc *fileCtx, fn *syntax.Func, u *unit) {
	for _, p := range fn.Params {
		if p.Name == "self" || p.Name == "cls" || p.Name == "" {
			continue
		}
		if c, ok := p.Default.(*syntax.Call); ok {
			if n := syntax.DottedName(c.Fn); n == "Depends" || n == "Security" || strings.HasSuffix(n, ".Depends") {
				continue
			}
		}
		typ := strings.TrimSpace(p.Type)
		switch {
		case fastapiObjects.MatchString(typ) && strings.HasPrefix(typ, "Request") || typ == "Request":
			u.roots[p.Name] = "py"
		case fastapiObjects.MatchString(typ), fastapiSafeTypes.MatchString(typ), strings.Contains(typ, "Depends("):
		default:
			broad := typ != "" && typ[0] >= 'A' && typ[0] <= 'Z' && !strings.HasPrefix(typ, "Optional[str") &&
				!strings.HasPrefix(typ, "Annotated[str") && !strings.HasPrefix(typ, "UploadFile")
			u.params[p.Name] = taint{src: paramOrigin("parameter "+p.Name, p.Line), broad: broad}
		}
	}
}

// pyRequestParam makes a view of a function whose first parameter (after self) is the request: a Django or
// aiohttp view. Django passes URL captures as the further parameters, so they are input too.
func pyRequestParam(fc *fileCtx, fn *syntax.Func, u *unit) *unit {
	params := fn.Params
	if len(params) > 0 && (params[0].Name == "self" || params[0].Name == "cls") {
		params = params[1:]
	}
	if len(params) == 0 || (params[0].Name != "request" && params[0].Name != "req") {
		return nil
	}
	u.roots[params[0].Name] = "py"
	if u.framework == "" {
		u.framework = "django"
	}
	if u.framework == "django" {
		for _, p := range params[1:] {
			if p.Rest || p.Default != nil {
				continue
			}
			if t := strings.TrimSpace(p.Type); t == "int" || t == "uuid.UUID" || t == "UUID" {
				continue
			}
			u.params[p.Name] = taint{src: paramOrigin("URL capture "+p.Name, p.Line), helper: true}
		}
	}
	return u
}
