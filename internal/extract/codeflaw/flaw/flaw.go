// Package flaw is the vocabulary of Seam's code-flaw detectors: the foothold classes a flaw gives an
// attacker, the finding a detector reports, and how a finding becomes a graph node. The language detectors
// (codeflaw/golang, codeflaw/script) and the SARIF importer speak it; internal/extract/codeflaw runs the
// detectors as one extractor.
package flaw

import (
	"fmt"
	"strconv"

	"github.com/seam-sec/seam/internal/model"
)

// Class is the foothold class of a flaw: what an attacker who reaches it gets.
type Class string

// The foothold classes. Path analysis turns command, code and template injection and unsafe deserialization
// into code execution, SSRF into request forgery from the workload, path traversal into file reads (the
// ServiceAccount token, mounted secrets), SQL injection into the database the service connects to.
const (
	CommandInjection  Class = "command-injection"
	CodeInjection     Class = "code-injection"
	TemplateInjection Class = "template-injection"
	Deserialization   Class = "deserialization"
	SSRF              Class = "ssrf"
	SQLInjection      Class = "sql-injection"
	PathTraversal     Class = "path-traversal"

	// The classes only known vulnerabilities give (internal/vuln classifies advisories by CWE and text): remote
	// code execution whose mechanism the advisory does not name, and authentication bypass.
	RemoteCodeExecution Class = "remote-code-execution"
	AuthBypass          Class = "auth-bypass"
)

// Classes lists every class in a fixed order.
func Classes() []Class {
	return []Class{CommandInjection, CodeInjection, TemplateInjection, Deserialization, SSRF, SQLInjection, PathTraversal}
}

// CWE is the weakness each class is reported as (cwe.mitre.org).
var CWE = map[Class]string{
	CommandInjection: "CWE-78", CodeInjection: "CWE-94", TemplateInjection: "CWE-1336", Deserialization: "CWE-502",
	SSRF: "CWE-918", SQLInjection: "CWE-89", PathTraversal: "CWE-22",
}

// Execution reports whether the class gives code execution in the process.
func (c Class) Execution() bool {
	return c == CommandInjection || c == CodeInjection || c == TemplateInjection || c == Deserialization ||
		c == RemoteCodeExecution
}

// Finding is one flaw a detector found: request input reaching a dangerous sink.
type Finding struct {
	Class      Class
	CWE        string // "CWE-918"; "" takes the class's
	Rule       string // the detector's rule id: "go-ssrf-http-get"
	Title      string // one line: "request input reaches http.Get"
	Confidence string // high (input reaches the sink unchanged), medium (through calls Seam cannot see into), low
	Language   string // go, javascript, typescript, python, php
	Framework  string // net/http, gin, echo, chi, express, koa, next, flask, django, fastapi, php
	File       string // slash path relative to the scanned root
	Line       int    // the sink's line
	EndLine    int
	Function   string // the handler (function or method) it is in
	Route      string // "GET /api/v1/preview" when the detector can tell
	Source     string // the request input, as written: r.URL.Query().Get("url")
	SourceLine int
	Sink       string // the sink, as written: http.Get
	// Tool is who reported it: "seam" for the built-in detectors, the SARIF tool's name for imports.
	Tool string
}

// Problem is a part of a file a detector could not read (a syntax error): the codeflaw extractor reports it
// as a warning diagnostic at the file and line, and the rest of the scan goes on.
type Problem struct {
	Line    int
	Message string
}

// ID returns the stable node ID of a finding: "code-flaw:<file>:<line>:<rule>".
func (f Finding) ID() string {
	return "code-flaw:" + f.File + ":" + strconv.Itoa(f.Line) + ":" + f.Rule
}

// Node returns the graph node of a finding, with provenance from extractor.
func (f Finding) Node(extractor string) model.Node {
	cwe := f.CWE
	if cwe == "" {
		cwe = CWE[f.Class]
	}
	attrs := map[string]any{
		"class": string(f.Class), "cwe": cwe, "rule": f.Rule, "confidence": f.Confidence, "language": f.Language,
		"tool": f.Tool, "sink": f.Sink,
	}
	for k, v := range map[string]string{"framework": f.Framework, "function": f.Function, "route": f.Route, "source": f.Source} {
		if v != "" {
			attrs[k] = v
		}
	}
	if f.SourceLine > 0 {
		attrs["source_line"] = f.SourceLine
	}
	name := f.Title
	if name == "" {
		name = fmt.Sprintf("%s in %s", f.Class, f.Function)
	}
	return model.Node{ID: f.ID(), Kind: model.KindCodeFlaw, Type: string(f.Class), Name: name, Attrs: attrs,
		Prov: model.Provenance{File: f.File, Line: f.Line, EndLine: f.EndLine, Extractor: extractor}}
}
