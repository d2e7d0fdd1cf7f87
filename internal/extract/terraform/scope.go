package terraform

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/seam-sec/seam/internal/model"
)

// maxModuleDepth bounds module nesting; deeper calls are treated like remote modules.
const maxModuleDepth = 32

// input is a value given to a variable: from a var file, or from a module call.
type input struct {
	val cty.Value
	rng hcl.Range
}

// scope is one evaluated instance of a module: the root module, or one call (one instance of a call with count
// or for_each) of a child module.
type scope struct {
	run    *rootRun
	mod    *module
	prefix string // address prefix of everything in it: "", "module.net.", `module.app["a"].`
	caller string // "module.net" for a child module, "" for the root, in reasons
	depth  int
	stack  []string // module directories being evaluated, to stop recursion
	vars   cty.Value
	vals   map[string]cty.Value // evaluated declarations by key
	insts  map[string][]string  // instance addresses per resource, data source or module call key
	remote map[string]bool      // module call keys whose instances are nodes (remote modules)
	// providers maps the provider references of this module ("aws", "aws.east") to the root module's provider
	// configurations ("provider.aws.east"); nil in the root module, where each reference names its own.
	providers map[string]string
	funcs     map[string]function.Function
	path      cty.Value
	addrs     []string // addresses of every node made in this scope and below, for depends_on on a module
}

// runModule evaluates one module instance and returns its outputs and the addresses of the nodes made in it.
func (r *rootRun) runModule(mod *module, prefix, caller string, inputs map[string]input, depth int, stack []string,
	providers map[string]string) (cty.Value, []string) {
	s := &scope{run: r, mod: mod, prefix: prefix, caller: caller, depth: depth, stack: stack,
		vals: map[string]cty.Value{}, insts: map[string][]string{}, remote: map[string]bool{}, providers: providers}
	s.funcs = r.functions(mod.dir)
	s.path = cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(relPath(r.dir, mod.dir)),
		"root": cty.StringVal("."), "cwd": cty.StringVal(".")})
	s.setVars(inputs)
	for _, d := range mod.order {
		s.evalDecl(d)
	}
	outs := map[string]cty.Value{}
	for _, d := range mod.decls {
		if d.kind == declOutput {
			if v, ok := s.vals[d.key]; ok {
				outs[d.name] = v
			}
		}
	}
	return cty.ObjectVal(outs), s.addrs
}

// evalDecl evaluates one declaration. A panic inside (a bug, or a cty corner case) becomes a diagnostic and
// leaves the declaration unknown; the rest of the module goes on.
func (s *scope) evalDecl(d *decl) {
	defer func() {
		if p := recover(); p != nil {
			s.run.diag(d.rng, model.SeverityError, fmt.Sprintf("internal error evaluating %s%s (a Seam bug, please report it): %v\n%s",
				s.prefix, d.key, p, firstLines(string(debug.Stack()), 12)))
		}
	}()
	switch d.kind {
	case declLocal:
		v, _ := s.run.ev.eval(d.expr, s.ctx(d.travs, nil))
		s.vals[d.key] = v
	case declOutput:
		v := cty.NullVal(cty.DynamicPseudoType)
		if a := d.body.attr("value"); a != nil {
			v, _ = s.run.ev.eval(a.expr, s.ctx(d.travs, nil))
		}
		if d.sensitive {
			v = v.Mark(sensitiveMark{})
		}
		s.vals[d.key] = v
	case declResource, declData:
		s.evalResource(d)
	case declModule:
		s.evalModuleCall(d)
	case declProvider:
		// Provider blocks inside child modules are a legacy pattern (Terraform 0.11) that modules with
		// count or for_each cannot use; Seam reads the root module's configurations only.
		if s.prefix == "" {
			s.evalProvider(d)
		}
	}
}

// setVars gives every declared variable its value: the input, else the default, else an unknown that says
// nothing set it.
func (s *scope) setVars(inputs map[string]input) {
	vals := make(map[string]cty.Value, len(s.mod.vars))
	for _, v := range s.mod.vars {
		in, ok := inputs[v.name]
		vals[v.name] = s.varValue(v, in, ok)
	}
	s.vars = cty.ObjectVal(vals)
}

func (s *scope) varValue(v *variable, in input, given bool) (out cty.Value) {
	addr := s.prefix + "var." + v.name
	defer func() {
		if p := recover(); p != nil {
			s.run.diag(v.rng, model.SeverityError, fmt.Sprintf("internal error reading %s: %v", addr, p))
			out = unknownVal(cty.DynamicPseudoType, addr, addr+" could not be read")
		}
		if v.sensitive {
			out = out.Mark(sensitiveMark{})
		}
	}()
	val, rng := in.val, in.rng
	if !given || (val.IsNull() && v.nonNullable && v.dflt != nil) {
		if v.dflt == nil {
			reason := addr + " has no default and no value"
			if s.caller != "" {
				reason = fmt.Sprintf("%s has no default and %s does not set it", addr, s.caller)
			}
			return unknownVal(v.ty.WithoutOptionalAttributesDeep(), addr, reason)
		}
		dv, diags := v.dflt.Value(nil)
		if diags.HasErrors() {
			return unknownVal(v.ty.WithoutOptionalAttributesDeep(), addr, "the default of "+addr+" cannot be evaluated: "+s.run.ev.report(diags))
		}
		val, rng = dv, v.dflt.Range()
	}
	if !v.typed {
		return val
	}
	if v.defaults != nil {
		val = v.defaults.Apply(val)
	}
	cv, err := convert.Convert(val, v.ty)
	if err != nil {
		s.run.diag(rng, model.SeverityWarning, fmt.Sprintf("the value of %s does not match its type: %v; used as given", addr, err))
		return val
	}
	return cv
}

// terraformObj is the value of the "terraform" object: Seam evaluates the default workspace.
var terraformObj = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})

// ctx builds the evaluation context for expressions whose references are travs: only the objects they name
// are assembled, so evaluation stays cheap in modules with thousands of resources.
func (s *scope) ctx(travs []hcl.Traversal, extra map[string]cty.Value) *hcl.EvalContext {
	vars := map[string]cty.Value{"var": s.vars, "path": s.path, "terraform": terraformObj}
	groups := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	for _, t := range travs {
		k, ok := depKey(t)
		if !ok {
			continue
		}
		v, found := s.lookup(k)
		if !found {
			continue
		}
		root, names := t.RootName(), attrNames(t, 2)
		if root == "data" {
			put(data, names[0], names[1], v)
		} else {
			put(groups, root, names[0], v)
		}
	}
	for root, m := range groups {
		vars[root] = cty.ObjectVal(m)
	}
	if len(data) > 0 {
		dm := make(map[string]cty.Value, len(data))
		for typ, m := range data {
			dm[typ] = cty.ObjectVal(m)
		}
		vars["data"] = cty.ObjectVal(dm)
	}
	for k, v := range extra {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: vars, Functions: s.funcs}
}

func put(m map[string]map[string]cty.Value, a, b string, v cty.Value) {
	if m[a] == nil {
		m[a] = map[string]cty.Value{}
	}
	m[a][b] = v
}

// lookup returns the value of a declaration; one declared but not evaluated (a member of a cycle, or one whose
// evaluation failed) is unknown. found is false for a reference to nothing declared.
func (s *scope) lookup(k string) (cty.Value, bool) {
	if v, ok := s.vals[k]; ok {
		return v, true
	}
	if _, ok := s.mod.idx[k]; ok {
		return unknownVal(cty.DynamicPseudoType, s.prefix+k, s.prefix+k+" is part of a dependency cycle or could not be evaluated"), true
	}
	return cty.NilVal, false
}

// relPath returns the slash path of target relative to base (both relative to the scanned root).
func relPath(base, target string) string {
	split := func(p string) []string {
		if p == "." || p == "" {
			return nil
		}
		return strings.Split(p, "/")
	}
	b, t := split(base), split(target)
	i := 0
	for i < len(b) && i < len(t) && b[i] == t[i] {
		i++
	}
	var parts []string
	for range b[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	if len(parts) == 0 {
		return "."
	}
	return strings.Join(parts, "/")
}

// firstLines keeps the first n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
