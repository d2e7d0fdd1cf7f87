package policy

import (
	"context"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Set is a loaded and compiled set of controls, each with its query prepared once.
type Set struct {
	// Controls are sorted by ID.
	Controls []Control
	queries  []rego.PreparedEvalQuery // parallel to Controls
}

// Load reads every origin, parses each control's METADATA, compiles all modules together (so a control may
// use data.seam.lib and an organisation's own helper packages) and prepares one query per control. Test files
// (_test.rego) are skipped. Every problem found is returned at once in a *LoadError.
func Load(ctx context.Context, origins []Origin) (*Set, error) {
	mods, problems := readAll(ctx, origins, false)
	var controls []Control
	byID := map[string]Control{}
	byPkg := map[string]string{}
	modules := map[string]*ast.Module{}
	for _, m := range mods {
		modules[m.file] = m.mod
		if !isControl(m.mod) {
			continue
		}
		c, ps := parseControl(m.file, m.mod)
		c.Source, c.Enforced = m.origin.Source, m.origin.Enforced
		if m.origin.Source != SourceBuiltin {
			c.Origin = m.origin.Path
		}
		if first, dup := byPkg[c.Package]; dup {
			ps = append(ps, Problem{File: c.File, Line: c.Line, Message: fmt.Sprintf("package %s is also a control in %s: one control per package", c.Package, first)})
		}
		byPkg[c.Package] = fmt.Sprintf("%s:%d", c.File, c.Line)
		if first, dup := byID[c.ID]; dup && c.ID != "" {
			ps = append(ps, Problem{File: c.File, Line: c.Line, Message: fmt.Sprintf("control ID %s is also declared at %s:%d", c.ID, first.File, first.Line)})
		}
		if len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		byID[c.ID] = c
		controls = append(controls, c)
	}
	if len(problems) > 0 {
		return nil, &LoadError{Problems: sortProblems(problems)}
	}
	compiler := newCompiler()
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, &LoadError{Problems: sortProblems(astProblems("", compiler.Errors))}
	}
	sort.Slice(controls, func(i, j int) bool { return controls[i].ID < controls[j].ID })
	s := &Set{Controls: controls, queries: make([]rego.PreparedEvalQuery, len(controls))}
	for i, c := range controls {
		q, err := rego.New(rego.Compiler(compiler), rego.Query("data."+c.Package+".deny")).PrepareForEval(ctx)
		if err != nil {
			return nil, &LoadError{Problems: []Problem{{File: c.File, Line: c.Line, Message: "prepare the query: " + err.Error()}}}
		}
		s.queries[i] = q
	}
	return s, nil
}

// readAll reads every origin; with tests, _test.rego files are kept as well.
func readAll(ctx context.Context, origins []Origin, tests bool) ([]module, []Problem) {
	var mods []module
	var problems []Problem
	for _, o := range origins {
		ms, ps := readOrigin(ctx, o)
		problems = append(problems, ps...)
		for _, m := range ms {
			if m.test && !tests {
				continue
			}
			mods = append(mods, m)
		}
	}
	return mods, problems
}

// newCompiler returns a compiler whose capabilities leave out every non-deterministic built-in (http.send,
// time.now_ns, rand.intn, net.lookup_ip_addr…) and allow no network: a control is a pure function of its
// input, so a check gives the same answer offline, twice.
func newCompiler() *ast.Compiler {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !b.Nondeterministic {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return ast.NewCompiler().WithCapabilities(caps).WithEnablePrintStatements(false)
}

// Control returns the control with an ID.
func (s *Set) Control(id string) (Control, bool) {
	i := sort.Search(len(s.Controls), func(i int) bool { return s.Controls[i].ID >= id })
	if i < len(s.Controls) && s.Controls[i].ID == id {
		return s.Controls[i], true
	}
	return Control{}, false
}

// EveryEdge returns a copy of the set in which every control reads every edge, as a control that does not
// declare select.edges does. The library's tests evaluate both over scanned repositories to prove that the
// edge kinds each control declares lose none of its results.
func (s *Set) EveryEdge() *Set {
	c := &Set{Controls: append([]Control(nil), s.Controls...), queries: s.queries}
	for i := range c.Controls {
		c.Controls[i].Select.Edges = nil
	}
	return c
}
