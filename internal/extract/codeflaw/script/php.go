package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// php is the language of .php files.
type php struct{}

// phpClassName gives a PHP class one name: no leading backslash, and Laravel's facades by their short names
// (Illuminate\Support\Facades\DB is DB, as the global alias).
func phpClassName(s string) string {
	s = strings.TrimPrefix(s, "\\")
	if rest, ok := strings.CutPrefix(s, "Illuminate\\Support\\Facades\\"); ok {
		return rest
	}
	return s
}

// phpInstances are constructors whose instances the detector follows.
var phpInstances = map[string]string{
	"GuzzleHttp\\Client": "GuzzleHttp\\Client", "PDO": "PDO", "mysqli": "mysqli", "SoapClient": "SoapClient",
	"Twig\\Environment": "Twig\\Environment", "Twig_Environment": "Twig\\Environment",
}

func (php) instance(name string) string { return phpInstances[phpClassName(name)] }

// prepare reads use imports and makes units: the file's top-level code, every function and method, and the
// closures Laravel routes register.
func (php) prepare(fc *fileCtx, f *syntax.File) []*unit {
	for _, s := range f.Body {
		syntax.Inspect([]syntax.Stmt{s}, func(n syntax.Node) bool {
			if im, ok := n.(*syntax.Import); ok {
				importAliases("php", im, fc.aliases)
				for _, name := range im.Names {
					fc.imports[name.Name] = true
				}
			}
			_, isClass := n.(*syntax.Class)
			return !isClass
		})
	}
	fc.framework = "php"
	for imp := range fc.imports {
		if strings.HasPrefix(imp, "Illuminate\\") || strings.HasPrefix(imp, "App\\Http\\") {
			fc.framework = "laravel"
		}
	}
	units := &unitSet{byFunc: map[*syntax.Func]*unit{}}
	top := &unit{name: "(top level)", framework: fc.framework, roots: map[string]string{}, params: map[string]taint{}}
	for _, s := range f.Body {
		switch s.(type) {
		case *syntax.FuncDecl, *syntax.Class:
		default:
			top.body = append(top.body, s)
		}
	}
	top.funcs = map[*syntax.Func]bool{}
	units.list = append(units.list, top)
	units.funcs = top.funcs
	phpFuncs(fc, f.Body, "", "", units)
	return units.list
}

// phpFuncs makes units of the functions, methods and route closures in body.
func phpFuncs(fc *fileCtx, body []syntax.Stmt, class, extends string, units *unitSet) {
	syntax.Inspect(body, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.Class:
			phpFuncs(fc, x.Body, x.Name, x.Extends, units)
			return false
		case *syntax.FuncDecl:
			name := x.Func.Name
			if class != "" {
				name = class + "::" + name
			}
			units.add(x.Func, phpUnit(fc, x.Func, name, "", class != "" && strings.HasSuffix(extends, "Controller")))
		case *syntax.Call:
			phpRoute(fc, x, units)
		}
		return true
	})
}

// phpRoute makes a unit of a closure registered by Route::get('/x', function (…) {…}).
func phpRoute(fc *fileCtx, c *syntax.Call, units *unitSet) {
	m, ok := c.Fn.(*syntax.Member)
	if !ok || !m.Static || syntax.DottedName(m.X) != "Route" || len(c.Args) < 2 {
		return
	}
	method, ok := httpMethods[strings.ToLower(m.Name)]
	if !ok && m.Name != "any" && m.Name != "match" {
		return
	}
	if !ok {
		method = "ANY"
	}
	path, _ := litText(c.Args[0].X)
	if m.Name == "match" && len(c.Args) > 2 {
		path, _ = litText(c.Args[1].X)
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	for _, a := range c.Args[1:] {
		if fn, ok := a.X.(*syntax.Func); ok {
			units.add(fn, phpUnit(fc, fn, "(route closure)", method+" "+path, true))
		}
	}
}

// phpUnit makes the unit of a PHP function. A Request parameter (Laravel, Symfony) is a request root; in a
// controller or route closure, the other untyped or string parameters are route parameters, so input.
func phpUnit(fc *fileCtx, fn *syntax.Func, name, route string, routeParams bool) *unit {
	u := &unit{name: name, route: route, framework: fc.framework, body: fn.Body, expr: fn.Expr,
		roots: map[string]string{}, params: map[string]taint{}}
	for _, p := range fn.Params {
		typ := strings.TrimPrefix(strings.TrimSpace(p.Type), "?")
		short := typ[strings.LastIndex(typ, "\\")+1:]
		switch {
		case strings.HasSuffix(short, "Request") || (typ == "" && p.Name == "$request"):
			u.roots[p.Name] = "request"
			if u.framework == "php" {
				u.framework = "laravel"
			}
		case routeParams && (typ == "" || typ == "string"):
			u.params[p.Name] = taint{src: paramOrigin("route parameter "+p.Name, p.Line)}
		}
	}
	return u
}
