package golang

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// handler is a function Seam analyses: one that receives a request carrier (an *http.Request, a
// *gin.Context, an echo.Context …) — a handler, or a helper that reads the request itself.
type handler struct {
	name string // "(*Handlers).PreviewImage", "ListProducts", "run.func1"
	typ  *ast.FuncType
	recv *ast.FieldList
	body *ast.BlockStmt
	lit  *ast.FuncLit // nil for a declared function
	// method is the bare name a route registration refers to (h.ListProducts → "ListProducts"), "" for a
	// function literal.
	method string
}

// carrierParams reports whether a function type takes a request carrier.
func (f *file) carrierParams(ft *ast.FuncType) bool {
	if ft == nil || ft.Params == nil {
		return false
	}
	for _, p := range ft.Params.List {
		if f.carrierOfType(p.Type) != noCarrier {
			return true
		}
	}
	return false
}

// handlers lists the file's handlers in source order: declared functions and methods, and function
// literals (route registrations, handler factories), named the way the Go runtime names them.
func (f *file) handlers() []handler {
	var out []handler
	for _, d := range f.ast.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Body == nil {
				continue
			}
			name := funcName(d)
			if f.carrierParams(d.Type) {
				out = append(out, handler{name: name, typ: d.Type, recv: d.Recv, body: d.Body, method: d.Name.Name})
			}
			f.literals(name, ".func", d.Body, &out)
		case *ast.GenDecl:
			if d.Tok != token.VAR {
				continue
			}
			for _, s := range d.Specs {
				vs, ok := s.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, v := range vs.Values {
					name := "glob"
					if i < len(vs.Names) {
						name = vs.Names[i].Name
					}
					if lit, ok := v.(*ast.FuncLit); ok && f.carrierParams(lit.Type) {
						out = append(out, handler{name: name, typ: lit.Type, body: lit.Body, lit: lit, method: name})
						f.literals(name, ".func", lit.Body, &out)
						continue
					}
					f.literals(name, ".func", v, &out)
				}
			}
		}
	}
	return out
}

// literals finds the function literals in n that take a carrier, naming them parent.funcN (nested ones
// parent.funcN.M).
func (f *file) literals(parent, sep string, n ast.Node, out *[]handler) {
	count := 0
	ast.Inspect(n, func(x ast.Node) bool {
		lit, ok := x.(*ast.FuncLit)
		if !ok {
			return true
		}
		count++
		name := parent + sep + strconv.Itoa(count)
		if f.carrierParams(lit.Type) && lit.Body != nil {
			*out = append(*out, handler{name: name, typ: lit.Type, body: lit.Body, lit: lit})
		}
		if lit.Body != nil {
			f.literals(name, ".", lit.Body, out)
		}
		return false
	})
}

// funcName names a declared function as Go does: "Name", "(*T).Name", "T.Name".
func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	star := false
	if s, ok := t.(*ast.StarExpr); ok {
		t, star = s.X, true
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	id, ok := t.(*ast.Ident)
	if !ok {
		return d.Name.Name
	}
	if star {
		return "(*" + id.Name + ")." + d.Name.Name
	}
	return id.Name + "." + d.Name.Name
}

// framework names the web framework of a handler: the framework its context belongs to, or for a
// net/http handler the router the file imports.
func (f *file) framework(h handler) string {
	for _, p := range h.typ.Params.List {
		switch f.carrierOfType(p.Type) {
		case ginContext:
			return "gin"
		case echoContext:
			return "echo"
		case fiberContext:
			return "fiber"
		case routerParams:
			return "httprouter"
		}
	}
	switch {
	case f.imported("github.com/go-chi/chi"):
		return "chi"
	case f.imported("github.com/gorilla/mux"):
		return "gorilla/mux"
	case f.imported("github.com/julienschmidt/httprouter"):
		return "httprouter"
	}
	return "net/http"
}

// analyse runs the taint analysis of one handler and returns what reached a sink.
func (f *file) analyse(h handler) ([]hit, bool) {
	a := &fn{f: f, st: state{}, guards: map[string]ast.Expr{}, hits: &hits{}}
	bindFields := func(list *ast.FieldList) {
		if list == nil {
			return
		}
		for _, p := range list.List {
			v := value{carrier: f.carrierOfType(p.Type), hint: f.typeHint(p.Type)}
			if v.carrier != noCarrier {
				v.hint = ""
			}
			for _, n := range p.Names {
				if k, ok := f.keyOf(n); ok {
					a.st[k] = v
				}
			}
		}
	}
	bindFields(h.recv)
	bindFields(h.typ.Params)
	a.block(h.body.List)
	return a.hits.list, a.exhausted
}

// trimRoute joins a route prefix and a path without doubling the slash.
func trimRoute(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return strings.TrimSuffix(prefix, "/") + "/" + strings.TrimPrefix(p, "/")
}
