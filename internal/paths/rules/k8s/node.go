package k8s

import (
	"fmt"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// Co-location likelihoods: a DaemonSet has a pod on every node, so on the one the attacker holds; any other
// workload the scheduler may place on the node group is on that node only some of the time.
const (
	daemonSetColocation = 1.0
	otherColocation     = 0.8
)

// isolationControl is the control every step from a host to its pods shares: one change (separate node
// groups for untrusted workloads) breaks them all.
func isolationControl(c *paths.Context, h string) paths.Control {
	title := fmt.Sprintf("run untrusted or internet-facing workloads on their own node group (taints and tolerations, node selectors), apart from %s's other pods", c.Name(h))
	if n := c.Node(h); n != nil {
		return paths.ControlAt("node-isolation", n, title)
	}
	return paths.Control{ID: "node-isolation:" + h, Title: title, Node: h}
}

// colocated returns the pods that may run on a host, and the evidence and assumptions of one of them.
func colocation(c *paths.Context, h string, w *model.Node) (float64, []model.Evidence, []string, []string) {
	like := otherColocation
	if w.Type == "DaemonSet" {
		like = daemonSetColocation
	}
	for _, hh := range placementOf(c).hosts[w.ID] {
		if hh.id != h {
			continue
		}
		if hh.edge == nil {
			return like, []model.Evidence{link.Evidence(w, "pods of "+w.Type+" "+w.Name)}, []string{implicitNodesAssumption(w)}, nil
		}
		return like, []model.Evidence{link.EvidenceOfEdge(hh.edge, "pods of "+w.Type+" "+w.Name+" run on "+c.Name(h))}, edgeAssumptions(hh.edge), []string{hh.edge.Key()}
	}
	return like, nil, nil, nil
}

// nodePodTokens: root on a node reads the ServiceAccount tokens of the pods on it from the kubelet's pod
// directories.
type nodePodTokens struct{}

func (nodePodTokens) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.node-pod-tokens", Title: "The node's disk holds the tokens of the pods on it",
		Technique: "T1552.001", TechniqueName: "Unsecured Credentials: Credentials In Files",
		// The kubelet writes every mounted token under /var/lib/kubelet/pods/<uid>/volumes/; root reads them.
		Likelihood: 0.9,
		Rationale:  "the kubelet keeps each pod's projected ServiceAccount token under /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~projected/; whoever runs code on the node as root reads the tokens of every pod scheduled there",
		Control:    "run untrusted workloads on separate node groups, so that an escape reaches no stronger ServiceAccount",
		From:       []paths.Kind{paths.Host}, To: []paths.Kind{paths.Creds}}
}

func (r nodePodTokens) Steps(c *paths.Context, s paths.State) []paths.Step {
	ctl := isolationControl(c, s.Node)
	seen := map[string]bool{}
	var out []paths.Step
	for _, w := range placementOf(c).pods[s.Node] {
		sa, use := serviceAccountOf(c, w)
		if sa == nil || seen[sa.ID] {
			continue
		}
		t := tokenOf(c, w, sa, use)
		if !t.mounted {
			continue
		}
		seen[sa.ID] = true
		like, ev, assumed, via := colocation(c, s.Node, w)
		out = append(out, paths.Step{To: paths.State{Kind: paths.Creds, Node: sa.ID}, Likelihood: r.Meta().Likelihood * like * t.factor,
			Reason: fmt.Sprintf("pods of %s may run on %s; root there reads their token of ServiceAccount %s/%s from the kubelet's pod directories (%s)",
				c.Name(w.ID), c.Name(s.Node), namespaceOf(sa), sa.Name, t.reason),
			Evidence: append(ev, t.evidence...), Control: ctl, Assumptions: uniqueSorted(append(assumed, t.assumptions...)),
			Via: append(via, use.Key())})
	}
	return out
}

// nodePodExec: root on a node runs code in the containers on it through the container runtime.
type nodePodExec struct{}

func (nodePodExec) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.node-pod-exec", Title: "The node's container runtime runs code in the pods on it",
		Technique: "T1609", TechniqueName: "Container Administration Command",
		// crictl or ctr on the node execs into any container there, as root, unseen by the API server's audit.
		Likelihood: 0.9,
		Rationale:  "the container runtime on the node (crictl exec, ctr, nsenter into the container's namespaces) runs commands in every container scheduled there, with its Secrets and IRSA token, and the API server never sees it",
		Control:    "run untrusted workloads on separate node groups, so that an escape reaches no other team's pods",
		From:       []paths.Kind{paths.Host}, To: []paths.Kind{paths.Exec}}
}

func (r nodePodExec) Steps(c *paths.Context, s paths.State) []paths.Step {
	ctl := isolationControl(c, s.Node)
	var out []paths.Step
	for _, w := range placementOf(c).pods[s.Node] {
		like, ev, assumed, via := colocation(c, s.Node, w)
		out = append(out, paths.Step{To: paths.State{Kind: paths.Exec, Node: w.ID}, Likelihood: r.Meta().Likelihood * like,
			Reason:   fmt.Sprintf("pods of %s may run on %s; root there runs commands in their containers through the container runtime", c.Name(w.ID), c.Name(s.Node)),
			Evidence: ev, Control: ctl, Assumptions: uniqueSorted(assumed), Via: via})
	}
	return out
}
