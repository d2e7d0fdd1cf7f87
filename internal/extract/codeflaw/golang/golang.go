// Package golang is Seam's code-flaw detector for Go: per handler (a function that receives an
// *http.Request, a gin, echo or fiber context), it follows request input through assignments,
// concatenation, formatting, string and path functions and simple closures to the sinks that give an
// attacker a foothold — SSRF, command, code and template injection, SQL injection, path traversal — and
// stops at the sanitisers and allow-list checks that end it. It parses with go/parser and type-checks
// with go/types on a best-effort basis: imported packages are empty (Seam scans offline, module sources may
// be absent), so the file's own declarations resolve and imports are recognised by their path.
//
// The analysis is intra-procedural: a call Seam cannot see into that is given request input is assumed
// to return it, and the finding says so (confidence medium, the call named in its title).
package golang

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// Detector finds code flaws in Go source files. It holds no state; one value may serve many goroutines.
type Detector struct{}

// New returns the Go detector.
func New() *Detector { return &Detector{} }

// Extensions returns ".go".
func (*Detector) Extensions() []string { return []string{".go"} }

// Detect returns the flaws of one Go file, sorted by line and rule. A file that does not parse gives one
// problem and no findings: it cannot be built, so no request reaches it as written.
func (d *Detector) Detect(file string, src []byte) (findings []flaw.Finding, problems []flaw.Problem) {
	defer func() {
		if r := recover(); r != nil {
			findings = nil
			problems = []flaw.Problem{{Line: 1, Message: fmt.Sprintf("Go code-flaw detector failed on this file: %v", r)}}
		}
	}()
	return detect(file, src)
}

// detect is Detect without the safety net (the fuzz test calls it, so that a panic is seen).
func detect(name string, src []byte) ([]flaw.Finding, []flaw.Problem) {
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, []flaw.Problem{parseProblem(err)}
	}
	f := newFile(name, fset, af, src)
	handlers := f.handlers()
	if len(handlers) == 0 {
		return nil, nil // no request reaches this file: skip the type checker, the costliest step
	}
	f.check()
	f.initGlobals()
	rt := f.routes()
	var out []flaw.Finding
	var problems []flaw.Problem
	for _, h := range handlers {
		hs, exhausted := f.analyse(h)
		if exhausted {
			problems = append(problems, flaw.Problem{Line: f.line(h.body.Pos()), Message: fmt.Sprintf(
				"%s is too large or too deeply nested for the Go code-flaw detector to follow every path; findings in it may be missing", h.name)})
		}
		route, framework := rt.route(h), f.framework(h)
		for _, x := range hs {
			out = append(out, f.finding(x, h.name, route, framework))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		return out[i].Function < out[j].Function
	})
	return dedupe(out), problems
}

// dedupe keeps one finding per sink and rule (a closure's sink is seen from each handler that calls it).
func dedupe(fs []flaw.Finding) []flaw.Finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		if !seen[f.ID()] {
			seen[f.ID()] = true
			out = append(out, f)
		}
	}
	return out
}

func parseProblem(err error) flaw.Problem {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		msg := "Go syntax error, file not analysed: " + list[0].Msg
		if len(list) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(list)-1)
		}
		return flaw.Problem{Line: list[0].Pos.Line, Message: msg}
	}
	return flaw.Problem{Line: 1, Message: "Go syntax error, file not analysed: " + err.Error()}
}

// finding turns a hit into the finding the extractor reports.
func (f *file) finding(x hit, function, route, framework string) flaw.Finding {
	sink := f.sinkText(x.call.Fun)
	conf, title := "high", "request input reaches "+sink
	if x.in.medium() {
		conf = "medium"
		title += " through " + x.in.via + ", which Seam assumes passes it on"
	}
	fd := flaw.Finding{Class: x.class, Rule: x.rule, Title: title, Confidence: conf, Language: "go",
		Framework: framework, File: f.name, Line: f.line(x.call.Pos()), Function: function, Route: route,
		Source: x.in.source, SourceLine: x.in.line, Sink: sink}
	if end := f.line(x.call.End()); end > fd.Line {
		fd.EndLine = end
	}
	return fd
}

// sinkText renders the function a sink call calls, as written; a long chain keeps its short calls and
// elides the arguments of the others: template.New("text").Funcs(…).Parse.
func (f *file) sinkText(e ast.Expr) string {
	if s := f.text(e); len(s) <= 60 {
		return s
	}
	switch x := e.(type) {
	case *ast.SelectorExpr:
		return f.sinkText(x.X) + "." + x.Sel.Name
	case *ast.CallExpr:
		if s := f.text(x); len(s) <= 30 {
			return s
		}
		return f.sinkText(x.Fun) + "(…)"
	case *ast.IndexExpr:
		return f.sinkText(x.X) + "[…]"
	case *ast.ParenExpr:
		return "(" + f.sinkText(x.X) + ")"
	}
	return f.text(e)
}

// initGlobals evaluates the package-level variables the handlers may use: compiled regular expressions,
// HTTP clients, templates.
func (f *file) initGlobals() {
	a := &fn{f: f, st: f.globals, guards: map[string]ast.Expr{}, hits: &hits{}}
	for _, d := range f.ast.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, s := range gd.Specs {
			vs, ok := s.(*ast.ValueSpec)
			if !ok {
				continue
			}
			for i, n := range vs.Names {
				v := value{hint: f.typeHint(vs.Type)}
				if i < len(vs.Values) && len(vs.Values) == len(vs.Names) {
					if _, isLit := vs.Values[i].(*ast.FuncLit); !isLit {
						v = taintFree(a.eval(vs.Values[i]))
					}
				}
				if k, ok := f.keyOf(n); ok {
					f.globals[k] = v
				}
			}
		}
	}
}

// taintFree keeps what a package-level value is, never taint: no request exists at package level.
func taintFree(v value) value {
	return value{hint: v.hint, pattern: v.pattern}
}
