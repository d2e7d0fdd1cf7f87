package golang

import (
	"go/ast"
	"strings"
)

// funcKind is what a known package function does with request input.
type funcKind uint8

const (
	kUnknown       funcKind = iota // a function Seam does not model: input in, input out (medium)
	kPropagate                     // the result carries its arguments' input (strings.ToLower, io.ReadAll)
	kClean                         // the result carries none (strconv.Atoi, len-like functions, time.Parse)
	kSprintf                       // fmt.Sprintf: format-aware propagation
	kFprintf                       // fmt.Fprintf: the destination receives the input
	kScan                          // fmt.Sscanf: the destinations receive the first argument's input
	kUnmarshal                     // json.Unmarshal(data, &v): v receives data's input
	kURLParse                      // url.Parse: a URL whose host a later check can allow-list
	kJoinPath                      // url.JoinPath(base, elem...): the host is base's
	kPathClean                     // filepath.Join/Clean/Abs: a path without ".." elements left unresolved
	kPathRel                       // filepath.Rel(base, p): a clean relative path derived from p
	kPathBase                      // filepath.Base: the last element; ends path traversal only
	kSQLQuote                      // pq.QuoteIdentifier: ends SQL injection only
	kShellQuote                    // shellescape.Quote: ends command injection only
	kNewRequest                    // http.NewRequest: an outgoing request whose URL is argument 1
	kNewRequestCtx                 // http.NewRequestWithContext: URL is argument 2
	kPassThrough                   // template.Must(t, err): returns its first argument as it is
	kRegexp                        // regexp.MustCompile(pattern)
)

// packageKinds is the default kind of a package's functions; functionKinds overrides it per function.
// Standard library packages not listed propagate; other packages are unknown.
var packageKinds = map[string]funcKind{
	"strconv": kClean, "time": kClean, "math": kClean, "sort": kClean, "sync": kClean, "context": kClean,
	"errors": kClean, "log": kClean, "log/slog": kClean, "unicode": kClean, "unicode/utf8": kClean, "os": kClean,
	"os/exec": kClean, "runtime": kClean, "net/http": kClean, "net/http/httputil": kClean, "crypto/sha256": kClean,
	"crypto/sha1": kClean, "crypto/md5": kClean, "crypto/hmac": kClean, "crypto/rand": kClean, "math/rand": kClean,
	"github.com/google/uuid": kClean, "github.com/gofrs/uuid": kClean, "plugin": kClean, "syscall": kClean,
	"database/sql": kClean, "text/template": kClean, "html/template": kClean,
}

var functionKinds = map[string]funcKind{
	"strconv.Quote": kPropagate, "strconv.QuoteToASCII": kPropagate, "strconv.QuoteToGraphic": kPropagate,
	"strconv.Unquote": kPropagate, "strconv.AppendQuote": kPropagate,
	"fmt.Sprintf": kSprintf, "fmt.Errorf": kClean, "fmt.Fprintf": kFprintf, "fmt.Fprint": kFprintf,
	"fmt.Fprintln": kFprintf, "fmt.Sscanf": kScan, "fmt.Sscan": kScan, "fmt.Sscanln": kScan,
	"fmt.Printf": kClean, "fmt.Println": kClean, "fmt.Print": kClean,
	"encoding/json.Unmarshal": kUnmarshal, "encoding/json.Valid": kClean, "encoding/xml.Unmarshal": kUnmarshal,
	"gopkg.in/yaml.Unmarshal": kUnmarshal, "sigs.k8s.io/yaml.Unmarshal": kUnmarshal,
	"github.com/goccy/go-yaml.Unmarshal": kUnmarshal, "github.com/BurntSushi/toml.Unmarshal": kUnmarshal,
	"net/url.Parse": kURLParse, "net/url.ParseRequestURI": kURLParse, "net/url.JoinPath": kJoinPath,
	"path/filepath.Join": kPathClean, "path/filepath.Clean": kPathClean, "path/filepath.Abs": kPathClean,
	"path.Join": kPathClean, "path.Clean": kPathClean, "path/filepath.Rel": kPathRel,
	"path/filepath.Base": kPathBase, "path.Base": kPathBase, "path/filepath.Ext": kPathBase, "path.Ext": kPathBase,
	"path/filepath.IsAbs": kClean, "path/filepath.IsLocal": kClean, "path/filepath.Match": kClean,
	"path.IsAbs": kClean, "path.Match": kClean, "io/fs.ValidPath": kClean,
	"github.com/lib/pq.QuoteIdentifier": kSQLQuote, "github.com/lib/pq.QuoteLiteral": kSQLQuote,
	"github.com/alessio/shellescape.Quote": kShellQuote, "github.com/kballard/go-shellquote.Join": kShellQuote,
	"net/http.NewRequest": kNewRequest, "net/http.NewRequestWithContext": kNewRequestCtx,
	"net/http.MaxBytesReader": kPropagate,
	"text/template.Must":      kPassThrough, "html/template.Must": kPassThrough,
	"regexp.MustCompile": kRegexp, "regexp.Compile": kRegexp, "regexp.MatchString": kClean,
	"regexp.QuoteMeta": kPropagate,
	"slices.Contains":  kClean, "slices.Index": kClean, "slices.ContainsFunc": kClean,
	"slices.IndexFunc": kClean, "slices.Equal": kClean, "slices.BinarySearch": kClean,
}

// stringPredicates are the strings and bytes functions that return a boolean or a number.
var stringPredicates = set("Contains", "ContainsAny", "ContainsRune", "ContainsFunc", "HasPrefix", "HasSuffix",
	"Index", "IndexAny", "IndexByte", "IndexFunc", "IndexRune", "LastIndex", "LastIndexAny", "LastIndexByte",
	"LastIndexFunc", "Count", "EqualFold", "Compare", "Equal")

// constructors give the type of what a package function returns, so that a later method call can be
// recognised as a sink (template.New(...).Parse, interp.New(...).Eval).
var constructors = map[string]string{
	"text/template.New": "text/template.Template", "html/template.New": "html/template.Template",
	"text/template.ParseFiles": "text/template.Template", "html/template.ParseFiles": "html/template.Template",
	"text/template.ParseGlob": "text/template.Template", "html/template.ParseGlob": "html/template.Template",
	"github.com/traefik/yaegi/interp.New": "github.com/traefik/yaegi/interp.Interpreter",
	"github.com/dop251/goja.New":          "github.com/dop251/goja.Runtime",
	"github.com/robertkrimen/otto.New":    "github.com/robertkrimen/otto.Otto",
	"database/sql.Open":                   "database/sql.DB", "github.com/jmoiron/sqlx.Open": "github.com/jmoiron/sqlx.DB",
	"github.com/jmoiron/sqlx.Connect": "github.com/jmoiron/sqlx.DB", "github.com/jmoiron/sqlx.MustConnect": "github.com/jmoiron/sqlx.DB",
	"github.com/jackc/pgx.Connect": "github.com/jackc/pgx.Conn", "github.com/jackc/pgx/pgxpool.New": "github.com/jackc/pgx/pgxpool.Pool",
	"gorm.io/gorm.Open": "gorm.io/gorm.DB", "github.com/jinzhu/gorm.Open": "github.com/jinzhu/gorm.DB",
	"os/exec.Command": "os/exec.Cmd", "os/exec.CommandContext": "os/exec.Cmd",
}

// kindOf returns what a package function does with input.
func kindOf(pkg, name string) funcKind {
	if k, ok := functionKinds[pkg+"."+name]; ok {
		return k
	}
	if pkg == "strings" || pkg == "bytes" {
		if stringPredicates[name] {
			return kClean
		}
		return kPropagate
	}
	if k, ok := packageKinds[pkg]; ok {
		return k
	}
	if !strings.Contains(strings.SplitN(pkg, "/", 2)[0], ".") {
		return kPropagate // the standard library: transformations keep their input
	}
	return kUnknown
}

// function evaluates the result of a package function.
func (a *fn) function(c *ast.CallExpr, ce callee, args []value) value {
	if h, ok := constructors[ce.pkg+"."+ce.name]; ok {
		return value{hint: h}
	}
	arg := func(i int) value {
		if i < len(args) {
			return args[i]
		}
		return value{}
	}
	kind := kindOf(ce.pkg, ce.name)
	switch kind {
	case kClean:
		return value{}
	case kPropagate:
		return joinAll(args)
	case kSprintf:
		if len(c.Args) == 0 {
			return value{}
		}
		return a.sprintf(c.Args[0], args[1:], args[0])
	case kFprintf:
		if in := joinAll(args[min(1, len(args)):]); in.tainted() && len(c.Args) > 0 {
			if k, ok := a.f.keyOf(c.Args[0]); ok {
				a.st[k] = join(a.st[k], in)
			}
		}
		return value{}
	case kScan:
		a.taintTargets(c.Args[min(1, len(c.Args)):], arg(0), false)
		return value{}
	case kUnmarshal:
		if len(c.Args) > 1 {
			a.taintTargets(c.Args[1:], arg(0), true)
		}
		return value{}
	}
	return a.derived(kind, c, ce, args)
}

// derived evaluates the known functions whose result is a new kind of value: a URL, a path, a quoted
// string, an outgoing request, a template, a regular expression.
func (a *fn) derived(kind funcKind, c *ast.CallExpr, ce callee, args []value) value {
	arg := func(i int) value {
		if i < len(args) {
			return args[i]
		}
		return value{}
	}
	switch kind {
	case kURLParse:
		v := taintOnly(arg(0))
		if v.tainted() {
			v.isURL, v.origin = true, ""
			if len(c.Args) > 0 {
				v.origin, _ = a.f.keyOf(c.Args[0])
			}
		}
		v.hint = "net/url.URL"
		return v
	case kJoinPath:
		v := joinAll(args)
		if v.tainted() {
			v.hostFixed = !arg(0).tainted() || arg(0).hostFixed
		}
		return v
	case kPathClean, kPathRel:
		return a.pathValue(c, ce, args)
	case kPathBase:
		v := joinAll(args)
		v.classes &^= cPath
		return v
	case kSQLQuote:
		v := joinAll(args)
		v.classes &^= cSQL
		return v
	case kShellQuote:
		v := joinAll(args)
		v.classes &^= cCommand
		return v
	case kNewRequest, kNewRequestCtx:
		i := 1
		if kind == kNewRequestCtx {
			i = 2
		}
		v := taintOnly(arg(i))
		v.outReq, v.hint = true, "net/http.Request"
		return v
	case kPassThrough:
		return arg(0)
	case kRegexp:
		v := value{hint: "regexp.Regexp"}
		if len(c.Args) > 0 {
			v.pattern, _ = a.f.constString(c.Args[0])
		}
		return v
	}
	return a.unknownCall(c, args)
}

// pathValue evaluates filepath.Join, Clean, Abs and Rel: the result is a cleaned path; Rel's comes from
// its second argument, so a check of the result also checks that argument.
func (a *fn) pathValue(c *ast.CallExpr, ce callee, args []value) value {
	v := joinAll(args)
	if !v.tainted() {
		return value{}
	}
	v.cleaned, v.isURL, v.hostFixed, v.origin = true, false, false, ""
	if ce.name == "Rel" && len(c.Args) == 2 {
		v.origin, _ = a.f.keyOf(c.Args[1])
	}
	return v
}
