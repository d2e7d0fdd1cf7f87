package policy

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego unit test (a rule named test_*).
type TestResult struct {
	Package  string        `json:"package"`
	Name     string        `json:"name"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Pass     bool          `json:"pass"`
	Error    string        `json:"error,omitempty"` // the test failed to evaluate, rather than was false
	Duration time.Duration `json:"-"`
}

// RunTests runs the Rego unit tests of the origins in tests (their _test.rego files and any test_ rule),
// with the modules of lib (the Seam helpers and controls) compiled beside them but their own tests left
// out. Results come sorted by file, line and name. A file that does not parse or compile is a *LoadError.
func RunTests(ctx context.Context, lib, tests []Origin) ([]TestResult, error) {
	libMods, problems := readAll(ctx, lib, false)
	testMods, ps := readAll(ctx, tests, true)
	problems = append(problems, ps...)
	if len(problems) > 0 {
		return nil, &LoadError{Problems: sortProblems(problems)}
	}
	modules := map[string]*ast.Module{}
	for _, m := range append(libMods, testMods...) {
		modules[m.file] = m.mod
	}
	compiler := newCompiler()
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, &LoadError{Problems: sortProblems(astProblems("", compiler.Errors))}
	}
	own := map[string]bool{}
	for _, m := range testMods {
		own[m.file] = true
	}
	ch, err := tester.NewRunner().SetCompiler(compiler).SetModules(modules).SetTimeout(10*time.Second).RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("run policy tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		if r.Location == nil || !own[r.Location.File] {
			continue
		}
		tr := TestResult{Package: r.Package, Name: r.Name, File: r.Location.File, Line: r.Location.Row,
			Pass: r.Pass(), Duration: r.Duration}
		if r.Error != nil {
			tr.Error = r.Error.Error()
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Name < b.Name
	})
	return out, nil
}
