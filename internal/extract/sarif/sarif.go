// Package sarif imports the results of other static analysers — Semgrep, CodeQL, gosec, Bandit, or any tool
// that writes SARIF 2.1.0 — as code-flaw nodes (package codeflaw/flaw), each classified into the foothold
// class it gives an attacker, so that they join the graph like the built-in detectors' findings.
//
// Two entry points: the Extractor reads *.sarif and *.sarif.json files found in the scanned repository, and
// Parse reads a file given on the command line (seam scan --sarif FILE), which may live outside the scanned
// root.
//
// Decisions:
//   - encoding/json with the importer's own minimal types (log.go), not github.com/owenrumney/go-sarif: the
//     importer reads a dozen properties, needs the line each result starts at (a diagnostic and a node's
//     provenance point into the SARIF file) and must tolerate vendor properties of any shape (Semgrep's
//     metadata, Bandit's issue_cwe), which a full object model of pointers does not make simpler.
//   - Classification, in order: a CWE the rule or the result carries (classify.go: properties.tags as CodeQL
//     and Semgrep write them, properties.cwe, metadata.cwe, Bandit's issue_cwe, gosec's CWE relationships);
//     then the curated rule ids of the four tools and the keywords of Semgrep-style ids (rules.go). A result
//     of no foothold class is kept, with class "", type "other" and foothold false: nothing is dropped.
//   - Paths: a relative URI is relative to the repository root (a SARIF file made in CI has the checkout as
//     base); a uriBaseId defined by an absolute URI is assumed to be the checkout, and the assumption is
//     recorded once per run. An absolute URI (file:///home/runner/work/shop/shop/api/x.go), a Windows path or
//     one leaving the root cannot be placed by an extractor, which sees no other file: the node keeps the
//     normalised path with path_resolved false, and the flaw link builder (internal/link/flaw) matches its
//     longest ending against the files of the scan.
//   - Provenance: a resolved result's node points at the flaw (file and line in the repository); an
//     unresolved one at the result's line in the SARIF file. Every node records the SARIF file and line in
//     sarif and sarif_line, and the flaw's own line in line. Files given to Parse are named "sarif:<base name>", since they may be outside
//     the root.
//   - Results the tool says are not present flaws — kind pass or notApplicable, baselineState absent — are
//     kept with foothold false and their kind or baseline state; suppressed results are kept with
//     suppressed true and their justification, and remain footholds: a suppression is a claim, not a fix.
//   - Region snippets are not read: secret scanners write the secret there. Passwords in URLs in message text
//     are redacted.
//   - Malformed JSON is one error diagnostic with its line; a value of the wrong type is a warning and the
//     value is ignored; a file that is not SARIF 2.1.0 (no runs, another version) says so and what is read.
package sarif

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "sarif"

// FilePrefix starts the provenance file of a SARIF file given to Parse: "sarif:<base name>".
const FilePrefix = "sarif:"

// Extractor reads SARIF files found in the scanned repository. It holds no state and is safe for
// concurrent use.
type Extractor struct{}

// New returns the SARIF extractor.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "sarif".
func (*Extractor) Name() string { return Name }

// Unit says SARIF files are read one at a time.
func (*Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired wants *.sarif and *.sarif.json files, except under testdata/ directories, which hold other
// projects' test fixtures rather than results about this repository.
func (*Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	lower := strings.ToLower(path.Base(p))
	if !strings.HasSuffix(lower, ".sarif") && !strings.HasSuffix(lower, ".sarif.json") {
		return false
	}
	return !strings.Contains("/"+p, "/testdata/")
}

// Extract reads the SARIF files of in.
func (*Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	var facts model.Facts
	for _, p := range in.Paths {
		if err := ctx.Err(); err != nil {
			return facts, err
		}
		data, err := fs.ReadFile(in.FS, p)
		if err != nil {
			facts.Diagnostics = append(facts.Diagnostics, model.Diagnostic{File: p, Severity: model.SeverityError,
				Extractor: Name, Message: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		facts.Merge(read(p, data))
	}
	return facts, nil
}

// Parse reads a SARIF file given outside the scan (seam scan --sarif FILE): name is the path as the user gave
// it; provenance names it "sarif:<base name>". A read error or malformed content is a diagnostic in the facts.
func Parse(name string, r io.Reader) model.Facts {
	label := FilePrefix + path.Base(strings.ReplaceAll(name, `\`, "/"))
	data, err := io.ReadAll(r)
	if err != nil {
		return model.Facts{Diagnostics: []model.Diagnostic{{File: label, Severity: model.SeverityError,
			Extractor: Name, Message: fmt.Sprintf("cannot read %s: %v", name, err)}}}
	}
	return read(label, data)
}

// read turns one SARIF file, named file in provenance, into facts.
func read(file string, data []byte) model.Facts {
	var facts model.Facts
	diag := func(line int, sev model.Severity, msg string) {
		facts.Diagnostics = append(facts.Diagnostics, model.Diagnostic{File: file, Line: line, Severity: sev,
			Extractor: Name, Message: msg})
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark, as some Windows tools write
	log, problems := decode(data)
	for _, p := range problems {
		diag(p.line, p.severity, p.message)
	}
	if len(problems) > 0 && problems[0].severity == model.SeverityError {
		return facts
	}
	switch {
	case log.Version == "":
		diag(1, model.SeverityWarning, "no SARIF version: read as SARIF 2.1.0")
	case log.Version != "2.1.0":
		diag(1, model.SeverityWarning, fmt.Sprintf("SARIF version %q: read as 2.1.0, properties that differ are missed", log.Version))
	}
	if len(log.Runs) == 0 {
		diag(1, model.SeverityWarning, "no runs: not a SARIF log, or one with no results")
	}
	seen := map[string]bool{}
	for i := range log.Runs {
		rf := newRunReader(file, &log.Runs[i]).facts()
		for _, n := range rf.Nodes {
			if !seen[n.ID] { // a tool reporting one rule twice at one line (two sources, one sink) is one flaw
				seen[n.ID] = true
				facts.Nodes = append(facts.Nodes, n)
			}
		}
		facts.Diagnostics = append(facts.Diagnostics, rf.Diagnostics...)
		facts.Assumptions = append(facts.Assumptions, rf.Assumptions...)
	}
	model.SortDiagnostics(facts.Diagnostics)
	return facts
}
