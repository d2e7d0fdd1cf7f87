package paths

import (
	"context"
	"sort"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/rank"
)

// ChokePoint is a fix that cuts paths: the control, the risk it removes, and what is left once it and the
// choke points before it are applied.
type ChokePoint struct {
	Control Control `json:"control"`
	Owner   string  `json:"owner,omitempty"`
	// Paths are the IDs of the found paths one of whose hops the control breaks.
	Paths []string `json:"paths"`
	// Removed is the risk of the found paths it cuts that earlier choke points did not; Share is Removed as a
	// fraction of the total, Cumulative the fraction cut by this and the earlier ones together.
	Removed    float64 `json:"risk_removed"`
	Share      float64 `json:"share"`
	Cumulative float64 `json:"cumulative_share"`
	// Residual is the risk of the paths the search still finds with this and the earlier choke points
	// applied — a fix can open no new path, but paths the first search ranked below its bounds may remain.
	Residual      float64 `json:"residual_risk"`
	ResidualPaths int     `json:"residual_paths"`
}

// chokePoints chooses, greedily, the controls that cut the most path risk: each round takes the control whose
// hops lie on the most remaining risk, until the paths are all cut or the limit is reached. A control marked
// Design (taking a public service off the internet) counts only for paths nothing else breaks. Each choice
// is checked by searching again with the controls chosen so far applied.
func chokePoints(ctx context.Context, c *Context, s *searcher, targets map[State]Target, opt Options, res *Result) []ChokePoint {
	g := c.Graph
	limit := opt.ChokePoints
	if limit <= 0 {
		limit = 10
	}
	if len(res.Paths) == 0 || res.TotalRisk == 0 {
		return nil
	}
	controls := map[string]Control{}
	onPath := map[string][]int{} // control → path indexes
	for i, p := range res.Paths {
		seen := map[string]bool{}
		for _, h := range p.Hops {
			id := h.Control.ID
			if id == "" || seen[id] {
				continue
			}
			seen[id] = true
			controls[id] = h.Control
			onPath[id] = append(onPath[id], i)
		}
	}
	cut := map[int]bool{}
	applied := map[string]bool{}
	for k, v := range opt.Cut {
		applied[k] = v
	}
	var out []ChokePoint
	cumulative := 0.0
	fixable := map[int]bool{} // paths some control not by design breaks
	for id, c := range controls {
		if !c.Design {
			for _, i := range onPath[id] {
				fixable[i] = true
			}
		}
	}
	for len(out) < limit {
		best, bestRisk := "", 0.0
		for _, id := range sortedIDs(controls) {
			r := 0.0
			for _, i := range onPath[id] {
				if !cut[i] && (!controls[id].Design || !fixable[i]) {
					r += res.Paths[i].Risk
				}
			}
			if r > bestRisk || r == bestRisk && r > 0 && infraFirst(g, controls[id], controls[best]) {
				best, bestRisk = id, r
			}
		}
		if best == "" {
			break
		}
		cp := ChokePoint{Control: controls[best], Removed: round1(bestRisk)}
		for _, i := range onPath[best] {
			if !cut[i] {
				cp.Paths = append(cp.Paths, res.Paths[i].ID)
				cut[i] = true
			}
		}
		cumulative += bestRisk
		cp.Share = round3(bestRisk / res.TotalRisk)
		cp.Cumulative = round3(cumulative / res.TotalRisk)
		applied[best] = true
		cp.Residual, cp.ResidualPaths = residual(ctx, c, s, targets, applied)
		cp.Owner = ownerOf(c, cp.Control.Node)
		out = append(out, cp)
		delete(controls, best)
	}
	return out
}

// residual searches again with the applied controls and returns the risk and number of the paths left. It
// reuses the searcher's steps, which do not depend on what is cut: a re-run costs the search, not the rules.
func residual(ctx context.Context, c *Context, s *searcher, targets map[State]Target, applied map[string]bool) (float64, int) {
	saved := s.cut
	s.cut = applied
	defer func() { s.cut = saved }()
	var risks []float64
	for _, e := range entries(c) {
		for _, f := range s.from(ctx, e, targets) {
			t, _ := IsTarget(targets, f.target)
			risks = append(risks, rank.Score(f.likelihood, t.Impact))
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(risks)))
	if len(risks) > s.b.MaxPaths {
		risks = risks[:s.b.MaxPaths]
	}
	total := 0.0
	for _, r := range risks {
		total += r
	}
	return round1(total), len(risks)
}

func sortedIDs(m map[string]Control) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// infraFirst breaks a tie between two controls that cut the same risk: a change to infrastructure (a launch
// template, a policy, a NetworkPolicy) protects every workload it applies to, a code fix one flaw, so the
// infrastructure change comes first; then the control ID, for a stable order.
func infraFirst(g *graph.Graph, a, b Control) bool {
	la, lb := layerOf(g, a.Node), layerOf(g, b.Node)
	if la != lb {
		return la == model.LayerInfrastructure
	}
	return a.ID < b.ID
}

func layerOf(g *graph.Graph, id string) model.Layer {
	if n, ok := g.Node(id); ok {
		return n.Kind.Layer()
	}
	return ""
}
