package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/policy"
)

// sarifFingerprintKey names Seam's fingerprint among a SARIF result's partialFingerprints.
const sarifFingerprintKey = "seam/v1"

// CheckSARIF writes a check as SARIF 2.1.0: one run, a rule per control with its help and framework
// references, a result per violation with its region and a fingerprint that does not move with lines.
// Plain structs rather than a SARIF library: the output is small, and its field order stays stable.
type CheckSARIF struct{}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID               string         `json:"id"`
	Name             string         `json:"name"`
	ShortDescription sarifText      `json:"shortDescription"`
	FullDescription  sarifText      `json:"fullDescription"`
	Help             sarifText      `json:"help"`
	Default          sarifConfig    `json:"defaultConfiguration"`
	Properties       map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []sarifSuppress   `json:"suppressions,omitempty"`
	Properties          map[string]any    `json:"properties"`
}

type sarifLocation struct {
	Physical sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	Artifact sarifArtifact `json:"artifactLocation"`
	Region   *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifSuppress struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// sarifLevel maps a severity to SARIF's level.
func sarifLevel(s policy.Severity) string {
	switch s {
	case policy.Critical, policy.High:
		return "error"
	case policy.Medium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the number GitHub code scanning reads to rank security results (0.0–10.0), at the
// middle of each band of CVSS v3.1's qualitative scale (critical 9.0–10.0, high 7.0–8.9, medium 4.0–6.9,
// low 0.1–3.9; FIRST, CVSS v3.1 specification, section 5).
func securitySeverity(s policy.Severity) string {
	switch s {
	case policy.Critical:
		return "9.5"
	case policy.High:
		return "8.0"
	case policy.Medium:
		return "5.5"
	case policy.Low:
		return "2.0"
	}
	return "0.0"
}

// WriteCheck implements CheckWriter.
func (CheckSARIF) WriteCheck(w io.Writer, d *CheckDocument) error {
	controls := append([]policy.Control(nil), d.Controls...)
	sort.Slice(controls, func(i, j int) bool { return controls[i].ID < controls[j].ID })
	index := map[string]int{}
	rules := make([]sarifRule, 0, len(controls))
	for i, c := range controls {
		index[c.ID] = i
		rules = append(rules, sarifRuleOf(c))
	}
	results := make([]sarifResult, 0, len(d.Results))
	for _, r := range d.Results {
		i, ok := index[r.ControlID]
		if !ok {
			return fmt.Errorf("result of %s, which is not among the document's controls", r.ControlID)
		}
		results = append(results, sarifResultOf(r, i))
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: sarifDriver{Name: "seam", Version: d.Tool.Version,
			InformationURI: "https://github.com/seam-sec/seam", Rules: rules}}, Results: results}}}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func sarifRuleOf(c policy.Control) sarifRule {
	tags := []string{"security", "guardrail"}
	var refs []string
	for _, fw := range sortedKeys(c.Frameworks) {
		for _, ref := range c.Frameworks[fw] {
			tags = append(tags, fw+":"+ref)
			refs = append(refs, fw+" "+ref)
		}
	}
	text := c.Description + "\n\nRemediation: " + c.Remediation
	md := c.Description + "\n\n**Remediation:** " + c.Remediation
	if len(refs) > 0 {
		text += "\n\nReferences: " + strings.Join(refs, ", ")
		md += "\n\n**References:** " + strings.Join(refs, ", ")
	}
	md += "\n\nSelects " + c.Select.String() + "."
	return sarifRule{ID: c.ID, Name: ruleName(c.Title), ShortDescription: sarifText{Text: c.Title},
		FullDescription: sarifText{Text: c.Description}, Help: sarifText{Text: text, Markdown: md},
		Default: sarifConfig{Level: sarifLevel(c.Severity)},
		Properties: map[string]any{"tags": tags, "security-severity": securitySeverity(c.Severity),
			"precision": "high", "source": string(c.Source)}}
}

// ruleName turns a title into the PascalCase name SARIF viewers show ("InstancesRequireIMDSv2").
func ruleName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func sarifResultOf(r policy.Result, rule int) sarifResult {
	msg := r.Msg
	if r.Unknown != "" {
		msg += " (unknown: " + r.Unknown + ")"
	}
	loc := sarifPhysical{Artifact: sarifArtifact{URI: r.File}}
	if r.Line > 0 {
		loc.Region = &sarifRegion{StartLine: r.Line}
	}
	props := map[string]any{"node": r.NodeID, "status": string(r.Status), "severity": string(r.Severity)}
	if r.Owner != "" {
		props["owner"] = r.Owner
	}
	if r.Field != "" {
		props["field"] = r.Field
	}
	if len(r.Related) > 0 {
		props["related"] = r.Related
	}
	res := sarifResult{RuleID: r.ControlID, RuleIndex: rule, Level: sarifLevel(r.Severity), Message: sarifText{Text: msg},
		Locations: []sarifLocation{{Physical: loc}}, PartialFingerprints: map[string]string{sarifFingerprintKey: r.Fingerprint},
		Properties: props}
	if r.Status == policy.StatusExcepted && r.Exception != nil {
		res.Suppressions = []sarifSuppress{{Kind: "external", Justification: fmt.Sprintf("%s (owner %s, until %s; %s:%d)",
			r.Exception.Reason, r.Exception.Owner, r.Exception.Expires, r.Exception.File, r.Exception.Line)}}
	}
	return res
}
