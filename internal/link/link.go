// Package link is the contract of Seam's cross-layer edge builders: the joins between what different
// extractors found (an image and the Dockerfile that builds it, a ServiceAccount and the IAM role it assumes,
// exposure, access, ownership). The engine runs them after the graph is built from extractor facts, in the
// stages internal/link/builders declares; each stage sees the graph as the previous stages left it. Every link
// carries how it was made (method), how sure Seam is (confidence) and the evidence, file and line.
package link

import (
	"context"
	"log/slog"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// Builder derives cross-layer facts from a built graph.
type Builder interface {
	// Name is the builder's stable name; what it makes has provenance extractor "link/<name>".
	Name() string
	// Describe says in one sentence what the builder joins.
	Describe() string
	// Inputs lists what the builder reads (node types, edge kinds, attributes), for the documentation.
	Inputs() []string
	// Build returns the facts to add. It must not change the graph; it may run beside the other builders of
	// its stage.
	Build(ctx context.Context, in *Input) (model.Facts, error)
}

// Input is what a builder is given.
type Input struct {
	Graph *graph.Graph
	// Index holds lookups shared by builders (Terraform addresses, ARNs, accounts), built once per stage.
	Index  *Index
	Logger *slog.Logger
}

// Stage is a set of builders that see the same graph. Their facts are added to the graph together when all
// of them are done, before the next stage runs.
type Stage struct {
	Name     string
	Builders []Builder
}

// Extractor returns the provenance extractor name of what builder b makes: "link/<name>".
func Extractor(b Builder) string { return "link/" + b.Name() }

// Confidence grades how sure a link is, from 0 (a guess) to 1 (stated by the files themselves).
type Confidence float64

// Confidence levels builders use, so that scores mean the same across builders.
const (
	Certain Confidence = 1.0 // both sides name each other exactly (an IRSA annotation and the role's trust)
	High    Confidence = 0.9 // one side names the other exactly (a build configuration's tag and Dockerfile)
	Medium  Confidence = 0.6 // names agree by convention (registry path vs repository path)
	Low     Confidence = 0.3 // a weak hint (directory layout)
)

// Label names a confidence for people: certain, high, medium or low.
func (c Confidence) Label() string {
	switch {
	case c >= Certain:
		return "certain"
	case c >= High:
		return "high"
	case c >= Medium:
		return "medium"
	}
	return "low"
}

// Link describes one join: how it was made, how sure it is and why, with the evidence. Every edge a builder
// makes is built from one with NewEdge, so that all link edges carry the same attributes:
//
//	method      how the link was found ("irsa-annotation", "registry-path")
//	confidence  0..1, and confidence_label (certain, high, medium, low)
//	reason      one sentence a user can read
//	evidence    [{file, line, what}], the first is the edge's provenance
//	assumptions what Seam had to assume for the link to hold, if anything
type Link struct {
	Method      string
	Confidence  Confidence
	Reason      string
	Evidence    []model.Evidence
	Assumptions []string
	// Attrs are further attributes specific to the edge kind (access levels, ports).
	Attrs map[string]any
	// RenderedEvidence, when set, is Evidence already rendered with RenderEvidence: a builder that makes many
	// edges citing the same places renders them once and shares the (read-only) value.
	RenderedEvidence []any
}

// RenderEvidence renders evidence as the edge attribute NewEdge writes.
func RenderEvidence(ev []model.Evidence) []any {
	out := make([]any, len(ev))
	for i, e := range ev {
		out[i] = e.Attr()
	}
	return out
}

// NewEdge makes the edge from → to of a kind for builder b, described by l. Its provenance is the first
// evidence.
func NewEdge(b Builder, from string, kind model.EdgeKind, to string, l Link) model.Edge {
	attrs := make(map[string]any, 6+len(l.Attrs))
	attrs["method"] = l.Method
	attrs["confidence"] = float64(l.Confidence)
	attrs["confidence_label"] = l.Confidence.Label()
	attrs["reason"] = l.Reason
	switch {
	case l.RenderedEvidence != nil:
		attrs["evidence"] = l.RenderedEvidence
	case len(l.Evidence) > 0:
		attrs["evidence"] = RenderEvidence(l.Evidence)
	}
	if len(l.Assumptions) > 0 {
		as := make([]any, len(l.Assumptions))
		for i, a := range l.Assumptions {
			as[i] = a
		}
		attrs["assumptions"] = as
	}
	for k, v := range l.Attrs {
		attrs[k] = v
	}
	return model.Edge{From: from, To: to, Kind: kind, Attrs: attrs, Prov: l.prov(b)}
}

// NewBroken reports a link builder b looked for and refused.
func NewBroken(b Builder, from string, kind model.EdgeKind, to string, l Link) model.BrokenLink {
	return model.BrokenLink{From: from, To: to, Kind: kind, Method: l.Method, Reason: l.Reason,
		Evidence: l.Evidence, Prov: l.prov(b)}
}

// NewDerived sets a derived property of a node for builder b, resting on the first evidence.
func NewDerived(b Builder, node, key string, value any, ev model.Evidence) model.Derived {
	return model.Derived{Node: node, Key: key, Value: value,
		Prov: model.Provenance{File: ev.File, Line: ev.Line, Extractor: Extractor(b)}}
}

func (l Link) prov(b Builder) model.Provenance {
	p := model.Provenance{Extractor: Extractor(b)}
	if len(l.Evidence) > 0 {
		p.File, p.Line = l.Evidence[0].File, l.Evidence[0].Line
	}
	return p
}

// Evidence returns evidence pointing at a node's provenance.
func Evidence(n *model.Node, what string) model.Evidence { return model.EvidenceAt(n.Prov, what) }

// EvidenceOfEdge returns evidence pointing at an edge's provenance.
func EvidenceOfEdge(e *model.Edge, what string) model.Evidence { return model.EvidenceAt(e.Prov, what) }
