package model

import "sort"

// Evidence is one place in the scanned files that supports a link or a derived property: the file and line,
// and what that place says ("annotation eks.amazonaws.com/role-arn", "trust admits system:serviceaccount:shop:api").
type Evidence struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	What string `json:"what"`
}

// Attr renders the evidence as a JSON-compatible attribute value.
func (e Evidence) Attr() map[string]any {
	m := map[string]any{"file": e.File, "what": e.What}
	if e.Line > 0 {
		m["line"] = e.Line
	}
	return m
}

// EvidenceAt returns evidence pointing at a provenance.
func EvidenceAt(p Provenance, what string) Evidence {
	return Evidence{File: p.File, Line: p.Line, What: what}
}

// Derived is a property a link builder computes for a node that already exists — its one accountable owner,
// its business criticality, the data classes it handles — with the provenance of the fact it rests on. The
// graph stores it in Node.Derived under Key; a later stage's value for the same key replaces an earlier one.
type Derived struct {
	Node  string
	Key   string
	Value any // JSON-compatible
	Prov  Provenance
}

// DerivedValue is a derived property as a node holds it.
type DerivedValue struct {
	Value any        `json:"value"`
	Prov  Provenance `json:"provenance"`
}

// BrokenLink is a join Seam looked for and refused, with the reason: an IRSA annotation naming a role whose
// trust policy does not admit the ServiceAccount, an image reference no Dockerfile in the repository builds.
// Broken links are reported to the user; they are never edges.
type BrokenLink struct {
	From     string     `json:"from"`
	To       string     `json:"to,omitempty"` // the candidate refused, "" when none was found
	Kind     EdgeKind   `json:"kind"`         // the edge that would have been made
	Method   string     `json:"method"`       // how the link was looked for
	Reason   string     `json:"reason"`       // why it was refused
	Evidence []Evidence `json:"evidence,omitempty"`
	Prov     Provenance `json:"provenance"`
}

// SortBrokenLinks orders broken links by from, kind, to, method and reason.
func SortBrokenLinks(bs []BrokenLink) {
	sort.SliceStable(bs, func(i, j int) bool {
		a, b := bs[i], bs[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.To != b.To {
			return a.To < b.To
		}
		if a.Method != b.Method {
			return a.Method < b.Method
		}
		return a.Reason < b.Reason
	})
}
