package golang

import (
	"go/ast"
	"go/token"
	"strings"
)

// Sources. Request input is read from a carrier — the *http.Request, a framework's context, httprouter's
// Params — through the fields and methods below, or handed out by a router's helper (chi.URLParam,
// mux.Vars). Methods of a carrier that are not listed (r.Context, c.JSON, gin's c.Get, which reads what
// middleware stored) are not input.

// carrierTypes maps the type of a handler parameter to the carrier it is.
var carrierTypes = map[string]carrier{
	"net/http.Request":                           httpRequest,
	"github.com/gin-gonic/gin.Context":           ginContext,
	"github.com/labstack/echo.Context":           echoContext,
	"github.com/gofiber/fiber.Ctx":               fiberContext,
	"github.com/julienschmidt/httprouter.Params": routerParams,
}

// carrierSources lists, per carrier, the fields and methods whose value is request input.
var carrierSources = map[carrier]map[string]bool{
	httpRequest: set("URL", "Form", "PostForm", "MultipartForm", "Header", "Body", "Host", "RequestURI", "Trailer",
		"FormValue", "PostFormValue", "PathValue", "Cookie", "Cookies", "FormFile", "Referer", "UserAgent",
		"BasicAuth", "MultipartReader", "GetBody"),
	ginContext: set("Query", "DefaultQuery", "GetQuery", "QueryArray", "GetQueryArray", "QueryMap", "GetQueryMap",
		"Param", "Params", "PostForm", "DefaultPostForm", "GetPostForm", "PostFormArray", "GetPostFormArray",
		"PostFormMap", "GetPostFormMap", "GetHeader", "Cookie", "FormFile", "MultipartForm", "GetRawData"),
	echoContext: set("QueryParam", "QueryParams", "QueryString", "Param", "ParamValues", "FormValue", "FormParams",
		"FormFile", "MultipartForm", "Cookie", "Cookies"),
	fiberContext: set("Query", "Queries", "Params", "AllParams", "FormValue", "Get", "GetReqHeaders", "Cookies",
		"Body", "BodyRaw", "FormFile", "MultipartForm", "OriginalURL"),
}

// binders are the framework methods that decode request input into the variable they are given
// (c.ShouldBindJSON(&req)).
var binders = map[carrier]func(string) bool{
	ginContext: func(m string) bool {
		return strings.HasPrefix(m, "Bind") || strings.HasPrefix(m, "ShouldBind") || strings.HasPrefix(m, "MustBind")
	},
	echoContext:  func(m string) bool { return m == "Bind" },
	fiberContext: func(m string) bool { return strings.HasSuffix(m, "Parser") },
}

// sourceFuncs are package functions that return request input.
var sourceFuncs = set(
	"github.com/go-chi/chi.URLParam", "github.com/go-chi/chi.URLParamFromCtx", "github.com/gorilla/mux.Vars",
	"github.com/julienschmidt/httprouter.ParamsFromContext",
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// carrierOfType returns the carrier a parameter of type t is.
func (f *file) carrierOfType(t ast.Expr) carrier {
	return carrierTypes[f.typeHint(t)]
}

// carrierOf returns the carrier an expression's value is: a carrier variable, gin's c.Request, echo's
// c.Request(), r.WithContext(ctx).
func (a *fn) carrierOf(e ast.Expr) carrier {
	switch e := e.(type) {
	case *ast.Ident:
		return a.ident(e).carrier
	case *ast.ParenExpr:
		return a.carrierOf(e.X)
	case *ast.StarExpr:
		return a.carrierOf(e.X)
	case *ast.SelectorExpr:
		if e.Sel.Name == "Request" && a.carrierOf(e.X) == ginContext {
			return httpRequest
		}
		if k, ok := a.f.keyOf(e); ok {
			return a.st[k].carrier
		}
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		if !ok {
			return noCarrier
		}
		switch x := a.carrierOf(sel.X); {
		case x == echoContext && sel.Sel.Name == "Request":
			return httpRequest
		case x == httpRequest && (sel.Sel.Name == "WithContext" || sel.Sel.Name == "Clone"):
			return httpRequest
		}
	}
	return noCarrier
}

// isSource reports whether an expression reads request input: a chain of selectors, calls and indexes
// that starts at a carrier with a listed field or method (r.URL.Query().Get("q"), c.Param("id")), or at a
// router helper (mux.Vars(r)["id"]). Seam reports the outermost such expression as the source.
func (a *fn) isSource(e ast.Expr) bool {
	cur := e
	for range 32 {
		var next ast.Expr
		var step string
		switch x := cur.(type) {
		case *ast.ParenExpr:
			cur = x.X
			continue
		case *ast.SelectorExpr:
			next, step = x.X, x.Sel.Name
		case *ast.IndexExpr:
			next, step = x.X, "[]"
		case *ast.CallExpr:
			if ce := a.f.calleeOf(x); ce.pkg != "" && sourceFuncs[ce.pkg+"."+ce.name] {
				return true
			}
			sel, ok := x.Fun.(*ast.SelectorExpr)
			if !ok {
				return false
			}
			next, step = sel.X, sel.Sel.Name
		default:
			return false
		}
		if k := a.carrierOf(next); k != noCarrier {
			return k == routerParams || carrierSources[k][step]
		}
		cur = next
	}
	return false
}

// sourceValue is the value of a source expression: request input, dangerous for every class.
func (a *fn) sourceValue(e ast.Expr) value {
	return value{classes: allClasses, source: a.f.text(e), line: a.f.line(e.Pos())}
}

// bind records a framework binder call (c.ShouldBindJSON(&req)): the variables it is given now hold
// request input. It reports whether the call was one.
func (a *fn) bind(c *ast.CallExpr, recv carrier, method string) bool {
	is := binders[recv]
	if is == nil || !is(method) {
		return false
	}
	a.taintTargets(c.Args, a.sourceValue(c), true)
	return true
}

// taintTargets gives the variables passed by address (&v) the value v; with pointers, also the variables
// passed as they are (a decoder's destination may be a pointer variable).
func (a *fn) taintTargets(args []ast.Expr, v value, pointers bool) {
	for _, arg := range args {
		u, ok := arg.(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			if id, ok := arg.(*ast.Ident); ok && pointers && a.ident(id).carrier == noCarrier {
				if k, ok := a.f.keyOf(id); ok && !a.st[k].tainted() {
					a.st[k] = join(a.st[k], taintOnly(v))
				}
			}
			continue
		}
		if k, ok := a.f.keyOf(u); ok {
			a.st.set(k, join(a.st[k], taintOnly(v)))
		}
	}
}
