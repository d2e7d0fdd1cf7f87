// Package script is Seam's code-flaw detector for JavaScript/TypeScript, Python and PHP: within one request
// handler, it follows request input (Express, Koa, Next.js, Flask, Django, FastAPI, PHP superglobals,
// Laravel) through variables, fields, string building and the calls it knows, to sinks that give an attacker a
// foothold — SSRF, command, code and template injection, SQL injection, path traversal, unsafe
// deserialization — and stops at sanitisers (casts to numbers, escaping functions) and allow-list checks that
// return before the sink. Sources are read from package syntax's tree, so comments, strings and formatting
// never confuse it. What the detector decided where the brief was silent is in docs/design/code-flaws.md.
package script

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// Detector finds flaws in JavaScript, TypeScript, Python and PHP files. It implements codeflaw.Detector.
type Detector struct{}

// New returns the detector.
func New() *Detector { return &Detector{} }

// Extensions lists the file extensions the detector reads.
func (*Detector) Extensions() []string {
	return []string{".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".py", ".php"}
}

// Detect returns the flaws in one file. file is the slash path relative to the scanned root (Next.js API
// routes are recognised by it); a file the parser could not read fully gives a problem with the first place.
func (d *Detector) Detect(file string, src []byte) (findings []flaw.Finding, problems []flaw.Problem) {
	defer func() {
		if r := recover(); r != nil {
			findings = nil
			problems = []flaw.Problem{{Line: 1, Message: fmt.Sprintf("code-flaw detector failed on this file (%v); please report it", r)}}
		}
	}()
	lang, language, f := parse(file, src)
	if f == nil {
		return nil, nil
	}
	fc := &fileCtx{path: file, src: src, language: language, aliases: map[string]string{}, imports: map[string]bool{}}
	units := lang.prepare(fc, f)
	found := map[string]flaw.Finding{}
	spent := &budget{}
	for _, u := range units {
		run(lang, fc, u, spent, found)
	}
	for _, fd := range found {
		findings = append(findings, fd)
	}
	sort.Slice(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
	if len(f.Errors) > 0 {
		first := f.Errors[0]
		msg := "could not parse: " + first.Message
		if n := len(f.Errors); n > 1 {
			msg += fmt.Sprintf(" (and %d more places); flaws there may be missed", n-1)
		}
		problems = append(problems, flaw.Problem{Line: first.Line, Message: msg})
	}
	if spent.steps > maxSteps {
		problems = append(problems, flaw.Problem{Line: 1, Message: "file too complex to follow to the end; flaws in its last functions may be missed"})
	}
	if spent.deep {
		problems = append(problems, flaw.Problem{Line: 1, Message: fmt.Sprintf("expressions nested deeper than %d levels were not followed; flaws in them may be missed", maxEvalDepth)})
	}
	return findings, problems
}

// parse picks the language of a file by its extension and parses it; declaration files (.d.ts) hold no code.
func parse(file string, src []byte) (language, string, *syntax.File) {
	base := path.Base(file)
	switch ext := path.Ext(base); ext {
	case ".py":
		return python{}, "python", syntax.ParsePython(src)
	case ".php":
		return php{}, "php", syntax.ParsePHP(src)
	case ".ts", ".mts", ".cts", ".tsx":
		if strings.HasSuffix(base, ".d.ts") || strings.HasSuffix(base, ".d.mts") || strings.HasSuffix(base, ".d.cts") {
			return nil, "", nil
		}
		return javascript{}, "typescript", syntax.ParseJS(src, true, ext == ".tsx")
	case ".js", ".mjs", ".cjs", ".jsx":
		return javascript{}, "javascript", syntax.ParseJS(src, false, true)
	}
	return nil, "", nil
}
