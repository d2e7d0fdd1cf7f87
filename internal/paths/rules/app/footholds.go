package app

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// CodeFlawSource is the name of the code-flaw foothold source.
const CodeFlawSource = "code-flaw"

// CodeFlaws is the paths.FootholdSource of code flaws: the code-flaw nodes a workload has, directly
// (W -has-flaw-> F), through the image it runs (W -runs-> I -has-flaw-> F) or through the service it is part
// of (W -part-of-> S -has-flaw-> F). A flaw of no foothold class (class "", which the flaw link builder marks
// foothold false) is none. It is stateless; its index lives in the analysis context.
//
// A foothold's likelihood is the chance that an attacker who reaches the workload exploits the flaw:
//
//	confidence high    0.9  the detector saw request input reach the sink unchanged; what is left is finding
//	                        the route, which scanners and fuzzers do routinely
//	confidence medium  0.6  the input passes through calls Seam cannot see into, which may validate it
//	confidence low     0.3  a pattern match with no data flow behind it
//	not stated         0.5  an assumption, said on the foothold
//
// times 0.8 when the flaw is known only for the workload's service (a service may run several programs), times
// the has-flaw link's confidence when it is below high (medium 0.8, low 0.5), and times 0.3 when the flaw node
// says the code is not reachable (attribute reachable: false) — such a foothold is kept, never dropped.
type CodeFlaws struct{}

// Name returns "code-flaw".
func (CodeFlaws) Name() string { return CodeFlawSource }

// Footholds returns the code flaws of a workload, the most direct route first, then by flaw ID.
func (CodeFlaws) Footholds(c *paths.Context, workload string) []paths.Foothold {
	ix := flawIndexOf(c)
	refs := ix[workload]
	out := make([]paths.Foothold, 0, len(refs))
	for _, r := range refs {
		out = append(out, r.foothold(c))
	}
	return out
}

// How a workload comes to have a flaw, most direct first.
const (
	routeWorkload = iota // W -has-flaw-> F
	routeImage           // W -runs-> I -has-flaw-> F
	routeService         // W -part-of-> S -has-flaw-> F
)

// flawRef is one flaw of one workload and the edges that give it.
type flawRef struct {
	flaw  *model.Node
	route int
	has   *model.Edge // the has-flaw edge
	via   *model.Edge // the runs or part-of edge from the workload, nil for routeWorkload
}

// flawIndex maps workload IDs to their flaws.
type flawIndex map[string][]flawRef

const flawIndexKey = "app.code-flaws"

// flawIndexOf returns the context's flaw index, building it once: every has-flaw edge into a code-flaw node,
// followed back to the workloads it concerns.
func flawIndexOf(c *paths.Context) flawIndex {
	return c.Cached(flawIndexKey, func() any { return buildFlawIndex(c) }).(flawIndex)
}

func buildFlawIndex(c *paths.Context) flawIndex {
	g := c.Graph
	ix := flawIndex{}
	add := func(w *model.Node, r flawRef) {
		if w == nil || w.Kind != model.KindWorkload {
			return
		}
		ix[w.ID] = append(ix[w.ID], r)
	}
	for _, f := range g.NodesOfKind(model.KindCodeFlaw) {
		if attrString(f.Attrs, "class") == "" {
			continue // a finding of no foothold class (the flaw builder links it with foothold false)
		}
		for _, e := range g.In(f.ID) {
			if e.Kind != model.EdgeHasFlaw || e.Attrs["foothold"] == false {
				continue
			}
			from := c.Node(e.From)
			if from == nil {
				continue
			}
			switch from.Kind {
			case model.KindWorkload:
				add(from, flawRef{flaw: f, route: routeWorkload, has: e})
			case model.KindImage:
				for _, r := range g.In(from.ID) {
					if r.Kind == model.EdgeRuns {
						add(c.Node(r.From), flawRef{flaw: f, route: routeImage, has: e, via: r})
					}
				}
			case model.KindService, model.KindBusinessService:
				for _, p := range g.In(from.ID) {
					if p.Kind == model.EdgePartOf {
						add(c.Node(p.From), flawRef{flaw: f, route: routeService, has: e, via: p})
					}
				}
			}
		}
	}
	for w, refs := range ix {
		ix[w] = oneRefPerFlaw(refs)
	}
	return ix
}

// oneRefPerFlaw sorts a workload's flaw references by flaw ID and keeps, of each flaw, the most direct route.
func oneRefPerFlaw(refs []flawRef) []flawRef {
	sort.SliceStable(refs, func(i, j int) bool {
		if refs[i].flaw.ID != refs[j].flaw.ID {
			return refs[i].flaw.ID < refs[j].flaw.ID
		}
		if refs[i].route != refs[j].route {
			return refs[i].route < refs[j].route
		}
		return refs[i].has.Key() < refs[j].has.Key()
	})
	out := refs[:0]
	for i, r := range refs {
		if i > 0 && r.flaw.ID == refs[i-1].flaw.ID {
			continue
		}
		out = append(out, r)
	}
	return out
}

// confidenceLikelihood maps a detector's confidence to the chance the flaw is exploited; see CodeFlaws.
var confidenceLikelihood = map[string]float64{"high": 0.9, "medium": 0.6, "low": 0.3}

// foothold turns a flaw reference into the foothold the rules read.
func (r flawRef) foothold(c *paths.Context) paths.Foothold {
	f := r.flaw
	class := attrString(f.Attrs, "class")
	fh := paths.Foothold{Class: class, Node: f.ID, Reachable: true,
		Control: paths.ControlAt("fix-flaw", f, fmt.Sprintf("fix the %s at %s:%d (%s)", class, f.Prov.File, f.Prov.Line, sinkOf(f)))}
	conf := strings.ToLower(attrString(f.Attrs, "confidence"))
	l, ok := confidenceLikelihood[conf]
	if !ok {
		l = 0.5
		fh.Assumptions = append(fh.Assumptions, fmt.Sprintf("%s states no confidence for the %s at %s:%d; assumed 0.5",
			orDefault(attrString(f.Attrs, "tool"), "the tool"), class, f.Prov.File, f.Prov.Line))
	}
	fh.Evidence = append(fh.Evidence, link.Evidence(f, describeFlaw(f)))
	fh.Evidence = append(fh.Evidence, edgeEvidence(r.has, "has-flaw: "+attrString(r.has.Attrs, "reason"))...)
	l *= linkFactor(r.has, "the flaw is in the code of "+c.Name(r.has.From), &fh.Assumptions)
	var how string
	switch r.route {
	case routeWorkload:
		how = c.Name(r.has.From) + " has the flaw"
	case routeImage:
		how = fmt.Sprintf("%s runs %s, which has the flaw", c.Name(r.via.From), c.Name(r.via.To))
		fh.Evidence = append(fh.Evidence, link.EvidenceOfEdge(r.via, "runs "+r.via.To))
	case routeService:
		how = fmt.Sprintf("%s is part of %s, whose code has the flaw", c.Name(r.via.From), c.Name(r.via.To))
		fh.Evidence = append(fh.Evidence, link.EvidenceOfEdge(r.via, "part of "+r.via.To))
		fh.Assumptions = append(fh.Assumptions, fmt.Sprintf("the flaw is known only for %s; assumed that %s runs the code that has it",
			c.Name(r.via.To), c.Name(r.via.From)))
		l *= 0.8
	}
	if reach, ok := f.Attrs["reachable"].(bool); ok && !reach {
		fh.Reachable = false
		l *= 0.3
		how += "; analysis says the vulnerable code is not called, so it is kept at a lower likelihood"
	}
	fh.Likelihood = l
	fh.Reason = fmt.Sprintf("%s (%s confidence, %s): %s", describeFlaw(f), orDefault(conf, "no stated"),
		orDefault(attrString(f.Attrs, "tool"), "unknown tool"), how)
	fh.Evidence = dedupeEvidence(fh.Evidence)
	return fh
}

// describeFlaw says what a flaw is and where, for reasons and evidence.
func describeFlaw(f *model.Node) string {
	var b strings.Builder
	b.WriteString(orDefault(f.Name, attrString(f.Attrs, "class")))
	if fn := attrString(f.Attrs, "function"); fn != "" {
		b.WriteString(" in " + fn)
	}
	if rt := attrString(f.Attrs, "route"); rt != "" {
		b.WriteString(" (" + rt + ")")
	}
	return b.String()
}

func sinkOf(f *model.Node) string {
	if s := attrString(f.Attrs, "sink"); s != "" {
		return s
	}
	return orDefault(attrString(f.Attrs, "cwe"), "the sink")
}

// linkFactor returns how much a link edge's confidence lowers a step (high and certain: not at all; medium
// 0.8; low 0.5; not stated: not at all, as extractor edges state facts), and adds the edge's assumptions and,
// below high, what it rests on to as.
func linkFactor(e *model.Edge, what string, as *[]string) float64 {
	*as = append(*as, link.Strings(e.Attrs["assumptions"])...)
	conf, ok := number(e.Attrs["confidence"])
	if !ok || conf >= float64(link.High) {
		return 1
	}
	factor := 0.5
	if conf >= float64(link.Medium) {
		factor = 0.8
	}
	*as = append(*as, fmt.Sprintf("%s (%s, link confidence %s)", what, e.Key(), link.Confidence(conf).Label()))
	return factor
}
