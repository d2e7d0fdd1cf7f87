package paths

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/rank"
)

// Options configure an analysis.
type Options struct {
	Rules     []Rule           // the step rules (internal/paths/rules.All())
	Footholds []FootholdSource // where application footholds come from
	Bounds    Bounds
	// Cut lists control IDs to treat as applied: their steps are gone. Choke points are checked with it.
	Cut map[string]bool
	// ChokePoints is how many choke points to report (default 10).
	ChokePoints int
}

// Result is what the analysis found.
type Result struct {
	Paths       []Path       `json:"paths"`
	ChokePoints []ChokePoint `json:"choke_points"`
	// TotalRisk is the sum of the paths' risk, the base choke points' shares are of.
	TotalRisk float64 `json:"total_risk"`
	Stats     Stats   `json:"stats"`
}

// Stats count the search's work, and say when it stopped at a bound.
type Stats struct {
	Entries   int      `json:"entries"`
	Targets   int      `json:"targets"`
	States    int      `json:"states"`
	Expanded  int      `json:"expanded"`
	Truncated []string `json:"truncated,omitempty"` // entries whose search stopped at MaxExpansions
	Orphans   int      `json:"orphan_paths"`        // paths with no accountable owner
}

// Path is one way from an entry point to a crown jewel, hop by hop, ranked.
type Path struct {
	ID     string `json:"id"` // stable: a hash of its states
	Entry  State  `json:"entry"`
	Target State  `json:"target"`
	// EntryName and TargetName are for people.
	EntryName  string `json:"entry_name"`
	TargetName string `json:"target_name"`
	Hops       []Hop  `json:"hops"`
	// Likelihood is the product of the hops' likelihoods; Impact what the target is worth; Risk their product
	// on a 0–100 scale.
	Likelihood    float64       `json:"likelihood"`
	Impact        float64       `json:"impact"`
	Risk          float64       `json:"risk"`
	ImpactFactors []rank.Factor `json:"impact_factors"`
	TargetReason  string        `json:"target_reason"`
	Jewel         string        `json:"crown_jewel,omitempty"`
	// Owner is the one accountable owner (see docs/design/attack-paths.md); Orphan is set when there is none.
	Owner       string   `json:"owner,omitempty"`
	OwnerReason string   `json:"owner_reason,omitempty"`
	Orphan      bool     `json:"orphan,omitempty"`
	Assumptions []string `json:"assumptions,omitempty"`
}

// Hop is one step of a path, with everything a user needs to believe it and to break it.
type Hop struct {
	From          State            `json:"from"`
	To            State            `json:"to"`
	ToName        string           `json:"to_name"`
	Rule          string           `json:"rule"`
	Title         string           `json:"title"`
	Technique     string           `json:"technique"`
	TechniqueName string           `json:"technique_name"`
	Likelihood    float64          `json:"likelihood"`
	Reason        string           `json:"reason"`
	Evidence      []model.Evidence `json:"evidence"`
	Control       Control          `json:"control"`
	Owner         string           `json:"owner,omitempty"`     // who owns what the hop reaches
	FixOwner      string           `json:"fix_owner,omitempty"` // who owns the control that breaks it
	Assumptions   []string         `json:"assumptions,omitempty"`
	Via           []string         `json:"via,omitempty"`
}

// Analyze finds the attack paths of a graph whose link stage has run, ranks them, names their owners and
// chooses the choke points.
func Analyze(ctx context.Context, g *graph.Graph, opt Options) *Result {
	c := NewContext(g, opt.Footholds)
	targets := Targets(c)
	s := newSearcher(c, opt.Rules, opt.Bounds, opt.Cut)
	res := search(ctx, c, s, targets)
	res.ChokePoints = []ChokePoint{} // JSON readers get a list, even an empty one
	if opt.ChokePoints >= 0 {
		if cps := chokePoints(ctx, c, s, targets, opt, res); cps != nil {
			res.ChokePoints = cps
		}
	}
	return res
}

// search runs the search from every entry and returns the ranked paths with the search's statistics.
func search(ctx context.Context, c *Context, s *searcher, targets map[State]Target) *Result {
	ens := entries(c)
	res := &Result{Paths: []Path{}}
	for _, e := range ens {
		for _, f := range s.from(ctx, e, targets) {
			res.Paths = append(res.Paths, s.path(c, f, targets))
		}
	}
	res.Stats = Stats{Entries: len(ens), Targets: len(targets), States: len(s.states), Expanded: s.expanded}
	for _, t := range s.truncated {
		res.Stats.Truncated = append(res.Stats.Truncated, t.Node)
	}
	sortPaths(res.Paths)
	if len(res.Paths) > s.b.MaxPaths {
		res.Paths = res.Paths[:s.b.MaxPaths]
	}
	for _, p := range res.Paths {
		res.TotalRisk += p.Risk
		if p.Orphan {
			res.Stats.Orphans++
		}
	}
	res.TotalRisk = round1(res.TotalRisk)
	return res
}

// path turns a found path into its explained, ranked, owned form.
func (s *searcher) path(c *Context, f found, targets map[State]Target) Path {
	t, _ := IsTarget(targets, f.target)
	p := Path{ID: pathID(f), Entry: f.entry, Target: f.target, EntryName: c.Name(f.entry.Node), TargetName: c.Name(f.target.Node),
		Likelihood: round3(f.likelihood), Impact: round3(t.Impact), ImpactFactors: t.Factors, TargetReason: t.Reason, Jewel: t.Jewel}
	seen := map[string]bool{}
	for i, st := range f.steps {
		m := s.meta[st.Rule]
		h := Hop{From: f.states[i], To: st.To, ToName: c.Name(st.To.Node), Rule: st.Rule, Title: m.Title,
			Technique: m.Technique, TechniqueName: m.TechniqueName, Likelihood: round3(st.Likelihood), Reason: st.Reason,
			Evidence: st.Evidence, Control: st.Control, Owner: ownerOf(c, st.To.Node), FixOwner: ownerOf(c, st.Control.Node),
			Assumptions: st.Assumptions, Via: st.Via}
		for _, a := range st.Assumptions {
			if !seen[a] {
				seen[a] = true
				p.Assumptions = append(p.Assumptions, a)
			}
		}
		p.Hops = append(p.Hops, h)
	}
	p.Risk = rank.Score(f.likelihood, t.Impact)
	p.Owner, p.OwnerReason = accountable(c, p)
	p.Orphan = p.Owner == ""
	return p
}

// sortPaths orders paths by risk, then likelihood, then ID: best first, deterministic.
func sortPaths(ps []Path) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Risk != ps[j].Risk {
			return ps[i].Risk > ps[j].Risk
		}
		if ps[i].Likelihood != ps[j].Likelihood {
			return ps[i].Likelihood > ps[j].Likelihood
		}
		return ps[i].ID < ps[j].ID
	})
}

func pathID(f found) string {
	h := sha256.Sum256([]byte(f.key()))
	return "path:" + hex.EncodeToString(h[:6])
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
func round1(x float64) float64 { return float64(int(x*10+0.5)) / 10 }
