package model

import (
	"fmt"
	"sort"
)

// Provenance says where a fact came from: the file (slash-separated, relative to the scanned root), the line
// range, and the extractor that produced it. Every node, edge, diagnostic and assumption carries one.
type Provenance struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	EndLine   int    `json:"end_line,omitempty"`
	Extractor string `json:"extractor"`
}

// String renders provenance as "file:line (extractor)".
func (p Provenance) String() string {
	return fmt.Sprintf("%s:%d (%s)", p.File, p.Line, p.Extractor)
}

// Less orders provenance by file, then line, then extractor.
func (p Provenance) Less(q Provenance) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Extractor < q.Extractor
}

// Node is one typed thing Seam knows about. Attrs hold JSON-compatible values only (string, bool, float64,
// int, []any, map[string]any, nil); a value Seam could not resolve is stored as Unknown(expr).
type Node struct {
	ID   string   `json:"id"`
	Kind NodeKind `json:"kind"`
	// Type is the source-specific type: "aws_iam_role", "Deployment", "npm", "Dockerfile stage".
	Type  string         `json:"type"`
	Name  string         `json:"name"`
	Attrs map[string]any `json:"attrs,omitempty"`
	// Implicit marks a node that is referenced but not defined in the scanned files (the "default"
	// ServiceAccount, a public base image). A defined node with the same ID replaces it.
	Implicit bool       `json:"implicit,omitempty"`
	Prov     Provenance `json:"provenance"`
	// Also lists further places that define the same node (one package in two lockfiles).
	Also []Provenance `json:"also_defined_in,omitempty"`
	// Derived holds what the link stage computed about the node (owner, criticality, data classes), each with
	// the provenance of the fact it rests on. Extractors never set it.
	Derived map[string]DerivedValue `json:"derived,omitempty"`
}

// Edge is a typed, directed relationship with its own provenance.
type Edge struct {
	From  string         `json:"from"`
	To    string         `json:"to"`
	Kind  EdgeKind       `json:"kind"`
	Attrs map[string]any `json:"attrs,omitempty"`
	Prov  Provenance     `json:"provenance"`
}

// Key identifies an edge: two edges with the same key are the same relationship.
func (e Edge) Key() string { return e.From + " -" + string(e.Kind) + "-> " + e.To }

// Severity grades a diagnostic.
type Severity string

// Diagnostic severities.
const (
	SeverityError   Severity = "error"   // the file, or part of it, could not be read
	SeverityWarning Severity = "warning" // read, but something is off and may hide facts
	SeverityInfo    Severity = "info"    // worth knowing, nothing lost
)

// Diagnostic reports a problem with the input: a malformed file, an unreadable one, a reference that does not
// resolve. A scan records diagnostics and goes on.
type Diagnostic struct {
	File      string   `json:"file"`
	Line      int      `json:"line,omitempty"`
	Column    int      `json:"column,omitempty"`
	Severity  Severity `json:"severity"`
	Extractor string   `json:"extractor"`
	Message   string   `json:"message"`
}

// String renders a diagnostic as "file:line:col: severity: message (extractor)".
func (d Diagnostic) String() string {
	loc := d.File
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, d.Line)
		if d.Column > 0 {
			loc = fmt.Sprintf("%s:%d", loc, d.Column)
		}
	}
	return fmt.Sprintf("%s: %s: %s (%s)", loc, d.Severity, d.Message, d.Extractor)
}

// Assumption records a value Seam could not know and what it did about it — an unknown Terraform variable, a
// wildcard, a condition. Assumptions are shown to the user; they are never silently safe.
type Assumption struct {
	Subject   string     `json:"subject"`             // node ID the assumption is about
	Attribute string     `json:"attribute,omitempty"` // attribute path, e.g. "ingress[0].cidr_blocks"
	Reason    string     `json:"reason"`              // why the value is unknown
	Assumed   string     `json:"assumed"`             // what Seam does with it
	Prov      Provenance `json:"provenance"`
}

// Facts is what one extractor or link builder returns: nodes, edges, diagnostics and assumptions; link
// builders also return derived node properties and the links they refused.
type Facts struct {
	Nodes       []Node
	Edges       []Edge
	Diagnostics []Diagnostic
	Assumptions []Assumption
	Derived     []Derived    `json:",omitempty"`
	Broken      []BrokenLink `json:",omitempty"`
}

// Merge appends other's facts to f.
func (f *Facts) Merge(other Facts) {
	f.Nodes = append(f.Nodes, other.Nodes...)
	f.Edges = append(f.Edges, other.Edges...)
	f.Diagnostics = append(f.Diagnostics, other.Diagnostics...)
	f.Assumptions = append(f.Assumptions, other.Assumptions...)
	f.Derived = append(f.Derived, other.Derived...)
	f.Broken = append(f.Broken, other.Broken...)
}

// SortDiagnostics orders diagnostics by file, line, column, extractor and message.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Extractor != b.Extractor {
			return a.Extractor < b.Extractor
		}
		return a.Message < b.Message
	})
}

// SortAssumptions orders assumptions by subject, attribute, provenance and reason.
func SortAssumptions(as []Assumption) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Attribute != b.Attribute {
			return a.Attribute < b.Attribute
		}
		if a.Prov != b.Prov {
			return a.Prov.Less(b.Prov)
		}
		return a.Reason < b.Reason
	})
}

// unknownKey is the single key of the map that stands for an unknown attribute value.
const unknownKey = "$unknown"

// Unknown returns the attribute value that stands for a value Seam could not resolve; expr says what it was
// ("var.allowed_cidr", "aws_instance.web.public_ip"). It encodes to JSON as {"$unknown": expr}.
func Unknown(expr string) map[string]any { return map[string]any{unknownKey: expr} }

// IsUnknown reports whether v is a value made by Unknown, and the expression it stands for.
func IsUnknown(v any) (string, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return "", false
	}
	s, ok := m[unknownKey].(string)
	return s, ok
}

// Redacted is what an attribute holds in place of a secret value (a password, a key, a token, a sensitive
// Terraform value). Seam never stores secret values; every extractor writes this same marker so that merged
// nodes agree and users can search for it.
const Redacted = "[redacted]"
