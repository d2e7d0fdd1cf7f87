package paths

import (
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/rank"
)

// Target is a state worth reaching, and what reaching it costs the business.
type Target struct {
	State   State
	Impact  float64
	Factors []rank.Factor
	// Jewel is the declared crown jewel that names it, "" when it is a target by what it holds.
	Jewel  string
	Reason string
}

// sensitive are the data classes that make a store a crown jewel by itself.
var sensitive = map[string]bool{"pii": true, "pci": true, "phi": true, "credentials": true, "confidential": true}

// Targets returns the crown jewels of the graph as target states: reading or writing a store that holds a
// sensitive data class, writing a store of the highest business tier; administrative control (any Admin state);
// and what seam.yaml declares (a store: read and write; an identity: its credentials; a workload: code
// execution in it).
func Targets(c *Context) map[State]Target {
	out := map[State]Target{}
	declared := declaredJewels(c)
	for _, n := range c.Graph.NodesOfKind(model.KindDataStore) {
		jewel := declared[n.ID]
		kinds := []Kind{Read, Write}
		switch {
		case jewel != nil || holdsSensitive(c, n):
		case topTier(n):
			kinds = []Kind{Write} // a critical store of public data: tampering matters, reading does not
		default:
			continue
		}
		for _, k := range kinds {
			imp, fs := rank.Impact(c.Graph, n, k == Write, jewel)
			t := Target{State: State{k, n.ID}, Impact: imp, Factors: fs, Reason: "it holds sensitive data"}
			if jewel != nil {
				t.Jewel, t.Reason = jewel.ID, jewelReason(jewel)
			}
			out[t.State] = t
		}
	}
	for id, jewel := range declared {
		n := c.Node(id)
		if n == nil || n.Kind == model.KindDataStore {
			continue
		}
		kind := Exec
		if n.Kind == model.KindIdentity {
			kind = Creds
		}
		imp, fs := rank.Declared(n, jewel)
		out[State{kind, id}] = Target{State: State{kind, id}, Impact: imp, Factors: fs, Jewel: jewel.ID, Reason: jewelReason(jewel)}
	}
	return out
}

// IsTarget reports whether s is a crown jewel: one of targets, or any administrative control.
func IsTarget(targets map[State]Target, s State) (Target, bool) {
	if t, ok := targets[s]; ok {
		return t, true
	}
	if s.Kind == Admin {
		return Target{State: s, Impact: rank.AdminImpact, Reason: "administrative control"}, true
	}
	return Target{}, false
}

// declaredJewels maps node IDs to the seam.yaml crown jewel whose resources globs name them.
func declaredJewels(c *Context) map[string]*model.Node {
	out := map[string]*model.Node{}
	for _, j := range c.Graph.NodesOfKind(model.KindCrownJewel) {
		var globs []string
		if l, ok := j.Attrs["resources"].([]any); ok {
			for _, g := range l {
				if s, ok := g.(string); ok {
					globs = append(globs, s)
				}
			}
		}
		sort.Strings(globs)
		for _, n := range c.Graph.Nodes() {
			if _, done := out[n.ID]; done || n.Kind == model.KindCrownJewel {
				continue
			}
			for _, g := range globs {
				if ok, _ := doublestar.Match(g, n.ID); ok {
					out[n.ID] = j
					break
				}
			}
		}
	}
	return out
}

func holdsSensitive(c *Context, n *model.Node) bool {
	for _, e := range c.Graph.Out(n.ID) {
		if e.Kind == model.EdgeHolds && sensitive[strings.TrimPrefix(e.To, "data-class:")] {
			return true
		}
	}
	return false
}

func topTier(n *model.Node) bool {
	d, ok := n.Derived["criticality"]
	if !ok {
		return false
	}
	m, _ := d.Value.(map[string]any)
	return m["tier"] == "tier-1"
}

func jewelReason(j *model.Node) string {
	if r, ok := j.Attrs["reason"].(string); ok && r != "" {
		return r
	}
	return "declared a crown jewel"
}
