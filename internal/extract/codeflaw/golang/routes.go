package golang

import (
	"go/ast"
	"strings"
)

// Routes. A handler registered in the same file gets its route: http.HandleFunc("/x", h) and
// mux.Handle("GET /x", …) (net/http, gorilla/mux with .Methods("GET")), r.Get("/x", h) (chi, fiber),
// router.GET("/x", h) (gin, echo), under the prefixes of r.Route("/api", func(r chi.Router) {…}),
// g := router.Group("/api") and r.PathPrefix("/api").Subrouter(). The first registration in the file wins.

var routeMethods = set("Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Connect", "Trace",
	"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE", "Any", "All")

var httpMethods = set("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE")

// routes maps the handlers registered in the file to their routes: by function or method name, or by
// function literal.
type routes struct {
	byName map[string]string
	byLit  map[*ast.FuncLit]string
}

func (f *file) routes() routes {
	rt := routes{byName: map[string]string{}, byLit: map[*ast.FuncLit]string{}}
	prefixes := map[string]string{} // router variable → path prefix
	done := map[*ast.CallExpr]bool{}
	ast.Inspect(f.ast, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, r := range n.Rhs {
					if p, ok := f.groupPrefix(r, prefixes); ok {
						if k, ok := f.keyOf(n.Lhs[i]); ok {
							prefixes[k] = p
						}
					}
				}
			}
		case *ast.CallExpr:
			if done[n] {
				return true
			}
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if lit, p, ok := f.subrouter(n, sel, prefixes); ok { // chi: r.Route("/api", func(r chi.Router) {…})
				if len(lit.Type.Params.List) > 0 && len(lit.Type.Params.List[0].Names) > 0 {
					if k, ok := f.keyOf(lit.Type.Params.List[0].Names[0]); ok {
						prefixes[k] = p
					}
				}
				return true
			}
			method := ""
			reg := n
			if sel.Sel.Name == "Methods" && len(n.Args) > 0 { // gorilla: r.HandleFunc("/x", h).Methods("GET")
				inner, ok := sel.X.(*ast.CallExpr)
				if !ok {
					return true
				}
				method, _ = f.constString(n.Args[0])
				reg = inner
				done[inner] = true
			}
			f.registration(reg, method, prefixes, &rt)
		}
		return true
	})
	return rt
}

// registration records one route registration call.
func (f *file) registration(c *ast.CallExpr, method string, prefixes map[string]string, rt *routes) {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || len(c.Args) < 2 {
		return
	}
	name := sel.Sel.Name
	args := c.Args
	switch {
	case routeMethods[name]:
		if name != "Any" && name != "All" {
			method = strings.ToUpper(name)
		}
	case name == "Handle" || name == "HandleFunc" || name == "Method" || name == "MethodFunc" || name == "Add":
		if m, ok := f.constString(args[0]); ok && httpMethods[strings.ToUpper(m)] && len(args) >= 3 {
			method, args = strings.ToUpper(m), args[1:]
		}
	default:
		return
	}
	p, ok := f.constString(args[0])
	if !ok || !(strings.HasPrefix(p, "/") || strings.Contains(p, " /")) {
		return
	}
	if f.pkgOf(sel.X) == "" {
		p = trimRoute(f.prefixOf(sel.X, prefixes), p)
	}
	h := args[len(args)-1]
	if f.imported("github.com/labstack/echo") { // echo: e.GET(path, handler, middleware...)
		h = args[1]
	}
	route := p
	if method != "" && !strings.Contains(p, " ") {
		route = method + " " + p
	}
	f.recordRoute(h, route, rt)
}

func (f *file) recordRoute(h ast.Expr, route string, rt *routes) {
	h = unparen(h)
	if c, ok := h.(*ast.CallExpr); ok && len(c.Args) == 1 { // http.HandlerFunc(h)
		if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "HandlerFunc" {
			h = unparen(c.Args[0])
		}
	}
	var name string
	switch x := h.(type) {
	case *ast.FuncLit:
		if _, ok := rt.byLit[x]; !ok {
			rt.byLit[x] = route
		}
		return
	case *ast.Ident:
		name = x.Name
	case *ast.SelectorExpr:
		name = x.Sel.Name
	default:
		return
	}
	if _, ok := rt.byName[name]; !ok {
		rt.byName[name] = route
	}
}

// subrouter recognises chi's r.Route("/api", func(r chi.Router) {…}) and r.Group(func(r chi.Router) {…}):
// the literal's router registers under the returned prefix.
func (f *file) subrouter(c *ast.CallExpr, sel *ast.SelectorExpr, prefixes map[string]string) (*ast.FuncLit, string, bool) {
	base := f.prefixOf(sel.X, prefixes)
	switch {
	case sel.Sel.Name == "Route" && len(c.Args) == 2:
		p, ok := f.constString(c.Args[0])
		lit, isLit := c.Args[1].(*ast.FuncLit)
		return lit, trimRoute(base, p), ok && isLit
	case sel.Sel.Name == "Group" && len(c.Args) == 1:
		lit, isLit := c.Args[0].(*ast.FuncLit)
		return lit, base, isLit
	}
	return nil, "", false
}

// groupPrefix returns the prefix of a router group expression: r.Group("/api"),
// r.PathPrefix("/api").Subrouter(), r.With(mw) (the same prefix as r).
func (f *file) groupPrefix(e ast.Expr, prefixes map[string]string) (string, bool) {
	c, ok := unparen(e).(*ast.CallExpr)
	if !ok {
		return "", false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	switch sel.Sel.Name {
	case "Group", "PathPrefix", "Mount":
		if len(c.Args) > 0 {
			if p, ok := f.constString(c.Args[0]); ok {
				return trimRoute(f.prefixOf(sel.X, prefixes), p), true
			}
		}
	case "Subrouter", "With", "Use":
		return f.prefixOf(sel.X, prefixes), true
	}
	return "", false
}

// prefixOf returns the path prefix a router expression registers under.
func (f *file) prefixOf(e ast.Expr, prefixes map[string]string) string {
	if p, ok := f.groupPrefix(e, prefixes); ok {
		return p
	}
	if k, ok := f.keyOf(e); ok {
		return prefixes[k]
	}
	return ""
}

// route returns the route of a handler, "" when the file does not register it.
func (rt routes) route(h handler) string {
	if h.lit != nil {
		if r, ok := rt.byLit[h.lit]; ok {
			return r
		}
	}
	if h.method != "" {
		return rt.byName[h.method]
	}
	return ""
}
