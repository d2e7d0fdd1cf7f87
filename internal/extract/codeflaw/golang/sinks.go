package golang

import (
	"go/ast"
	"go/types"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// Sinks. Each is a call that hands an attacker a foothold when request input reaches one of its
// arguments. Rule ids are "go-<class>-<sink>".
//
// Deserialization: Go's decoders (encoding/gob, encoding/json, encoding/xml, YAML) build only the types the
// program declares and run no code of the input's choosing, so request input reaching them is not code
// execution; Seam reports no deserialization flaw in Go rather than invent one.

// funcSink is a package function sink: the class it gives and the argument request input must not reach.
type funcSink struct {
	class flaw.Class
	sink  string
	arg   int
}

var funcSinks = map[string]funcSink{
	"net/http.Get":      {flaw.SSRF, "http-get", 0},
	"net/http.Head":     {flaw.SSRF, "http-head", 0},
	"net/http.Post":     {flaw.SSRF, "http-post", 0},
	"net/http.PostForm": {flaw.SSRF, "http-postform", 0},
	"net.Dial":          {flaw.SSRF, "net-dial", 1},
	"net.DialTimeout":   {flaw.SSRF, "net-dial", 1},
	"crypto/tls.Dial":   {flaw.SSRF, "tls-dial", 1},

	"net/http/httputil.NewSingleHostReverseProxy": {flaw.SSRF, "reverse-proxy", 0},

	"syscall.Exec":        {flaw.CommandInjection, "syscall-exec", 0},
	"os.StartProcess":     {flaw.CommandInjection, "os-startprocess", 0},
	"plugin.Open":         {flaw.CodeInjection, "plugin-open", 0},
	"os.Open":             {flaw.PathTraversal, "os-open", 0},
	"os.OpenFile":         {flaw.PathTraversal, "os-open", 0},
	"os.ReadFile":         {flaw.PathTraversal, "os-readfile", 0},
	"io/ioutil.ReadFile":  {flaw.PathTraversal, "ioutil-readfile", 0},
	"os.Create":           {flaw.PathTraversal, "os-create", 0},
	"os.WriteFile":        {flaw.PathTraversal, "os-writefile", 0},
	"io/ioutil.WriteFile": {flaw.PathTraversal, "ioutil-writefile", 0},
	"os.Remove":           {flaw.PathTraversal, "os-remove", 0},
	"os.RemoveAll":        {flaw.PathTraversal, "os-remove", 0},
	"net/http.ServeFile":  {flaw.PathTraversal, "http-servefile", 2},
}

// methodSink is a method sink on a receiver of a known type.
type methodSink struct {
	hint   string
	method string
	class  flaw.Class
	sink   string
	arg    int
}

var methodSinks = []methodSink{
	{"net/http.Client", "Get", flaw.SSRF, "client-get", 0},
	{"net/http.Client", "Head", flaw.SSRF, "client-head", 0},
	{"net/http.Client", "Post", flaw.SSRF, "client-post", 0},
	{"net/http.Client", "PostForm", flaw.SSRF, "client-postform", 0},
	{"net.Dialer", "Dial", flaw.SSRF, "net-dial", 1},
	{"net.Dialer", "DialContext", flaw.SSRF, "net-dial", 2},
	{"text/template.Template", "Parse", flaw.TemplateInjection, "template-parse", 0},
	{"html/template.Template", "Parse", flaw.TemplateInjection, "template-parse", 0},
	{"github.com/traefik/yaegi/interp.Interpreter", "Eval", flaw.CodeInjection, "yaegi-eval", 0},
	{"github.com/traefik/yaegi/interp.Interpreter", "EvalWithContext", flaw.CodeInjection, "yaegi-eval", 1},
	{"github.com/dop251/goja.Runtime", "RunString", flaw.CodeInjection, "goja-run", 0},
	{"github.com/dop251/goja.Runtime", "RunScript", flaw.CodeInjection, "goja-run", 1},
	{"github.com/robertkrimen/otto.Otto", "Run", flaw.CodeInjection, "otto-run", 0},
}

// fileSink is a framework method that opens a path: the rule's sink name and the path's argument.
type fileSink struct {
	sink string
	arg  int
}

// frameworkFileSinks are the frameworks' "send this file" and "save the upload here" methods.
var frameworkFileSinks = map[carrier]map[string]fileSink{
	ginContext: {"File": {"gin-file", 0}, "FileAttachment": {"gin-file", 0},
		"SaveUploadedFile": {"gin-saveuploadedfile", 1}},
	echoContext: {"File": {"echo-file", 0}, "Attachment": {"echo-file", 0}, "Inline": {"echo-file", 0}},
	fiberContext: {"SendFile": {"fiber-sendfile", 0}, "Download": {"fiber-sendfile", 0},
		"SaveFile": {"fiber-savefile", 1}},
}

// hit is request input reaching a sink.
type hit struct {
	class flaw.Class
	rule  string
	call  *ast.CallExpr
	in    value
}

// dangerous reports whether v, reaching a sink of class c, is a flaw: request input still dangerous for the
// class; for SSRF, also a URL whose host the attacker can choose.
func dangerous(c flaw.Class, v value) bool {
	if v.classes&classBit[c] == 0 {
		return false
	}
	return c != flaw.SSRF || !v.hostFixed
}

// report records a hit, keeping per sink and rule the most direct flow.
func (a *fn) report(c *ast.CallExpr, class flaw.Class, sink string, in value) {
	h := hit{class: class, rule: "go-" + string(class) + "-" + sink, call: c, in: in}
	for i, old := range a.hits.list {
		if old.call == c && old.rule == h.rule {
			if old.in.medium() && !in.medium() {
				a.hits.list[i] = h
			}
			return
		}
	}
	a.hits.list = append(a.hits.list, h)
}

// checkSinks reports the sinks a call reaches.
func (a *fn) checkSinks(c *ast.CallExpr, ce callee, recv value, args []value) {
	at := func(i int) value {
		if i < len(args) {
			return args[i]
		}
		return value{}
	}
	if ce.recv == nil {
		if ce.pkg == "os/exec" && (ce.name == "Command" || ce.name == "CommandContext") {
			off := 0
			if ce.name == "CommandContext" {
				off = 1
			}
			if in, ok := a.commandInput(c, args, off); ok {
				a.report(c, flaw.CommandInjection, "exec-command", in)
			}
			return
		}
		s, ok := funcSinks[ce.pkg+"."+ce.name]
		if !ok || !dangerous(s.class, at(s.arg)) {
			return
		}
		if s.sink == "http-servefile" && !at(s.arg).medium() && strings.HasSuffix(at(s.arg).source, ".URL.Path") {
			return // http.ServeFile itself refuses a request whose URL path has a ".." element
		}
		a.report(c, s.class, s.sink, at(s.arg))
		return
	}
	a.checkMethodSinks(c, ce, recv, args, at)
}

func (a *fn) checkMethodSinks(c *ast.CallExpr, ce callee, recv value, args []value, at func(int) value) {
	name := ce.name
	if recv.carrier != noCarrier {
		if fs, ok := frameworkFileSinks[recv.carrier][name]; ok && dangerous(flaw.PathTraversal, at(fs.arg)) {
			a.report(c, flaw.PathTraversal, fs.sink, at(fs.arg))
		}
		return
	}
	if (name == "Do" || name == "RoundTrip") && len(args) == 1 && args[0].outReq && dangerous(flaw.SSRF, args[0]) {
		a.report(c, flaw.SSRF, "client-do", args[0])
		return
	}
	hint := recv.hint
	if hint == "" && a.looksHTTPClient(ce.recv, name, len(args)) {
		hint = "net/http.Client"
	}
	for _, s := range methodSinks {
		if s.hint == hint && s.method == name && dangerous(s.class, at(s.arg)) {
			a.report(c, s.class, s.sink, at(s.arg))
			return
		}
	}
	if sink, i, ok := a.sqlSink(c, ce, recv); ok && dangerous(flaw.SQLInjection, at(i)) {
		a.report(c, flaw.SQLInjection, sink, at(i))
	}
}

// looksHTTPClient guesses that a receiver of unknown type is an *http.Client from its name ("client",
// "h.httpClient") when the file imports net/http and the call has http.Client's arity.
func (a *fn) looksHTTPClient(recv ast.Expr, method string, n int) bool {
	var name string
	switch r := unparen(recv).(type) {
	case *ast.Ident:
		name = r.Name
	case *ast.SelectorExpr:
		name = r.Sel.Name
	default:
		return false
	}
	arity := map[string]int{"Get": 1, "Head": 1, "Post": 3, "PostForm": 2}[method]
	return arity == n && strings.Contains(strings.ToLower(name), "client") && a.f.imported("net/http")
}

// commandInput returns the input that decides what exec.Command runs: the program, or the script of a
// shell's -c (exec.Command("sh", "-c", script)). Arguments after the script are the script's positional
// parameters and are safe.
func (a *fn) commandInput(c *ast.CallExpr, args []value, off int) (value, bool) {
	if len(args) <= off {
		return value{}, false
	}
	if dangerous(flaw.CommandInjection, args[off]) {
		return args[off], true
	}
	prog, ok := a.f.constString(c.Args[off])
	if !ok {
		return value{}, false
	}
	isScriptFlag := shellFlag(path.Base(strings.ReplaceAll(prog, `\`, "/")))
	if isScriptFlag == nil {
		return value{}, false
	}
	for i := off + 1; i < len(c.Args); i++ {
		if dangerous(flaw.CommandInjection, args[i]) {
			return args[i], true // an option, the script or the script's file
		}
		flag, ok := a.f.constString(c.Args[i])
		switch {
		case !ok:
			return value{}, false
		case isScriptFlag(flag):
			if i+1 < len(c.Args) && dangerous(flaw.CommandInjection, args[i+1]) {
				return args[i+1], true
			}
			return value{}, false
		case !strings.HasPrefix(flag, "-"):
			return value{}, false // a script file; what follows are its parameters
		}
	}
	return value{}, false
}

// shellFlag returns, for a shell, the test of the flag after which it reads a command string.
func shellFlag(prog string) func(string) bool {
	switch strings.TrimSuffix(strings.ToLower(prog), ".exe") {
	case "sh", "bash", "zsh", "dash", "ksh", "ash", "fish":
		return func(f string) bool {
			return f == "--command" || (strings.HasPrefix(f, "-") && !strings.HasPrefix(f, "--") && strings.Contains(f, "c"))
		}
	case "cmd":
		return func(f string) bool { return strings.EqualFold(f, "/c") || strings.EqualFold(f, "/k") }
	case "powershell", "pwsh":
		return func(f string) bool {
			f = strings.ToLower(f)
			return f == "-command" || f == "-c" || f == "-encodedcommand"
		}
	}
	return nil
}

// SQL: the query methods of database/sql, sqlx and pgx (matched by name, because the database handle is
// usually a field declared in another file), and gorm's and sqlx's own methods when the file uses them.
var sqlMethods = map[string]string{
	"Query": "db-query", "QueryRow": "db-query", "Queryx": "db-query", "QueryRowx": "db-query",
	"NamedQuery": "db-query", "Exec": "db-exec", "MustExec": "db-exec", "NamedExec": "db-exec",
	"Prepare": "db-prepare", "Preparex": "db-prepare",
}

var gormMethods = map[string]string{
	"Raw": "gorm-raw", "Where": "gorm-where", "Or": "gorm-where", "Not": "gorm-where", "Having": "gorm-where",
	"Order": "gorm-order", "Group": "gorm-order", "Joins": "gorm-joins", "Select": "gorm-select",
	"Distinct": "gorm-select",
}

var dbPackages = []string{"database/sql", "github.com/jmoiron/sqlx", "github.com/jackc/pgx", "gorm.io/gorm",
	"github.com/jinzhu/gorm", "github.com/uptrace/bun"}

// sqlSink reports whether a method call is a query sink, the rule's sink name and the query's argument.
func (a *fn) sqlSink(c *ast.CallExpr, ce callee, recv value) (string, int, bool) {
	if recv.hint != "" && strings.ContainsAny(recv.hint, "./") && !hasPrefixAny(recv.hint, dbPackages) {
		return "", 0, false // a receiver of a known type that is no database handle
	}
	name, withCtx := ce.name, false
	if base, ok := strings.CutSuffix(name, "Context"); ok {
		name, withCtx = base, true
	}
	sink, i := sqlMethods[name], 0
	usesGorm := isGorm(recv.hint) || (recv.hint == "" && (a.f.imported("gorm.io/gorm") || a.f.imported("github.com/jinzhu/gorm")))
	usesSqlx := strings.HasPrefix(recv.hint, "github.com/jmoiron/sqlx") || (recv.hint == "" && a.f.imported("github.com/jmoiron/sqlx"))
	switch {
	case sink == "" && usesGorm && !withCtx:
		sink = gormMethods[name]
	case sink == "" && usesSqlx && (name == "Select" || name == "Get"):
		sink, i = "sqlx-"+strings.ToLower(name), 1
	}
	if sink == "" {
		return "", 0, false
	}
	if withCtx || (len(c.Args) > i+1 && a.looksContext(c.Args[i])) {
		i++
	}
	if i >= len(c.Args) || !a.stringish(c.Args[i]) {
		return "", 0, false
	}
	return sink, i, true
}

// stringish reports whether an expression may be a query string: not a composite literal, an address or
// a value the type checker knows is of another type.
func (a *fn) stringish(e ast.Expr) bool {
	switch unparen(e).(type) {
	case *ast.CompositeLit, *ast.UnaryExpr, *ast.FuncLit:
		return false
	}
	t := a.f.info.TypeOf(e)
	if t == nil || t == types.Typ[types.Invalid] {
		return true
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Info()&types.IsString != 0 || b.Kind() == types.Invalid
	}
	return false
}

// looksContext reports whether an argument is a context.Context (ctx, r.Context(), context.Background()).
func (a *fn) looksContext(e ast.Expr) bool {
	switch x := unparen(e).(type) {
	case *ast.Ident:
		n := strings.ToLower(x.Name)
		v := a.ident(x)
		return n == "ctx" || strings.HasSuffix(n, "ctx") || v.hint == "context.Context" || v.carrier == ginContext // *gin.Context is a context.Context
	case *ast.SelectorExpr:
		return strings.HasSuffix(strings.ToLower(x.Sel.Name), "ctx")
	case *ast.CallExpr:
		ce := a.f.calleeOf(x)
		return ce.pkg == "context" || (ce.recv != nil && ce.name == "Context")
	}
	return false
}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
