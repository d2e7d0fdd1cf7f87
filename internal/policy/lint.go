package policy

import (
	"context"
	"fmt"
	"regexp"
	"runtime"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// LibraryIDPattern is the form of a built-in control's ID: SEAM-<AREA>-<SVC>-NNN.
var LibraryIDPattern = regexp.MustCompile(`^SEAM-[A-Z0-9]+-[A-Z0-9]+-[0-9]{3}$`)

// Lint checks a control library against the convention built-in controls keep, beyond what Load requires:
// an ID of the form SEAM-<AREA>-<SVC>-NNN, at least one framework reference, the edge kinds it reads
// (select.edges), and tests that show the control both passing and failing. Which a test shows is found by
// mutation, evaluating it with the control's deny replaced (`with data.<package>.deny as …`): a test that
// passes, but fails when deny is empty, shows a failing case; one that fails when deny always holds a result
// shows a passing case. The library is compiled once. Problems come sorted, at the control's METADATA line.
func Lint(ctx context.Context, origin Origin) []Problem {
	mods, problems := readAll(ctx, []Origin{origin}, true)
	if len(problems) > 0 {
		return sortProblems(problems)
	}
	all := map[string]*ast.Module{}
	var controls []module
	var tests []testRule
	for _, m := range mods {
		all[m.file] = m.mod
		switch {
		case m.test:
			for _, r := range m.mod.Rules {
				if name := r.Head.Name.String(); strings.HasPrefix(name, "test_") {
					tests = append(tests, testRule{query: "data." + packagePath(m.mod) + "." + name, src: m.mod.String()})
				}
			}
		case isControl(m.mod):
			controls = append(controls, m)
		}
	}
	compiler := newCompiler()
	compiler.Compile(all)
	if compiler.Failed() {
		return sortProblems(astProblems("", compiler.Errors))
	}
	out := make([][]Problem, len(controls))
	parallel(len(controls), runtime.GOMAXPROCS(0), func(_, i int) { out[i] = lintControl(ctx, compiler, controls[i], tests) })
	for _, ps := range out {
		problems = append(problems, ps...)
	}
	return sortProblems(problems)
}

// testRule is one test_ rule: its query and the source of its module (to find which controls it names).
type testRule struct {
	query, src string
}

// lintControl checks one control's metadata and tests.
func lintControl(ctx context.Context, c *ast.Compiler, m module, tests []testRule) []Problem {
	ctl, ps := parseControl(m.file, m.mod)
	at := func(format string, args ...any) {
		ps = append(ps, Problem{File: ctl.File, Line: ctl.Line, Message: fmt.Sprintf(format, args...)})
	}
	if !LibraryIDPattern.MatchString(ctl.ID) {
		at("id %q is not of the form SEAM-<AREA>-<SVC>-NNN", ctl.ID)
	}
	if len(ctl.Frameworks) == 0 {
		at("no framework reference (cis-aws, cis-kubernetes, nist-800-53, pci-dss)")
	}
	if ctl.Select.Edges == nil {
		at("custom.select.edges is missing: name the edge kinds the control reads ([] for none), or its input carries every edge of every selected node")
	}
	ref := regexp.MustCompile(regexp.QuoteMeta("data."+ctl.Package) + `\b`)
	deny := "data." + ctl.Package + ".deny"
	named, shows := 0, map[string]bool{}
	for _, t := range tests {
		if !ref.MatchString(t.src) {
			continue
		}
		named++
		if !testPasses(ctx, c, t.query) {
			continue
		}
		if !testPasses(ctx, c, t.query+" with "+deny+" as set()") {
			shows["fail"] = true
		}
		if !testPasses(ctx, c, t.query+` with `+deny+` as {{"node": "mutant", "msg": "mutant"}}`) {
			shows["pass"] = true
		}
	}
	switch {
	case named == 0:
		at("no test: no _test.rego refers to data.%s", ctl.Package)
	case !shows["fail"]:
		at("no test shows it failing: no passing test fails when deny is empty")
	}
	if named > 0 && !shows["pass"] {
		at("no test shows it passing: no passing test fails when deny always has a result")
	}
	return ps
}

// testPasses evaluates a test's query (with its mutation) and reports whether it is true.
func testPasses(ctx context.Context, c *ast.Compiler, query string) bool {
	rs, err := rego.New(rego.Compiler(c), rego.Query(query)).Eval(ctx)
	if err != nil || len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return false
	}
	b, ok := rs[0].Expressions[0].Value.(bool)
	return ok && b
}
