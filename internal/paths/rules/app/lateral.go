package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// forgedRequest: requests forged from a workload reach the internal services its network allows.
type forgedRequest struct{}

func (forgedRequest) Meta() paths.Meta {
	return paths.Meta{ID: "app.forged-request", Title: "Forged requests reach an internal service",
		Technique: "T1090", TechniqueName: "Proxy",
		// 0.5: the service relays a request the attacker only partly controls — usually a GET without chosen
		// headers or body, often blind — so only some of the internal service's endpoints answer it usefully.
		Likelihood: 0.5,
		Rationale: "an internal service that trusts its network answers the requests a vulnerable neighbour " +
			"forges, as if they came from inside",
		Control: "isolate internal services with NetworkPolicies that admit only their callers, and limit the " +
			"egress of services that fetch URLs",
		From: []paths.Kind{paths.Forge}, To: []paths.Kind{paths.Reach}}
}

// forgeHTTP, forgeUnknownPorts and forgeOtherPorts are the likelihoods of the step to a service that speaks
// HTTP, whose ports the files do not give, and that listens only on ports of other protocols.
const (
	forgeHTTP         = 0.5
	forgeUnknownPorts = 0.4
	forgeOtherPorts   = 0.15
)

func (forgedRequest) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := c.Node(s.Node)
	if s.Kind != paths.Forge || w == nil || w.Kind != model.KindWorkload {
		return nil
	}
	var out []paths.Step
	var seen map[string]bool // the targets of edges, which the open workloads must not repeat
	for _, e := range c.Graph.Out(w.ID) {
		t := c.Node(e.To)
		if e.Kind != model.EdgeNetworkReach || t == nil || t.Kind != model.KindWorkload || t.ID == w.ID || seen[t.ID] {
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[t.ID] = true
		out = append(out, admittedStep(c, w, t, e))
	}
	if !strings.HasPrefix(w.ID, "k8s:") {
		return out // an open pod is reachable from the cluster's pods; other workloads reach it only by edges
	}
	open := clusterReachable(c)
	src := forgerOf(c, w)
	out = slices.Grow(out, len(open))
	for i := range open {
		if id := open[i].node.ID; id != w.ID && !seen[id] {
			out = append(out, open[i].step(src))
		}
	}
	return out
}

// admittedStep is the step to t, whose network (a NetworkPolicy, security groups) admits w: the edge
// w -network-reach-> t.
func admittedStep(c *paths.Context, w, t *model.Node, e *model.Edge) paths.Step {
	var as []string
	l := linkFactor(e, fmt.Sprintf("%s's network admits %s", c.Name(t.ID), c.Name(w.ID)), &as)
	proto, pl, pa := protocolOf(c, t, ints(e.Attrs["ports"]))
	if pa != "" {
		as = append(as, pa)
	}
	ctl := admittedControl(c, w, t, e)
	return paths.Step{To: paths.State{Kind: paths.Reach, Node: t.ID}, Likelihood: clamp(pl * l),
		Reason:   fmt.Sprintf("requests forged from %s reach %s %s: %s", c.Name(w.ID), c.Name(t.ID), proto, attrString(e.Attrs, "reason")),
		Evidence: edgeEvidence(e, "network reach"), Control: ctl, Assumptions: dedupeStrings(as), Via: []string{e.Key()}}
}

// forger is the source side of the steps from a Kubernetes workload w to the open workloads: what its
// egress says, computed once per forge state.
type forger struct {
	name     string
	egress   *model.Evidence
	factor   float64 // 0.5 when egress NetworkPolicies limit w, which Seam does not check per destination
	policies string
}

func forgerOf(c *paths.Context, w *model.Node) forger {
	f := forger{name: c.Name(w.ID), factor: 1}
	if eg, ok := w.Derived["egress"]; ok {
		m, _ := eg.Value.(map[string]any)
		ev := model.EvidenceAt(eg.Prov, attrString(m, "reason"))
		f.egress = &ev
		if m["limited"] == true {
			f.factor, f.policies = 0.5, strings.Join(link.Strings(m["policies"]), ", ")
		}
	}
	return f
}

// openTarget is a Kubernetes workload no NetworkPolicy selects, with what its steps say about it, computed
// once per analysis.
type openTarget struct {
	node        *model.Node
	name, proto string
	likelihood  float64
	assumed     string // what the files do not say about its protocol
	evidence    model.Evidence
	control     paths.Control
}

// step is the step to t from the Kubernetes workload f describes.
func (t *openTarget) step(f forger) paths.Step {
	ev := make([]model.Evidence, 1, 2)
	ev[0] = t.evidence
	if f.egress != nil && *f.egress != t.evidence {
		ev = append(ev, *f.egress)
	}
	var as []string
	if f.factor < 1 {
		as = append(as, "the egress NetworkPolicies of "+f.name+" ("+f.policies+") are not checked against "+t.name+
			", which no policy isolates; assumed they let its requests through")
	}
	if t.assumed != "" {
		as = append(as, t.assumed)
	}
	return paths.Step{To: paths.State{Kind: paths.Reach, Node: t.node.ID}, Likelihood: clamp(t.likelihood * f.factor),
		Reason: "requests forged from " + f.name + " reach " + t.name + t.proto + ": no NetworkPolicy selects " + t.name +
			", so every pod of the cluster reaches it",
		Evidence: ev, Control: t.control, Assumptions: as}
}

const clusterReachableKey = "app.cluster-reachable"

// clusterReachable returns the Kubernetes workloads every pod reaches (reachable_from_cluster.all_pods),
// sorted by ID, computed once per analysis.
func clusterReachable(c *paths.Context) []openTarget {
	return c.Cached(clusterReachableKey, func() any {
		var out []openTarget
		for _, n := range c.Graph.NodesOfKind(model.KindWorkload) {
			d, ok := n.Derived["reachable_from_cluster"]
			if !ok {
				continue
			}
			if m, _ := d.Value.(map[string]any); m["all_pods"] != true {
				continue
			}
			name := c.Name(n.ID)
			proto, pl, pa := protocolOf(c, n, nil)
			if proto != "" {
				proto = " " + proto
			}
			out = append(out, openTarget{node: n, name: name, proto: proto, likelihood: pl, assumed: pa,
				evidence: derivedEvidence(n, "reachable_from_cluster", "no NetworkPolicy selects "+n.ID),
				control:  paths.ControlAt("network-policy", n, "select "+name+" with a NetworkPolicy that admits only its callers")})
		}
		return out
	}).([]openTarget)
}

// derivedEvidence points at the fact a derived property of n rests on, or at n.
func derivedEvidence(n *model.Node, key, what string) model.Evidence {
	if d, ok := n.Derived[key]; ok && d.Prov.File != "" {
		if m, _ := d.Value.(map[string]any); attrString(m, "reason") != "" {
			what = attrString(m, "reason")
		}
		return model.EvidenceAt(d.Prov, what)
	}
	return link.Evidence(n, what)
}

// admittedControl is the control of a step along w -network-reach-> t: on the first control the edge names
// that is a node (the NetworkPolicy that admits w, the security group rule), else on t; of kind
// network-policy for a Kubernetes t, security-group for others — as the Kubernetes lateral rule makes
// them, so that one change is one control.
func admittedControl(c *paths.Context, w, t *model.Node, e *model.Edge) paths.Control {
	kind := "security-group"
	if strings.HasPrefix(t.ID, "k8s:") {
		kind = "network-policy"
	}
	list, _ := e.Attrs["controls"].([]any)
	for _, item := range list {
		m, _ := item.(map[string]any)
		if n := c.Node(attrString(m, "id")); n != nil {
			return paths.ControlAt(kind, n, fmt.Sprintf("narrow %s: it admits %s, whose forged requests then reach %s",
				c.Name(n.ID), c.Name(w.ID), c.Name(t.ID)))
		}
	}
	return paths.ControlAt(kind, t, "admit only the callers "+c.Name(t.ID)+" needs")
}

func ints(v any) []int {
	list, _ := v.([]any)
	var out []int
	for _, x := range list {
		if n, ok := number(x); ok {
			out = append(out, int(n))
		}
	}
	return out
}
