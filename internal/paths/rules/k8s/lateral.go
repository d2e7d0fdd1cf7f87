package k8s

import (
	"fmt"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// lateral: code in a pod sends requests to the pods and data stores the network lets it reach.
type lateral struct{}

func (lateral) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.lateral-network", Title: "A pod reaches other pods and data stores on the network",
		Technique: "T1210", TechniqueName: "Exploitation of Remote Services",
		// Reach is a fact of the policies and security groups; the CNI may not enforce NetworkPolicies at all.
		Likelihood: 0.9,
		Rationale:  "pod networking is flat unless NetworkPolicies isolate a pod: from a compromised pod the attacker sends requests to every pod no policy selects, to the pods whose policies admit it, and to the data stores whose security groups admit its nodes (pods only where they have an application foothold: reach alone gives nothing)",
		Control:    "select each workload with a NetworkPolicy that admits only its clients; narrow the data store's security group",
		From:       []paths.Kind{paths.Exec}, To: []paths.Kind{paths.Reach}}
}

func (lateral) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := podOf(c, s.Node)
	if w == nil {
		return nil
	}
	var out []paths.Step
	seen := map[string]bool{w.ID: true}
	for _, e := range c.Graph.Out(w.ID) {
		if e.Kind != model.EdgeNetworkReach {
			continue
		}
		t := c.Node(e.To)
		if t == nil || seen[t.ID] {
			continue
		}
		switch {
		case isPod(t):
			if !footholds(c)[t.ID] {
				continue // reach to it leads nowhere: see footholds
			}
			seen[t.ID] = true
			out = append(out, reachStep(c, w, t, e, "network-policy", t, "tighten the NetworkPolicy selecting "+c.Name(t.ID)+" to admit only its clients"))
		case t.Kind == model.KindDataStore:
			seen[t.ID] = true
			out = append(out, reachStep(c, w, t, e, "security-group", t, "narrow the security group rule that admits "+c.Name(w.ID)+"'s nodes to "+c.Name(t.ID)))
		}
	}
	for _, t := range openPods(c) {
		if seen[t.ID] {
			continue
		}
		d := t.Derived["reachable_from_cluster"]
		m, _ := d.Value.(map[string]any)
		out = append(out, paths.Step{To: paths.State{Kind: paths.Reach, Node: t.ID},
			Reason:   fmt.Sprintf("no NetworkPolicy selects %s: code in %s reaches it over the pod network", c.Name(t.ID), c.Name(w.ID)),
			Evidence: []model.Evidence{model.EvidenceAt(d.Prov, orText(str(m["reason"]), "no NetworkPolicy")), link.Evidence(w, "the source pods")},
			Control:  paths.ControlAt("network-policy", t, "select "+c.Name(t.ID)+" with a NetworkPolicy that admits only its clients")})
	}
	return out
}

// reachStep is the step along one network-reach edge; its control is on the first control the edge names
// (the policy that admits the traffic, the security group rule), else on the target.
func reachStep(c *paths.Context, w, t *model.Node, e *model.Edge, kind string, fallback *model.Node, title string) paths.Step {
	ctlNode := fallback
	for _, m := range list(e.Attrs["controls"]) {
		if n := c.Node(str(m["id"])); n != nil {
			ctlNode = n
			break
		}
	}
	reason := str(e.Attrs["reason"])
	if reason == "" {
		reason = fmt.Sprintf("%s reaches %s over the network", c.Name(w.ID), c.Name(t.ID))
	}
	return paths.Step{To: paths.State{Kind: paths.Reach, Node: t.ID}, Reason: "code in " + c.Name(w.ID) + " can connect: " + reason,
		Evidence: edgeEvidence(e, "network reach"), Control: paths.ControlAt(kind, ctlNode, title),
		Assumptions: edgeAssumptions(e), Via: []string{e.Key()}}
}

func orText(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
