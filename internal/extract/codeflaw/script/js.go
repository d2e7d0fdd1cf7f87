package script

import (
	"path"
	"regexp"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// javascript is the language of .js, .mjs, .cjs, .jsx, .ts and .tsx files.
type javascript struct{}

// httpMethods are the route registration methods of Express, Koa routers and Fastify.
var httpMethods = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "del": "DELETE",
	"head": "HEAD", "options": "OPTIONS", "all": "ALL", "use": "USE",
}

// httpClients are modules whose get/post methods send requests rather than register routes.
var httpClients = map[string]bool{
	"axios": true, "got": true, "needle": true, "superagent": true, "request": true, "http": true, "https": true,
	"fetch": true, "ky": true, "undici": true,
}

// nextMethods are the exports of a Next.js App Router route handler.
var nextMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true}

// nextPages matches a Next.js pages-router API route and captures its path.
var nextPages = regexp.MustCompile(`(?:^|/)pages(/api/.*)\.(?:js|jsx|ts|tsx|mjs)$`)

// nextApp matches a Next.js App Router route handler and captures its path.
var nextApp = regexp.MustCompile(`(?:^|/)app((?:/.*)?)/route\.(?:js|ts|mjs)$`)

// prepare reads imports and module-level names, then finds the handlers: functions registered on a route,
// Next.js API routes, and functions that take a request (req, res) or a Koa context.
func (javascript) prepare(fc *fileCtx, f *syntax.File) []*unit {
	jsImports(fc, f.Body)
	fc.framework = jsFramework(fc)
	fe := fileEngine(javascript{}, fc)
	moduleAliases(fe, fc, f.Body)
	decls := topFunctions(f.Body)
	units := &unitSet{byFunc: map[*syntax.Func]*unit{}}
	syntax.Inspect(f.Body, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.Call); ok {
			jsRoute(fe, fc, c, decls, units)
		}
		return true
	})
	jsNext(fc, f.Body, decls, units)
	syntax.Inspect(f.Body, func(n syntax.Node) bool {
		if fn, ok := n.(*syntax.Func); ok && units.byFunc[fn] == nil {
			if u := jsHandlerByParams(fc, fn, decls); u != nil {
				units.add(fn, u)
			}
		}
		return true
	})
	return units.list
}

// jsImports records import declarations and require() bindings at the top of a file.
func jsImports(fc *fileCtx, body []syntax.Stmt) {
	for _, s := range body {
		switch x := s.(type) {
		case *syntax.Import:
			importAliases("javascript", x, fc.aliases)
			fc.imports[normaliseModule(x.Module)] = true
		case *syntax.ExprStmt, *syntax.Block:
			syntax.Inspect([]syntax.Stmt{x}, func(n syntax.Node) bool {
				if a, ok := n.(*syntax.Assign); ok {
					requireAlias(fc, a)
				}
				_, isFunc := n.(*syntax.Func)
				return !isFunc
			})
		}
	}
}

// requireAlias records const x = require("m"), const { a, b: c } = require("m") and require("m").x.
func requireAlias(fc *fileCtx, a *syntax.Assign) {
	r := a.R
	if u, ok := r.(*syntax.Unary); ok && u.Op == "await" {
		r = u.X
	}
	member := ""
	if m, ok := r.(*syntax.Member); ok {
		r, member = m.X, m.Name
	}
	c, ok := r.(*syntax.Call)
	if !ok {
		return
	}
	mod, ok := requireOf(c)
	if !ok {
		return
	}
	fc.imports[mod] = true
	if member != "" && member != "default" {
		mod += "." + member
	}
	switch l := a.L.(type) {
	case *syntax.Ident:
		fc.aliases[l.Name] = mod
	case *syntax.Object:
		for _, p := range l.Props {
			if id, ok := destructTarget(p.Value).(*syntax.Ident); ok && p.Key != "" {
				fc.aliases[id.Name] = mod + "." + p.Key
			}
		}
	}
}

// importAliases adds the names an import binds to aliases.
func importAliases(language string, im *syntax.Import, aliases map[string]string) {
	switch language {
	case "javascript", "typescript":
		mod := normaliseModule(im.Module)
		for _, n := range im.Names {
			switch n.Name {
			case "*", "default":
				aliases[n.Alias] = mod
			default:
				aliases[n.Alias] = mod + "." + n.Name
			}
		}
	case "python":
		pyImportAliases(im, aliases)
	case "php":
		for _, n := range im.Names {
			aliases[n.Alias] = phpClassName(n.Name)
		}
	}
}

// jsFramework names the web framework a file uses, from its imports and path.
func jsFramework(fc *fileCtx) string {
	switch {
	case nextPages.MatchString(fc.path) || nextApp.MatchString(fc.path) || fc.imports["next"] || fc.imports["next.server"]:
		return "next"
	case fc.imports["koa"] || fc.imports["@koa.router"] || fc.imports["koa-router"]:
		return "koa"
	case fc.imports["fastify"]:
		return "fastify"
	}
	return "express"
}

// fileEngine returns an engine over a file's top level, for resolving module-level names.
func fileEngine(lang language, fc *fileCtx) *engine {
	return &engine{lang: lang, file: fc, unit: &unit{funcs: map[*syntax.Func]bool{}}, budget: &budget{},
		scope: &scope{vars: map[string]*binding{}}, srcClean: map[string]classSet{}}
}

// moduleAliases records top-level names bound to instances of known modules (const api = axios.create()).
func moduleAliases(fe *engine, fc *fileCtx, body []syntax.Stmt) {
	for _, s := range body {
		syntax.Inspect([]syntax.Stmt{s}, func(n syntax.Node) bool {
			a, ok := n.(*syntax.Assign)
			if !ok {
				_, isFunc := n.(*syntax.Func)
				_, isDecl := n.(*syntax.FuncDecl)
				return !isFunc && !isDecl
			}
			id, ok := a.L.(*syntax.Ident)
			if !ok || fc.aliases[id.Name] != "" {
				return true
			}
			r := a.R
			if u, ok := r.(*syntax.Unary); ok && u.Op == "await" {
				r = u.X
			}
			switch v := r.(type) {
			case *syntax.Call:
				if c := fe.created(v); c != "" {
					fc.aliases[id.Name] = c
				}
			case *syntax.Member, *syntax.Ident:
				if canon, known := fe.resolve(v); known {
					fc.aliases[id.Name] = canon
				}
			}
			return true
		})
	}
}

// topFunctions maps the names of functions declared or assigned anywhere in a file to them.
func topFunctions(body []syntax.Stmt) map[string]*syntax.Func {
	out := map[string]*syntax.Func{}
	syntax.Inspect(body, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.FuncDecl:
			if x.Func.Name != "" && out[x.Func.Name] == nil {
				out[x.Func.Name] = x.Func
			}
		case *syntax.Assign:
			if id, ok := x.L.(*syntax.Ident); ok {
				if f, ok := x.R.(*syntax.Func); ok && out[id.Name] == nil {
					out[id.Name] = f
					if f.Name == "" {
						f.Name = id.Name
					}
				}
			}
		}
		return true
	})
	return out
}

// unitSet collects units without duplicates; funcs is shared by all of them.
type unitSet struct {
	list   []*unit
	byFunc map[*syntax.Func]*unit
	funcs  map[*syntax.Func]bool
}

func (s *unitSet) add(fn *syntax.Func, u *unit) {
	if old := s.byFunc[fn]; old != nil {
		if old.route == "" {
			old.route = u.route
		}
		return
	}
	if s.funcs == nil {
		s.funcs = map[*syntax.Func]bool{}
	}
	u.fn, u.funcs = fn, s.funcs
	s.funcs[fn] = true
	s.byFunc[fn] = u
	s.list = append(s.list, u)
}

// jsUnit makes a unit of a handler function whose first parameter is the request (or Koa context).
func jsUnit(fc *fileCtx, fn *syntax.Func, route, framework string) *unit {
	u := &unit{name: fn.Name, route: route, framework: framework, body: fn.Body, expr: fn.Expr,
		roots: map[string]string{}, params: map[string]taint{}}
	if u.name == "" {
		u.name = "(anonymous)"
	}
	if len(fn.Params) == 0 {
		return u
	}
	kind := "req"
	switch {
	case framework == "koa":
		kind = "ctx"
	case framework == "next" && nextApp.MatchString(fc.path):
		kind = "web"
	}
	first := fn.Params[0]
	if first.Pattern != nil {
		jsParamPattern(fc, u, first.Pattern, kind)
	} else {
		u.roots[first.Name] = kind
	}
	if kind == "web" && len(fn.Params) > 1 { // (request, { params }) or (request, context)
		second := fn.Params[1]
		if second.Pattern != nil {
			jsParamPattern(fc, u, second.Pattern, "context")
		} else {
			u.roots[second.Name] = "context"
		}
	}
	return u
}

// jsParamPattern taints the names a destructured request parameter binds: ({ query, body }, res).
func jsParamPattern(fc *fileCtx, u *unit, pattern syntax.Expr, kind string) {
	obj, ok := pattern.(*syntax.Object)
	if !ok {
		return
	}
	for _, p := range obj.Props {
		id, ok := destructTarget(p.Value).(*syntax.Ident)
		if !ok {
			continue
		}
		if src, ok := jsSources[kind][p.Key]; ok {
			u.params[id.Name] = taint{src: paramOrigin(p.Key, p.Value.Pos().Line), broad: src.broad}
		}
	}
}

// jsRoute makes units of the handlers a route registration names: app.get("/x", auth, handler),
// router.route("/x").post(handler).
func jsRoute(fe *engine, fc *fileCtx, c *syntax.Call, decls map[string]*syntax.Func, units *unitSet) {
	m, ok := c.Fn.(*syntax.Member)
	if !ok {
		return
	}
	method, ok := httpMethods[m.Name]
	if !ok || len(c.Args) == 0 {
		return
	}
	recv, _ := fe.resolve(m.X)
	if httpClients[strings.Split(recv, ".")[0]] {
		return
	}
	routePath, hasPath := routeLiteral(c.Args[0].X)
	if !hasPath {
		routePath, hasPath = chainedRoute(m.X)
		if !hasPath && method != "USE" {
			return
		}
	}
	route := method + " " + routePath
	if routePath == "" {
		route = ""
	}
	for _, a := range c.Args {
		var fn *syntax.Func
		switch x := a.X.(type) {
		case *syntax.Func:
			fn = x
		case *syntax.Ident:
			fn = decls[x.Name]
		}
		if fn != nil && len(fn.Params) > 0 {
			units.add(fn, jsUnit(fc, fn, route, fc.framework))
		}
	}
}

// routeLiteral returns a route path written as a string, template or regular expression.
func routeLiteral(x syntax.Expr) (string, bool) {
	switch v := x.(type) {
	case *syntax.Lit:
		if v.Kind == syntax.LitString && (strings.HasPrefix(v.Value, "/") || v.Value == "*") {
			return v.Value, true
		}
		if v.Kind == syntax.LitRegex {
			return v.Value, true
		}
	case *syntax.Array:
		if len(v.Elems) > 0 {
			return routeLiteral(v.Elems[0])
		}
	}
	return "", false
}

// chainedRoute returns the path of router.route("/x") when x is such a call (or a chain on one).
func chainedRoute(x syntax.Expr) (string, bool) {
	for i := 0; i < 20; i++ {
		c, ok := x.(*syntax.Call)
		if !ok {
			return "", false
		}
		m, ok := c.Fn.(*syntax.Member)
		if !ok {
			return "", false
		}
		if m.Name == "route" && len(c.Args) > 0 {
			return routeLiteral(c.Args[0].X)
		}
		x = m.X
	}
	return "", false
}

// jsNext makes units of Next.js API routes: the default export under pages/api, and the GET/POST/…
// exports of an App Router route.ts.
func jsNext(fc *fileCtx, body []syntax.Stmt, decls map[string]*syntax.Func, units *unitSet) {
	if m := nextPages.FindStringSubmatch(fc.path); m != nil {
		route := "ANY " + strings.TrimSuffix(strings.TrimSuffix(m[1], "/index"), "index")
		for _, s := range body {
			if fn := defaultExport(s, decls); fn != nil {
				units.add(fn, jsUnit(fc, fn, route, "next"))
			}
		}
	}
	if m := nextApp.FindStringSubmatch(fc.path); m != nil {
		p := appRoutePath(m[1])
		for _, s := range body {
			name, fn := namedExport(s, decls)
			if fn != nil && nextMethods[name] {
				if fn.Name == "" {
					fn.Name = name
				}
				units.add(fn, jsUnit(fc, fn, name+" "+p, "next"))
			}
		}
	}
}

// appRoutePath turns an App Router directory into its URL path: route groups "(shop)" disappear.
func appRoutePath(dir string) string {
	var parts []string
	for _, seg := range strings.Split(dir, "/") {
		if seg == "" || (strings.HasPrefix(seg, "(") && strings.HasSuffix(seg, ")")) || strings.HasPrefix(seg, "@") {
			continue
		}
		parts = append(parts, seg)
	}
	return path.Clean("/" + strings.Join(parts, "/"))
}

// defaultExport returns the function a statement exports as default.
func defaultExport(s syntax.Stmt, decls map[string]*syntax.Func) *syntax.Func {
	switch x := s.(type) {
	case *syntax.FuncDecl:
		if x.Export == "default" {
			return x.Func
		}
	case *syntax.Export:
		switch v := x.X.(type) {
		case *syntax.Func:
			if x.Default {
				return v
			}
		case *syntax.Ident:
			if x.Default {
				return decls[v.Name]
			}
		case *syntax.Call: // export default withAuth(handler)
			for _, a := range v.Args {
				if id, ok := a.X.(*syntax.Ident); ok && decls[id.Name] != nil {
					return decls[id.Name]
				}
				if f, ok := a.X.(*syntax.Func); ok {
					return f
				}
			}
		}
	}
	return nil
}

// namedExport returns the name and function of export function GET(…) or export const GET = ….
func namedExport(s syntax.Stmt, decls map[string]*syntax.Func) (string, *syntax.Func) {
	switch x := s.(type) {
	case *syntax.FuncDecl:
		if x.Export == "export" {
			return x.Func.Name, x.Func
		}
	case *syntax.Export:
		if a, ok := x.X.(*syntax.Assign); ok {
			if id, ok := a.L.(*syntax.Ident); ok {
				if f, ok := a.R.(*syntax.Func); ok {
					return id.Name, f
				}
			}
		}
		for _, n := range x.Names {
			if f := decls[n.Name]; f != nil {
				return n.Alias, f
			}
		}
	}
	return "", nil
}

// reqNames and resNames are the parameter names of an Express-style handler.
var (
	reqNames = map[string]bool{"req": true, "request": true, "_req": true, "httpRequest": true}
	resNames = map[string]bool{"res": true, "response": true, "reply": true, "_res": true, "h": true, "resp": true}
)

// jsHandlerByParams makes a unit of a function that takes (req, res) — a handler registered elsewhere — or
// a Koa context.
func jsHandlerByParams(fc *fileCtx, fn *syntax.Func, decls map[string]*syntax.Func) *unit {
	if len(fn.Params) == 0 || fn.Params[0].Pattern != nil {
		return nil
	}
	first := fn.Params[0].Name
	switch {
	case fc.framework == "koa" && (first == "ctx" || first == "context"):
		return jsUnit(fc, fn, "", "koa")
	case reqNames[first] && len(fn.Params) > 1 && (resNames[fn.Params[1].Name] || fn.Params[1].Pattern != nil):
		framework := fc.framework
		if framework == "koa" {
			framework = "express"
		}
		return jsUnit(fc, fn, "", framework)
	}
	return nil
}
