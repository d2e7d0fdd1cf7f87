// Package codeflaw is the extractor of Seam's built-in code-flaw detectors: it hands each source file to the
// detector of its language and turns what they find — request input reaching a sink that gives an attacker a
// foothold — into code-flaw nodes (see package flaw). Detectors never walk the filesystem; they get one
// file's bytes.
package codeflaw

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/golang"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "codeflaw"

// Detector finds flaws in the source files of some languages.
type Detector interface {
	// Extensions lists the file extensions it reads (".go", ".py").
	Extensions() []string
	// Detect returns the flaws in one file. A file it cannot parse gives a diagnostic message, not an error.
	Detect(file string, src []byte) (findings []flaw.Finding, problems []Problem)
}

// Problem is a file a detector could not read fully. It is declared in package flaw, because the detectors
// live in sub-packages this package imports and could not name a type declared here.
type Problem = flaw.Problem

// detectors lists the language detectors.
func detectors() []Detector {
	return []Detector{
		golang.New(),
		script.New(),
	}
}

// Extractor runs the detectors.
type Extractor struct {
	byExt map[string]Detector
}

// New returns the code-flaw extractor.
func New() *Extractor {
	e := &Extractor{byExt: map[string]Detector{}}
	for _, d := range detectors() {
		for _, x := range d.Extensions() {
			e.byExt[x] = d
		}
	}
	return e
}

// Name returns "codeflaw".
func (*Extractor) Name() string { return Name }

// Unit is extract.UnitFile.
func (*Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired wants source files of the detectors' languages, except tests and generated or minified
// code, which no request reaches.
func (e *Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	if _, ok := e.byExt[path.Ext(p)]; !ok {
		return false
	}
	base := path.Base(p)
	switch {
	case strings.HasSuffix(base, "_test.go"), strings.HasSuffix(base, ".min.js"), strings.Contains(base, ".test."),
		strings.Contains(base, ".spec."), strings.HasPrefix(base, "test_") && strings.HasSuffix(base, ".py"),
		strings.Contains("/"+p, "/testdata/"), strings.Contains("/"+p, "/tests/"), strings.Contains("/"+p, "/__tests__/"):
		return false
	}
	return true
}

// Extract detects the flaws of one file.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	var facts model.Facts
	for _, p := range in.Paths {
		if err := ctx.Err(); err != nil {
			return facts, err
		}
		d, ok := e.byExt[path.Ext(p)]
		if !ok {
			continue
		}
		src, err := fs.ReadFile(in.FS, p)
		if err != nil {
			facts.Diagnostics = append(facts.Diagnostics, model.Diagnostic{File: p, Severity: model.SeverityError,
				Extractor: Name, Message: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		findings, problems := d.Detect(p, src)
		for _, f := range findings {
			if f.Tool == "" {
				f.Tool = "seam"
			}
			facts.Nodes = append(facts.Nodes, f.Node(Name))
		}
		for _, pr := range problems {
			facts.Diagnostics = append(facts.Diagnostics, model.Diagnostic{File: p, Line: pr.Line, Severity: model.SeverityWarning,
				Extractor: Name, Message: pr.Message})
		}
	}
	return facts, nil
}
