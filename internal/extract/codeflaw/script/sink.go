package script

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// sink is a call that gives an attacker a foothold when request input reaches the right argument.
type sink struct {
	class flaw.Class
	// slug names the sink in the rule id: "<lang>-<class>-<slug>".
	slug string
	// cwe overrides the class's weakness (PHP include is CWE-98).
	cwe string
	// guard is the class whose sanitisers make the value safe here, when it is not the sink's own (PHP include
	// is code injection, stopped by what stops path traversal).
	guard flaw.Class
	// capConfidence lowers every finding of the sink to at most this (a sink that is dangerous only on old
	// runtimes).
	capConfidence string
	// note is added to the title.
	note string
	// reach returns the taint that reaches the dangerous argument; ok false when the call is not dangerous in
	// the form written (a parameterised query, spawn without a shell).
	reach func(cc *callCtx) (taint, bool)
}

func (s *sink) guardClass() flaw.Class {
	if s.guard != "" {
		return s.guard
	}
	return s.class
}

// Argument selectors for sink tables.

// argAt reaches positional argument i.
func argAt(i int) func(*callCtx) (taint, bool) {
	return func(cc *callCtx) (taint, bool) { return cc.arg(i), true }
}

// argOrKw reaches positional argument i or keyword argument name.
func argOrKw(i int, name string) func(*callCtx) (taint, bool) {
	return func(cc *callCtx) (taint, bool) {
		if _, t, ok := cc.kw(name); ok {
			return t, true
		}
		return cc.arg(i), true
	}
}

// anyArg reaches every argument.
func anyArg() func(*callCtx) (taint, bool) {
	return func(cc *callCtx) (taint, bool) { return cc.all(), true }
}

// urlArg reaches argument i, or the url-like properties of an options object in its place.
func urlArg(i int, keys ...string) func(*callCtx) (taint, bool) {
	return func(cc *callCtx) (taint, bool) {
		if len(keys) == 0 {
			keys = []string{"url", "uri", "href", "baseURL", "host", "hostname", "prefixUrl"}
		}
		return cc.prop(i, keys...)
	}
}

// report records a finding for sink s reached by t.
func (e *engine) report(cc *callCtx, s *sink, t taint) {
	c := cc.call
	lang := e.file.language
	prefix := map[string]string{"javascript": "js", "typescript": "js", "python": "py", "php": "php"}[lang]
	conf := confidence(t)
	if rank := map[string]int{"high": 3, "medium": 2, "low": 1}; s.capConfidence != "" && rank[conf] > rank[s.capConfidence] {
		conf = s.capConfidence
	}
	sinkText := e.file.text(c.Fn)
	if sinkText == "" {
		sinkText = cc.name
	}
	display := cc.name
	if !cc.known || strings.Contains(display, "?") {
		display = sinkText
	}
	title := fmt.Sprintf("request input reaches %s", display)
	if s.note != "" {
		title += " (" + s.note + ")"
	}
	f := flaw.Finding{
		Class: s.class, CWE: s.cwe, Rule: prefix + "-" + string(s.class) + "-" + s.slug, Title: title,
		Confidence: conf, Language: lang, Framework: e.unit.framework, File: e.file.path,
		Line: c.Line, EndLine: endLine(e.file.src, c.Pos()), Function: e.unit.name, Route: e.unit.route,
		Source: t.src.textIn(e.file), SourceLine: t.src.line, Sink: sinkText,
	}
	if f.EndLine == f.Line {
		f.EndLine = 0
	}
	id := f.ID()
	if old, ok := e.found[id]; ok && !betterFinding(f, old) {
		return
	}
	e.found[id] = f
}

// betterFinding reports whether a is the one to keep of two findings at the same sink: the higher
// confidence, then the earlier source.
func betterFinding(a, b flaw.Finding) bool {
	rank := map[string]int{"high": 3, "medium": 2, "low": 1}
	if rank[a.Confidence] != rank[b.Confidence] {
		return rank[a.Confidence] > rank[b.Confidence]
	}
	return a.SourceLine < b.SourceLine
}

// endLine returns the line a span ends on.
func endLine(src []byte, s syntax.Span) int {
	line := s.Line
	for i := s.Off; i < s.End && i < len(src); i++ {
		if src[i] == '\n' {
			line++
		}
	}
	return line
}

// shorten puts source text on one line and cuts it to a readable length.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 120
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// backtick is PHP's `…` operator, which runs its text as a shell command.
var backtick = &sink{class: flaw.CommandInjection, slug: "backticks"}

// shellString reports a PHP backtick command built from input.
func (e *engine) shellString(n *syntax.Interp, t taint) {
	if t.safeFor(backtick.class) {
		return
	}
	cc := &callCtx{e: e, call: &syntax.Call{Span: n.Span, Fn: n}, name: "shell_exec (backticks)", known: true}
	e.report(cc, backtick, t)
}
