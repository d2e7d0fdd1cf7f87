package policy

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/seam-sec/seam/internal/model"
)

// Severity grades a control and its results.
type Severity string

// The severities, most severe first.
const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
	Info     Severity = "info"
)

// Severities lists every severity, most severe first.
func Severities() []Severity { return []Severity{Critical, High, Medium, Low, Info} }

// Rank orders severities: critical is 4, info 0, anything else -1.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 4
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	case Info:
		return 0
	}
	return -1
}

// ParseSeverity reads a severity name (as --fail-on and the METADATA block spell it).
func ParseSeverity(s string) (Severity, error) {
	if v := Severity(strings.ToLower(strings.TrimSpace(s))); v.Rank() >= 0 {
		return v, nil
	}
	return "", fmt.Errorf("unknown severity %q (choose one of: critical, high, medium, low, info)", s)
}

// Source says where a control was loaded from.
type Source string

// The sources of controls.
const (
	SourceBuiltin Source = "builtin" // the library embedded in Seam
	SourceDir     Source = "dir"     // a directory of policies.dirs or --policy
	SourceBundle  Source = "bundle"  // an organisation bundle of policies.bundles
)

// Select names the nodes a control is evaluated over: a node is selected when its kind is one of Kinds (or
// Kinds is empty) and its type is one of Types (or Types is empty). At least one of the two is set.
//
// Edges names the edge kinds the control reads, by direction: a selected node's out and in lists hold only
// edges of those kinds, and its neighbours only the nodes at their other ends. Nil means every edge (a
// control that does not say); empty lists mean none (the node's own attributes, derived values and paths).
// Declaring them is what keeps the input small: most edges of a repository are IAM grants (can) that few
// controls read.
type Select struct {
	Kinds []string    `json:"kinds,omitempty"`
	Types []string    `json:"types,omitempty"`
	Edges *EdgeSelect `json:"edges,omitempty"`
}

// EdgeSelect names the kinds of a selected node's edges a control reads: from the node (Out) and into it (In).
// NoNeighbours leaves the summaries of their other ends out (neighbours: false): the control reads the
// edges' ends as IDs, or as selected nodes, only.
type EdgeSelect struct {
	Out          []string `json:"out"`
	In           []string `json:"in"`
	NoNeighbours bool     `json:"no_neighbours,omitempty"`
}

// Matches reports whether the selection takes n.
func (s Select) Matches(n *model.Node) bool {
	return (len(s.Kinds) == 0 || contains(s.Kinds, string(n.Kind))) && (len(s.Types) == 0 || contains(s.Types, n.Type))
}

// key identifies a selection: controls with the same key share one input.
func (s Select) key() string {
	return strings.Join(s.Kinds, ",") + "|" + strings.Join(s.Types, ",") + "|" + s.edgesKey()
}

// edgesKey identifies the edge kinds of a selection: "*" for every edge.
func (s Select) edgesKey() string {
	if s.Edges == nil {
		return "*"
	}
	k := "o:" + strings.Join(s.Edges.Out, ",") + "|i:" + strings.Join(s.Edges.In, ",")
	if s.Edges.NoNeighbours {
		k = "-" + k
	}
	return k
}

// Reads reports whether the selection's input carries edges of kind k out of (out) or into a selected node.
func (s Select) Reads(out bool, k model.EdgeKind) bool {
	switch {
	case s.Edges == nil:
		return true
	case out:
		return contains(s.Edges.Out, string(k))
	default:
		return contains(s.Edges.In, string(k))
	}
}

// String renders the selection for people: "kinds workload; types aws_instance, aws_launch_template; edges runs".
func (s Select) String() string {
	var parts []string
	if len(s.Kinds) > 0 {
		parts = append(parts, "kinds "+strings.Join(s.Kinds, ", "))
	}
	if len(s.Types) > 0 {
		parts = append(parts, "types "+strings.Join(s.Types, ", "))
	}
	switch {
	case s.Edges == nil:
	case len(s.Edges.Out) == 0 && len(s.Edges.In) == 0:
		parts = append(parts, "no edges")
	case slices.Equal(s.Edges.Out, s.Edges.In):
		parts = append(parts, "edges "+strings.Join(s.Edges.Out, ", "))
	default:
		if len(s.Edges.Out) > 0 {
			parts = append(parts, "edges out "+strings.Join(s.Edges.Out, ", "))
		}
		if len(s.Edges.In) > 0 {
			parts = append(parts, "edges in "+strings.Join(s.Edges.In, ", "))
		}
	}
	if s.Edges != nil && s.Edges.NoNeighbours {
		parts = append(parts, "no neighbours")
	}
	return strings.Join(parts, "; ")
}

// Control is one guardrail: a Rego module under data.seam.controls with its METADATA (docs/design/guardrails.md).
type Control struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Description is the rationale: why the control matters.
	Description string   `json:"description"`
	Severity    Severity `json:"severity"`
	Remediation string   `json:"remediation"`
	// Frameworks maps a framework ("cis-aws", "cis-kubernetes", "nist-800-53", "pci-dss") to its references.
	Frameworks map[string][]string `json:"frameworks,omitempty"`
	Select     Select              `json:"select"`
	Source     Source              `json:"source"`
	// Origin is the directory or bundle the control came from ("" for built-in controls).
	Origin string `json:"origin,omitempty"`
	// Enforced controls come from an enforced bundle: the repository cannot disable or except them.
	Enforced bool `json:"enforced,omitempty"`
	// Package is the Rego package path without "data." (seam.controls.aws.ec2_imdsv2).
	Package string `json:"package"`
	// File and Line locate the METADATA block.
	File string `json:"file"`
	Line int    `json:"line"`
}

// controlPrefix is the package path under which every control lives.
const controlPrefix = "seam.controls."

// isControl reports whether a module is a control (its package is under data.seam.controls).
func isControl(m *ast.Module) bool {
	return strings.HasPrefix(packagePath(m), controlPrefix)
}

// packagePath renders a module's package without the leading "data.".
func packagePath(m *ast.Module) string {
	return strings.TrimPrefix(m.Package.Path.String(), "data.")
}

// parseControl reads a control module's package METADATA. Every problem is returned, located at the block
// (or the package when there is no block).
func parseControl(file string, m *ast.Module) (Control, []Problem) {
	c := Control{Package: packagePath(m), File: file, Line: m.Package.Location.Row}
	var ann *ast.Annotations
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			ann = a
		}
	}
	if ann == nil {
		return c, []Problem{{File: file, Line: c.Line, Message: "control " + c.Package + " has no METADATA block on its package (see docs/design/guardrails.md)"}}
	}
	if ann.Location != nil {
		c.Line = ann.Location.Row
	}
	p := &metaReader{file: file, line: c.Line, custom: ann.Custom}
	c.Title = strings.TrimSpace(ann.Title)
	c.Description = strings.TrimSpace(ann.Description)
	if c.Title == "" {
		p.fail("title is missing")
	}
	if c.Description == "" {
		p.fail("description (the rationale) is missing")
	}
	c.ID = p.str("id", true)
	sev := p.str("severity", true)
	if sev != "" {
		s, err := ParseSeverity(sev)
		if err != nil {
			p.fail("custom.severity: %v", err)
		}
		c.Severity = s
	}
	c.Remediation = p.str("remediation", true)
	c.Frameworks = p.frameworks()
	c.Select = p.selection()
	if !hasRule(m, "deny") {
		p.fail("control %s has no deny rule", c.Package)
	}
	return c, p.problems
}

// metaReader reads the custom map of a METADATA block, collecting problems.
type metaReader struct {
	file     string
	line     int
	custom   map[string]any
	problems []Problem
}

func (p *metaReader) fail(format string, args ...any) {
	p.problems = append(p.problems, Problem{File: p.file, Line: p.line, Message: fmt.Sprintf(format, args...)})
}

func (p *metaReader) str(key string, required bool) string {
	v, ok := p.custom[key]
	if !ok {
		if required {
			p.fail("custom.%s is missing", key)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok || strings.TrimSpace(s) == "" {
		p.fail("custom.%s must be a non-empty string", key)
		return ""
	}
	return strings.TrimSpace(s)
}

// strings reads a list of strings at m[key] (a single string counts as a list of one).
func (p *metaReader) strings(m map[string]any, key, where string) []string {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	if s, ok := v.(string); ok {
		return []string{s}
	}
	list, ok := v.([]any)
	if !ok {
		p.fail("%s.%s must be a list of strings", where, key)
		return nil
	}
	var out []string
	for _, e := range list {
		s, ok := e.(string)
		if !ok || s == "" {
			p.fail("%s.%s must be a list of strings", where, key)
			return nil
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func (p *metaReader) frameworks() map[string][]string {
	v, ok := p.custom["frameworks"]
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		p.fail("custom.frameworks must map a framework to a list of references")
		return nil
	}
	out := map[string][]string{}
	for k := range m {
		if refs := p.strings(m, k, "custom.frameworks"); len(refs) > 0 {
			out[k] = refs
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (p *metaReader) selection() Select {
	v, ok := p.custom["select"]
	if !ok {
		p.fail("custom.select is missing: name the kinds and/or types of nodes the control reads")
		return Select{}
	}
	m, ok := v.(map[string]any)
	if !ok {
		p.fail("custom.select must be a mapping with kinds and/or types")
		return Select{}
	}
	s := Select{Kinds: p.strings(m, "kinds", "custom.select"), Types: p.strings(m, "types", "custom.select")}
	if v, ok := m["edges"]; ok {
		s.Edges = p.edgeSelect(v)
	}
	for k := range m {
		if k != "kinds" && k != "types" && k != "edges" {
			p.fail("custom.select.%s: unknown key (select takes kinds, types and edges)", k)
		}
	}
	for _, k := range s.Kinds {
		if !model.NodeKind(k).Valid() {
			p.fail("custom.select.kinds: %q is not a node kind", k)
		}
	}
	if len(s.Kinds) == 0 && len(s.Types) == 0 {
		p.fail("custom.select names no kinds and no types")
	}
	return s
}

// edgeSelect reads custom.select.edges: a list of edge kinds read in both directions, or a mapping of out
// and in lists and neighbours (false: leave the other ends' summaries out).
func (p *metaReader) edgeSelect(v any) *EdgeSelect {
	es := &EdgeSelect{Out: []string{}, In: []string{}}
	switch x := v.(type) {
	case nil:
	case map[string]any:
		for k := range x {
			if k != "out" && k != "in" && k != "neighbours" {
				p.fail("custom.select.edges.%s: unknown key (edges takes out, in and neighbours)", k)
			}
		}
		if nb, ok := x["neighbours"]; ok {
			b, isBool := nb.(bool)
			if !isBool {
				p.fail("custom.select.edges.neighbours must be true or false")
			}
			es.NoNeighbours = isBool && !b
		}
		es.Out = append(es.Out, p.strings(x, "out", "custom.select.edges")...)
		es.In = append(es.In, p.strings(x, "in", "custom.select.edges")...)
	default:
		both := p.strings(map[string]any{"edges": v}, "edges", "custom.select")
		es.Out, es.In = append(es.Out, both...), append(es.In, both...)
	}
	bad := map[string]bool{}
	for _, k := range append(append([]string(nil), es.Out...), es.In...) {
		if !model.EdgeKind(k).Valid() && !bad[k] {
			bad[k] = true
			p.fail("custom.select.edges: %q is not an edge kind", k)
		}
	}
	return es
}

// hasRule reports whether a module defines a rule with the given name.
func hasRule(m *ast.Module, name string) bool {
	for _, r := range m.Rules {
		if r.Head.Name.String() == name || (len(r.Head.Reference) > 0 && r.Head.Reference[0].Value.String() == name) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
