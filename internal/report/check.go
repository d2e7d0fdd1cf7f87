package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/policy"
)

// CheckSchemaVersion names the version of the `seam check --format json` document.
const CheckSchemaVersion = "seam.check/v1"

// CheckDocument is the result of `seam check`: the controls evaluated, their results and what the gate
// decided. It is what every check format renders, and its JSON form can serve as a later run's --baseline.
type CheckDocument struct {
	Schema string   `json:"schema"`
	Tool   Tool     `json:"tool"`
	Roots  []string `json:"roots"`
	// FailOn is the threshold: results failing at or above it fail the check.
	FailOn  policy.Severity `json:"fail_on"`
	Summary CheckSummary    `json:"summary"`
	// Controls are the controls evaluated, by ID (with the engine's own when one of its results is here).
	Controls []policy.Control  `json:"controls"`
	Disabled []policy.Disabled `json:"disabled"`
	// Results are sorted by file, line, control, node and field; with a baseline, only the new ones.
	Results []policy.Result `json:"results"`
	// Baseline says what a --baseline left out, nil without one.
	Baseline    *CheckBaseline     `json:"baseline,omitempty"`
	Diagnostics []model.Diagnostic `json:"diagnostics"`
	// Evaluated[i] lists the node IDs Controls[i] read (JUnit's test cases); not in the JSON.
	Evaluated [][]string `json:"-"`
}

// CheckSummary counts the results.
type CheckSummary struct {
	Controls int `json:"controls"`
	Results  int `json:"results"`
	// ByStatus counts results by status; BySeverity counts the failing ones (fail or unknown) by severity.
	ByStatus   map[string]int `json:"by_status"`
	BySeverity map[string]int `json:"failing_by_severity"`
	// Failing counts the failing results at or above FailOn: the check fails when it is not zero.
	Failing int `json:"failing_at_threshold"`
}

// CheckBaseline names the baseline a check was compared with.
type CheckBaseline struct {
	File string `json:"file"`
	// Known counts the results left out because the baseline has their fingerprint.
	Known int `json:"known"`
}

// NewCheckDocument assembles the document of a check report. The controls of the engine that produced
// results but are not in rep.Controls (an expired exception's) are added.
func NewCheckDocument(rep *policy.Report, roots []string, version string, failOn policy.Severity) *CheckDocument {
	d := &CheckDocument{Schema: CheckSchemaVersion, Tool: Tool{Name: "seam", Version: version}, Roots: roots, FailOn: failOn,
		Controls: append([]policy.Control{}, rep.Controls...), Disabled: append([]policy.Disabled{}, rep.Disabled...),
		Results: append([]policy.Result{}, rep.Results...), Diagnostics: append([]model.Diagnostic{}, rep.Diagnostics...),
		Evaluated: append([][]string{}, rep.Evaluated...)}
	for _, r := range d.Results {
		if r.ControlID == policy.ExpiredExceptionID {
			d.Controls = append(d.Controls, policy.ExpiredExceptionControl())
			d.Evaluated = append(d.Evaluated, nil)
			break
		}
	}
	d.Summarise()
	return d
}

// Summarise recounts the summary from the results (after a baseline filtered them).
func (d *CheckDocument) Summarise() {
	s := CheckSummary{Controls: len(d.Controls), Results: len(d.Results), ByStatus: map[string]int{}, BySeverity: map[string]int{}}
	for _, r := range d.Results {
		s.ByStatus[string(r.Status)]++
		if r.Failing() {
			s.BySeverity[string(r.Severity)]++
			if r.Severity.Rank() >= d.FailOn.Rank() {
				s.Failing++
			}
		}
	}
	d.Summary = s
}

// control returns the control with an ID from the document.
func (d *CheckDocument) control(id string) policy.Control {
	for _, c := range d.Controls {
		if c.ID == id {
			return c
		}
	}
	return policy.Control{ID: id, Title: id, Severity: policy.Medium}
}

// CheckWriter renders a CheckDocument in one format.
type CheckWriter interface {
	WriteCheck(w io.Writer, d *CheckDocument) error
}

// CheckFormat is one named output format of `seam check`.
type CheckFormat struct {
	Name        string
	Description string
	New         func(Style) CheckWriter
}

// CheckFormats lists the formats of `seam check`.
func CheckFormats() []CheckFormat {
	return []CheckFormat{
		{"table", "results grouped by severity, with a summary (default)", func(s Style) CheckWriter { return CheckTable{style: s} }},
		{"json", "the seam.check/v1 document (usable as --baseline)", func(Style) CheckWriter { return CheckJSON{} }},
		{"sarif", "SARIF 2.1.0 for code-scanning services (usable as --baseline)", func(Style) CheckWriter { return CheckSARIF{} }},
		{"junit", "JUnit XML: a test suite per control, a test case per node", func(Style) CheckWriter { return CheckJUnit{} }},
	}
}

// LookupCheck finds a check format by name.
func LookupCheck(name string) (CheckFormat, error) {
	var names []string
	for _, f := range CheckFormats() {
		if f.Name == name {
			return f, nil
		}
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return CheckFormat{}, fmt.Errorf("unknown format %q for check (choose one of: %s)", name, strings.Join(names, ", "))
}

// CheckJSON writes the document as indented JSON.
type CheckJSON struct{}

// WriteCheck implements CheckWriter.
func (CheckJSON) WriteCheck(w io.Writer, d *CheckDocument) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// ReadBaseline reads the fingerprints of a previous `seam check` output: the seam.check/v1 JSON document or
// SARIF (partialFingerprints "seam/v1").
func ReadBaseline(r io.Reader) (map[string]bool, error) {
	var probe struct {
		Schema  string `json:"schema"`
		Version string `json:"version"`
		Results []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"results"`
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.NewDecoder(r).Decode(&probe); err != nil {
		return nil, fmt.Errorf("not a seam check JSON or SARIF file: %w", err)
	}
	out := map[string]bool{}
	switch {
	case probe.Schema == CheckSchemaVersion:
		for _, x := range probe.Results {
			out[x.Fingerprint] = true
		}
	case probe.Version == "2.1.0":
		for _, run := range probe.Runs {
			for _, x := range run.Results {
				if fp := x.PartialFingerprints[sarifFingerprintKey]; fp != "" {
					out[fp] = true
				}
			}
		}
	default:
		return nil, fmt.Errorf("not a seam check result: expected schema %q or SARIF version 2.1.0", CheckSchemaVersion)
	}
	return out, nil
}

// ApplyBaseline drops the results whose fingerprint the baseline knows and recounts the summary.
func (d *CheckDocument) ApplyBaseline(file string, known map[string]bool) {
	kept := d.Results[:0]
	b := &CheckBaseline{File: file}
	for _, r := range d.Results {
		if known[r.Fingerprint] {
			b.Known++
			continue
		}
		kept = append(kept, r)
	}
	d.Results, d.Baseline = kept, b
	d.Summarise()
}
