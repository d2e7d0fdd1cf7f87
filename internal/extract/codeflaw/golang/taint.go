package golang

import (
	"go/ast"
	"maps"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// classSet is the set of sink classes a value is still dangerous for. Request input starts dangerous for
// every class; a sanitiser removes the classes it defends (filepath.Base only path traversal, a host
// allow-list only SSRF, strconv.Atoi all of them).
type classSet uint8

const (
	cSSRF classSet = 1 << iota
	cCommand
	cCode
	cTemplate
	cSQL
	cPath

	allClasses = cSSRF | cCommand | cCode | cTemplate | cSQL | cPath
	// notSSRF is what an anchored regular expression check defends: the value has a known shape, but a
	// hostname such as "localhost" fits most shapes.
	notSSRF = allClasses &^ cSSRF
)

// classBit maps a flaw class to its bit.
var classBit = map[flaw.Class]classSet{
	flaw.SSRF: cSSRF, flaw.CommandInjection: cCommand, flaw.CodeInjection: cCode,
	flaw.TemplateInjection: cTemplate, flaw.SQLInjection: cSQL, flaw.PathTraversal: cPath,
}

// carrier says that a value is the request itself (or a framework context around it), whose fields and
// methods are request input: sources are read from carriers.
type carrier uint8

const (
	noCarrier    carrier = iota
	httpRequest          // *http.Request
	ginContext           // *gin.Context
	echoContext          // echo.Context
	fiberContext         // *fiber.Ctx
	routerParams         // httprouter.Params
)

// value is what Seam knows about an expression's value: whether request input taints it and where it came
// from, whether it is a request carrier, and what it is when that decides a sink (an *http.Client, a
// template, an outgoing request).
type value struct {
	classes classSet // the classes it is dangerous for; 0 is clean
	source  string   // the request input it came from, as written
	line    int      // the line of source
	via     string   // the first call Seam could not see into on the way ("" when the flow is direct)
	// hostFixed marks a URL whose scheme and host the program wrote itself ("https://api.example.com/" + id):
	// the attacker chooses a path, not the server.
	hostFixed bool
	cleaned   bool   // a path made by filepath.Join/Clean/Abs/Rel: no "..", so a prefix check is meaningful
	isURL     bool   // a *url.URL from url.Parse: a check of its Host is a host allow-list
	origin    string // the state key of the value this one was parsed from (url.Parse, filepath.Rel)
	outReq    bool   // an outgoing *http.Request from http.NewRequest; the taint is that of its URL

	carrier carrier
	hint    string       // the value's type when Seam can tell: "net/http.Client", "text/template.Template"
	closure *ast.FuncLit // a function literal held in a variable
	pattern string       // the expression of a *regexp.Regexp compiled from a constant
}

// tainted reports whether request input reaches the value.
func (v value) tainted() bool { return v.classes != 0 }

// medium reports whether the flow passed through a call Seam assumed to pass input on.
func (v value) medium() bool { return v.via != "" }

// join combines two values that both flow into one (a concatenation, two branches): taint is a union; the
// source is the first direct one.
func join(a, b value) value {
	switch {
	case !a.tainted() && !b.tainted():
	case !a.tainted():
		a.classes, a.source, a.line, a.via = b.classes, b.source, b.line, b.via
		a.hostFixed, a.cleaned, a.isURL, a.origin, a.outReq = b.hostFixed, b.cleaned, b.isURL, b.origin, b.outReq
	case b.tainted():
		if a.medium() && !b.medium() {
			a.source, a.line, a.via = b.source, b.line, b.via
		}
		a.classes |= b.classes
		a.hostFixed = a.hostFixed && b.hostFixed
		a.cleaned = a.cleaned && b.cleaned
		a.isURL = a.isURL || b.isURL
		a.outReq = a.outReq || b.outReq
		if a.origin != b.origin {
			a.origin = ""
		}
	}
	if a.carrier == noCarrier {
		a.carrier = b.carrier
	}
	if a.hint == "" {
		a.hint = b.hint
	}
	if a.closure == nil {
		a.closure = b.closure
	}
	if a.pattern == "" {
		a.pattern = b.pattern
	}
	return a
}

// taintOnly keeps what v says about request input and drops what it is (carrier, type, closure).
func taintOnly(v value) value {
	v.carrier, v.hint, v.closure, v.pattern, v.outReq = noCarrier, "", nil, "", false
	return v
}

// state maps variables (and field paths under them: "v3.URL.Host") to what Seam knows of their values at
// one point of a function. A path without an entry has the value of its longest prefix that has one.
type state map[string]value

// lookup returns the value at key, inherited from the nearest prefix.
func (s state) lookup(key string) (value, bool) {
	for {
		if v, ok := s[key]; ok {
			return v, true
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return value{}, false
		}
		key = key[:i]
	}
}

// set gives key a new value, replacing whatever was known of its fields.
func (s state) set(key string, v value) {
	prefix := key + "."
	for k := range s {
		if strings.HasPrefix(k, prefix) {
			delete(s, k)
		}
	}
	s[key] = v
}

// sanitize removes classes from the value at key and under it, and from the value it was parsed from.
func (s state) sanitize(key string, cs classSet) {
	for depth := 0; key != "" && depth < 4; depth++ {
		v, _ := s.lookup(key)
		v.classes &^= cs
		s[key] = v
		prefix := key + "."
		for k, w := range s {
			if strings.HasPrefix(k, prefix) {
				w.classes &^= cs
				s[k] = w
			}
		}
		key = v.origin
	}
}

// merge returns the state after two paths of control meet: every key holds the join of its values on both.
func merge(a, b state) state {
	out := make(state, len(a)+len(b))
	for k := range a {
		out[k] = joinAt(a, b, k)
	}
	for k := range b {
		if _, ok := out[k]; !ok {
			out[k] = joinAt(a, b, k)
		}
	}
	return out
}

func joinAt(a, b state, key string) value {
	va, _ := a.lookup(key)
	vb, _ := b.lookup(key)
	return join(va, vb)
}

// equal reports whether two states say the same about every key (used to stop iterating a loop).
func (s state) equal(t state) bool {
	return maps.EqualFunc(s, t, func(a, b value) bool { return a == b })
}
