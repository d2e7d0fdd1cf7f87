// Package rank scores risk the way Seam documents it (docs/design/attack-paths.md): risk = likelihood ×
// impact, on a 0–100 scale, where likelihood is the product of the steps' likelihoods and impact comes from
// what the target is worth — the data classes it holds, whether it is administrative control, the business
// criticality that flows to it, and whether the organisation declared it a crown jewel. Every factor is
// returned with its reason, so a user can see why a path ranks where it does.
package rank

import (
	"fmt"
	"sort"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// Factor is one term of a score, with why it has its value.
type Factor struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Reason string  `json:"reason"`
	File   string  `json:"file,omitempty"`
	Line   int     `json:"line,omitempty"`
}

// ClassWeights is the impact of reading a store that holds a data class: regulated personal and payment data
// highest, credentials (which lead further) next. A class Seam does not know weighs Unclassified.
var ClassWeights = map[string]float64{"pci": 1.0, "phi": 1.0, "pii": 0.9, "credentials": 0.8, "confidential": 0.7}

// Weights of the other impact terms.
const (
	Unclassified = 0.5 // a declared crown jewel or a critical store with no class
	AdminImpact  = 1.0 // administrative control of an account or cluster
	WriteFactor  = 0.9 // writing (tampering, ransom) weighs a little less than reading (disclosure)
)

// TierFactors scale impact by the business criticality that flows to the target (derived "criticality").
var TierFactors = map[string]float64{"tier-1": 1.0, "tier-2": 0.8, "tier-3": 0.6, "tier-4": 0.5}

// NoTier is the factor when no criticality reaches the target: Seam does not know, and says so.
const NoTier = 0.8

// Impact returns the impact (0..1) of an attacker reading (write=false) or writing a data store, with its
// factors; declared is the crown jewel that names it, if any.
func Impact(g *graph.Graph, n *model.Node, write bool, declared *model.Node) (float64, []Factor) {
	var fs []Factor
	base, class := 0.0, ""
	for _, e := range g.Out(n.ID) {
		if e.Kind != model.EdgeHolds {
			continue
		}
		c := className(e.To)
		w, ok := ClassWeights[c]
		if !ok {
			w = Unclassified
		}
		if w > base {
			base, class = w, c
			fs = append(fs[:0], Factor{Name: "data class", Value: w, Reason: fmt.Sprintf("it holds %s data", c),
				File: e.Prov.File, Line: e.Prov.Line})
		}
	}
	if declared != nil && base < Unclassified {
		base = Unclassified
		fs = append(fs[:0], Factor{Name: "crown jewel", Value: base, Reason: "declared a crown jewel (" + declared.ID + ")",
			File: declared.Prov.File, Line: declared.Prov.Line})
	} else if declared != nil {
		fs = append(fs, Factor{Name: "crown jewel", Value: 1, Reason: "declared a crown jewel (" + declared.ID + ")",
			File: declared.Prov.File, Line: declared.Prov.Line})
	}
	if base == 0 {
		base = Unclassified
		fs = append(fs, Factor{Name: "data class", Value: base, Reason: "no data class is known for it"})
	}
	_ = class
	impact := base
	if write {
		impact *= WriteFactor
		fs = append(fs, Factor{Name: "access", Value: WriteFactor, Reason: "write access (tampering) weighs less than reading"})
	}
	t, f := tier(n)
	impact *= t
	fs = append(fs, f)
	return impact, fs
}

// AdminOf returns the impact of administrative control of an account, cluster or admin-equivalent identity.
func AdminOf(n *model.Node, why string) (float64, []Factor) {
	f := Factor{Name: "control", Value: AdminImpact, Reason: why}
	if n != nil {
		f.File, f.Line = n.Prov.File, n.Prov.Line
	}
	return AdminImpact, []Factor{f}
}

// Declared returns the impact of reaching a declared crown jewel that is not a data store (a workload, an
// identity): its criticality, at least Unclassified.
func Declared(n, jewel *model.Node) (float64, []Factor) {
	fs := []Factor{{Name: "crown jewel", Value: Unclassified + 0.3, Reason: "declared a crown jewel (" + jewel.ID + ")",
		File: jewel.Prov.File, Line: jewel.Prov.Line}}
	t, f := tier(n)
	return (Unclassified + 0.3) * t, append(fs, f)
}

// tier returns the criticality factor of a node.
func tier(n *model.Node) (float64, Factor) {
	if d, ok := n.Derived["criticality"]; ok {
		if m, ok := d.Value.(map[string]any); ok {
			if t, ok := m["tier"].(string); ok {
				if v, ok := TierFactors[t]; ok {
					from, _ := m["from"].(string)
					return v, Factor{Name: "criticality", Value: v, Reason: fmt.Sprintf("%s, from %s", t, from),
						File: d.Prov.File, Line: d.Prov.Line}
				}
			}
		}
	}
	return NoTier, Factor{Name: "criticality", Value: NoTier, Reason: "no business criticality is known for it (assumed moderate)"}
}

// Score is risk on a 0–100 scale from a likelihood and an impact, both 0..1.
func Score(likelihood, impact float64) float64 {
	s := likelihood * impact * 100
	return float64(int(s*10+0.5)) / 10 // one decimal, so output is stable
}

func className(id string) string {
	const p = "data-class:"
	if len(id) > len(p) && id[:len(p)] == p {
		return id[len(p):]
	}
	return id
}

// SortFactors orders factors by name, for stable output.
func SortFactors(fs []Factor) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
}
