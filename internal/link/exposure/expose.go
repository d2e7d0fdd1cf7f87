package exposure

import (
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// exposure is one internet -exposes-> edge about to be made.
type exposure struct {
	node        *model.Node
	ports       []int
	protocol    string
	auth        string
	controls    []control
	ranges      []string // public ranges admitted when not every address is
	assumptions []string
	method      string
	reason      string
	evidence    []model.Evidence
	extra       map[string]any
}

// internetPeer is the internet as a source of traffic.
var internetPeer = peer{internet: true, label: "the internet"}

// expose makes internet -exposes-> x.node and records its assumptions.
func (r *run) expose(x exposure) {
	x.assumptions = sortedUnique(x.assumptions)
	x.ranges = sortedUnique(x.ranges)
	conf := link.High
	switch {
	case len(x.ranges) > 0:
		conf = link.Low
	case len(x.assumptions) > 0:
		conf = link.Medium
	}
	attrs := map[string]any{"authentication": x.auth, "controls": controlsAttr(x.controls)}
	if ports := sortedInts(append([]int(nil), x.ports...)); len(ports) > 0 {
		attrs["ports"] = anyInts(ports)
	}
	if x.protocol != "" {
		attrs["protocol"] = x.protocol
	}
	if len(x.ranges) > 0 {
		attrs["source_ranges"] = anyStrings(x.ranges)
	}
	for k, v := range x.extra {
		attrs[k] = v
	}
	ev := x.evidence
	if len(ev) == 0 {
		ev = []model.Evidence{link.Evidence(x.node, "exposed to the internet")}
	}
	r.out.edge(model.InternetID, model.EdgeExposes, x.node.ID, link.Link{Method: x.method, Confidence: conf,
		Reason: x.reason, Evidence: ev, Assumptions: x.assumptions, Attrs: attrs})
	for _, a := range x.assumptions {
		r.out.assume(x.node.ID, "exposure", a, "the internet reaches "+x.node.ID, ev[0])
	}
}

// refuseExposure records that the internet does not reach a node, and why.
func (r *run) refuseExposure(to *model.Node, method, reason string, ev ...model.Evidence) {
	if len(ev) == 0 {
		ev = []model.Evidence{link.Evidence(to, "not exposed")}
	}
	r.out.refuse(model.InternetID, model.EdgeExposes, to.ID, link.Link{Method: method, Reason: reason, Evidence: ev})
}

// reachWorkload records a route to a workload, with its assumptions as model.Assumptions.
func (r *run) reachWorkload(w *model.Node, rt route) {
	rt.assumptions = sortedUnique(rt.assumptions)
	r.out.reach(w.ID, rt)
	if rt.entry == w.ID {
		return // the exposes edge already recorded them
	}
	for _, a := range rt.assumptions {
		r.out.assume(w.ID, "exposure", a, "the internet reaches "+w.ID+" through "+rt.entry, rt.ev)
	}
}

// ruleEvidence turns the rules behind a decision into evidence.
func ruleEvidence(rules []*sgRule) []model.Evidence {
	var out []model.Evidence
	seen := map[model.Evidence]bool{}
	for _, rule := range rules {
		if !seen[rule.ev] {
			seen[rule.ev] = true
			out = append(out, rule.ev)
		}
	}
	return out
}

// groupEvidence points at the groups themselves, when they are in the scan.
func groupEvidence(gs []groupRef, what string) []model.Evidence {
	var out []model.Evidence
	for _, g := range gs {
		if g.node != nil {
			out = append(out, link.Evidence(g.node, what))
		}
	}
	return out
}
