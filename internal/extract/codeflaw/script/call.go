package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// callCtx is a call being analysed: its canonical name, and the taint of its receiver and arguments.
type callCtx struct {
	e      *engine
	call   *syntax.Call
	name   string // canonical callee: "child_process.exec", "*.query" style matching uses its last segment
	method string // the called method's name, "" for a plain function
	known  bool   // the callee resolved through an import or a known instance
	recv   taint  // the receiver's taint, for a method call
	fn     taint  // the callee's own taint (a function name taken from input)
	args   []taint
}

// arg returns the taint of positional argument i.
func (cc *callCtx) arg(i int) taint {
	n := -1
	for k, a := range cc.call.Args {
		if a.Name != "" && !a.Spread {
			continue
		}
		n++
		if n == i {
			return cc.args[k]
		}
	}
	return none
}

// argExpr returns positional argument i's expression, or nil.
func (cc *callCtx) argExpr(i int) syntax.Expr {
	n := -1
	for _, a := range cc.call.Args {
		if a.Name != "" && !a.Spread {
			continue
		}
		n++
		if n == i {
			return a.X
		}
	}
	return nil
}

// kw returns the expression and taint of keyword argument name (Python, PHP named arguments).
func (cc *callCtx) kw(name string) (syntax.Expr, taint, bool) {
	for k, a := range cc.call.Args {
		if a.Name == name {
			return a.X, cc.args[k], true
		}
	}
	return nil, none, false
}

// positional returns the number of positional arguments.
func (cc *callCtx) positional() int {
	n := 0
	for _, a := range cc.call.Args {
		if a.Name == "" || a.Spread {
			n++
		}
	}
	return n
}

// all returns the merged taint of every argument.
func (cc *callCtx) all() taint {
	var t taint
	for _, a := range cc.args {
		t = merge(t, a)
	}
	return t
}

// prop returns the taint of property key of argument i when it is an object literal (or a name bound to
// one); for any other value, the argument's own taint.
func (cc *callCtx) prop(i int, keys ...string) (taint, bool) {
	x := cc.argExpr(i)
	if x == nil {
		return none, false
	}
	if obj, ok := x.(*syntax.Object); ok {
		var t taint
		found := false
		for _, p := range obj.Props {
			for _, k := range keys {
				if p.Key == k {
					t, found = merge(t, cc.e.evalQuiet(p.Value)), true
				}
			}
		}
		return t, found
	}
	if b := cc.e.rootBinding(x); b != nil && b.props != nil {
		var t taint
		found := false
		for _, k := range keys {
			if pt, ok := b.props[k]; ok {
				t, found = merge(t, pt), true
			}
		}
		if found || b.shaped {
			return t, found
		}
	}
	return cc.arg(i), true
}

// evalQuiet returns the taint of an expression already evaluated once, without reporting its sinks again.
func (e *engine) evalQuiet(x syntax.Expr) taint {
	saved := e.found
	e.found = map[string]flaw.Finding{}
	t := e.eval(x)
	e.found = saved
	return t
}

// arrayIterators are methods whose callback receives the elements of the receiver.
var arrayIterators = map[string]bool{
	"map": true, "forEach": true, "filter": true, "flatMap": true, "some": true, "every": true, "find": true,
	"findIndex": true, "then": true, "reduce": false,
}

// call evaluates a call: the receiver, the arguments (callbacks analysed inline), the sinks it may be, and
// the taint it returns.
func (e *engine) call(c *syntax.Call) taint {
	cc := &callCtx{e: e, call: c}
	cc.name, cc.known = e.resolve(c.Fn)
	if m, ok := c.Fn.(*syntax.Member); ok {
		cc.method = m.Name
		cc.recv = e.eval(m.X)
	} else {
		cc.fn = e.eval(c.Fn)
	}
	cc.args = make([]taint, len(c.Args))
	for i, a := range c.Args {
		if f, ok := a.X.(*syntax.Func); ok {
			first := none
			if cc.recv.tainted() && arrayIterators[cc.method] {
				first = cc.recv.specific()
			}
			e.inline(f, first)
			continue
		}
		cc.args[i] = e.eval(a.X)
	}
	sinks := e.sinksOf(cc)
	for _, s := range sinks {
		if t, ok := s.reach(cc); ok && t.tainted() && !t.safeFor(s.guardClass()) {
			e.report(cc, s, t)
		}
	}
	if t, ok := e.lang.result(cc); ok {
		return t
	}
	if len(sinks) > 0 {
		return none // what a sink returns (a response, a file's bytes, a query result) is not request input
	}
	return e.defaultResult(cc)
}

// sinksOf returns the sinks a call may be: by canonical name, then (for a method) by "*.method".
func (e *engine) sinksOf(cc *callCtx) []*sink {
	if s := e.lang.sinks(cc.name); len(s) > 0 {
		return s
	}
	if cc.method != "" {
		return e.lang.sinks("*." + cc.method)
	}
	return nil
}

// Methods by what they return, for receivers and functions the language tables do not know.
var (
	// predicates return booleans or numbers about the receiver, never its content.
	predicates = map[string]bool{
		"includes": true, "startsWith": true, "endsWith": true, "indexOf": true, "lastIndexOf": true, "test": true,
		"has": true, "startswith": true, "endswith": true, "isdigit": true, "isalnum": true, "isnumeric": true,
		"isalpha": true, "count": true, "find": false, "index": true, "search": true, "localeCompare": true,
		"exists": true, "isEmpty": true, "equals": true, "compare": true, "__contains__": true,
	}
	// builders put their arguments into the receiver's text.
	builders = map[string]bool{
		"format": true, "join": true, "concat": true, "replace": true, "replaceAll": true, "format_map": true,
		"resolve": true, "joinpath": true,
	}
	// mutators add their arguments to the receiver.
	mutators = map[string]bool{
		"push": true, "append": true, "extend": true, "unshift": true, "insert": true, "add": true, "update": true,
		"set": true, "setdefault": true, "appendleft": true,
	}
	// lookups read a container or a database by their arguments: the result is what was stored, not input.
	lookups = map[string]bool{
		"get": true, "getlist": true, "findOne": true, "findAll": true, "findById": true, "findByPk": true,
		"findUnique": true, "findFirst": true, "findMany": true, "first": true, "filter": true, "filter_by": true,
		"where": true, "select": true, "count": true, "exists": true, "load": false, "fetchone": true,
		"fetchall": true, "scalar": true, "one": true, "all": true, "values": true, "order_by": true,
		"limit": true, "offset": true, "create": true, "save": true, "delete": true, "destroy": true,
		"update_one": true, "insert_one": true, "find_one": true, "find": true, "aggregate": true,
	}
)

// defaultResult is what a call returns when the language does not know it: a method of input returns input
// (a field, a trimmed copy) unless it answers a question about it; builders return their arguments; other
// functions are helpers the detector cannot see into, which may return their arguments.
func (e *engine) defaultResult(cc *callCtx) taint {
	args := cc.all()
	if cc.method != "" {
		switch {
		case predicates[cc.method]:
			return none
		case cc.recv.tainted():
			t := cc.recv
			if cc.method == "get" || cc.method == "getlist" || cc.method == "getAll" || cc.method == "pop" {
				t = e.fieldOf(t, cc.call.Fn.(*syntax.Member).X, cc.call)
			}
			return merge(t, args)
		case builders[cc.method]:
			return args
		case mutators[cc.method]:
			e.bindInto(cc.call.Fn.(*syntax.Member).X, "", args)
			return none
		case lookups[cc.method]:
			return none
		}
	}
	if cc.fn.tainted() {
		return merge(cc.fn, args)
	}
	if strings.HasPrefix(cc.name, "console.") || strings.HasPrefix(cc.name, "logger.") || strings.HasPrefix(cc.name, "log.") ||
		strings.HasPrefix(cc.name, "logging.") {
		return none
	}
	if isPredicateName(lastSegment(cc.name)) {
		return none
	}
	return args.viaHelper()
}

// isPredicateName reports whether a function's name says it answers yes or no (isValid, has_access).
func isPredicateName(name string) bool {
	for _, p := range []string{"is", "has", "can", "should", "check", "validate", "verify"} {
		if strings.HasPrefix(name, p) && len(name) > len(p) && (name[len(p)] == '_' || (name[len(p)] >= 'A' && name[len(p)] <= 'Z')) {
			return true
		}
	}
	return false
}

// lastSegment returns what follows the last "." of a dotted name.
func lastSegment(name string) string {
	return name[strings.LastIndex(name, ".")+1:]
}
