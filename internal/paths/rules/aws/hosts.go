package aws

import (
	"fmt"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// The compute resources whose instances have a metadata service, and how each is started.
var (
	launchTypes   = []string{"aws_launch_template", "aws_launch_configuration"}
	instanceTypes = []string{"aws_instance", "aws_launch_template", "aws_launch_configuration"}
	hostTypes     = []string{"aws_eks_node_group", "aws_autoscaling_group"}
)

// credentials is a role a host's metadata service hands out, with the edges that say so.
type credentials struct {
	role *model.Node
	via  []*model.Edge // host/instance → (profile →) role
}

// host is one machine (or group of machines) a workload's code can ask for credentials: the node to name, its
// metadata settings, and the roles it hands out.
type host struct {
	node  *model.Node
	meta  imds
	roles []credentials
	// runsOn is the pod's runs-on edge to the host, nil for an instance itself.
	runsOn *model.Edge
}

// profileRoles returns the roles a compute resource holds through its instance profile (or directly).
func profileRoles(c *paths.Context, n *model.Node) []credentials {
	var out []credentials
	for _, h := range follow(c, n.ID, model.EdgeUsesIdentity, "aws_iam_instance_profile", "aws_iam_role") {
		if h.node.Type == "aws_iam_role" {
			out = append(out, credentials{role: h.node, via: []*model.Edge{h.edge}})
			continue
		}
		for _, r := range follow(c, h.node.ID, model.EdgeUsesIdentity, "aws_iam_role") {
			out = append(out, credentials{role: r.node, via: []*model.Edge{h.edge, r.edge}})
		}
	}
	return out
}

// launchedBy returns the launch template or configuration a host or instance starts its machines from.
func launchedBy(c *paths.Context, n *model.Node) (*model.Node, *model.Edge) {
	for _, k := range []model.EdgeKind{model.EdgeRuns, model.EdgeReferences} {
		if hs := follow(c, n.ID, k, launchTypes...); len(hs) > 0 {
			return hs[0].node, hs[0].edge
		}
	}
	return nil, nil
}

// instanceHost describes an instance, launch template or launch configuration as a host of its own code.
func instanceHost(c *paths.Context, n *model.Node) host {
	h := host{node: n, meta: settingsOf(c, n), roles: profileRoles(c, n)}
	if n.Type != "aws_instance" {
		return h
	}
	lt, e := launchedBy(c, n)
	if lt == nil {
		return h
	}
	if block(n, "metadata_options") == nil {
		h.meta = settingsOf(c, lt) // the instance takes its launch template's settings
	}
	if len(h.roles) == 0 {
		for _, r := range profileRoles(c, lt) {
			r.via = append([]*model.Edge{e}, r.via...)
			h.roles = append(h.roles, r)
		}
	}
	return h
}

// groupHost describes an EKS node group or autoscaling group: its launch template's settings (EKS's generated
// template for a node group without one), and its role (a node group's node role, else the launch template's
// instance profile).
func groupHost(c *paths.Context, n *model.Node) (host, bool) {
	h := host{node: n}
	lt, ltEdge := launchedBy(c, n)
	switch {
	case lt != nil:
		h.meta = settingsOf(c, lt)
	case n.Type == "aws_eks_node_group":
		h.meta = eksDefault(n)
	default:
		return host{}, false // an autoscaling group without a launch template in the scan: nothing to read
	}
	for _, r := range follow(c, n.ID, model.EdgeUsesIdentity, "aws_iam_role") {
		h.roles = append(h.roles, credentials{role: r.node, via: []*model.Edge{r.edge}})
	}
	if len(h.roles) == 0 && lt != nil {
		for _, r := range profileRoles(c, lt) {
			r.via = append([]*model.Edge{ltEdge}, r.via...)
			h.roles = append(h.roles, r)
		}
	}
	return h, true
}

// hostOf describes any node a Host state or an instance's own code is about.
func hostOf(c *paths.Context, n *model.Node) (host, bool) {
	switch {
	case oneOf(n.Type, instanceTypes):
		return instanceHost(c, n), true
	case oneOf(n.Type, hostTypes):
		return groupHost(c, n)
	}
	return host{}, false
}

// podHosts returns the hosts a pod may run on (its runs-on edges), sorted as the graph sorts edges. Fargate
// profiles are left out: Fargate gives pods no instance metadata service.
func podHosts(c *paths.Context, pod string) []host {
	m := c.Cached("aws.pod-hosts", func() any { return newMemo[[]host]() }).(*memo[[]host])
	return m.get(pod, func() []host { return findPodHosts(c, pod) })
}

func findPodHosts(c *paths.Context, pod string) []host {
	var hs []host
	for _, e := range outOf(c, pod, model.EdgeRunsOn) {
		n := c.Node(e.To)
		if n == nil || n.Type == "aws_eks_fargate_profile" {
			continue
		}
		h, ok := hostOf(c, n)
		if !ok {
			continue
		}
		h.runsOn = e
		hs = append(hs, h)
	}
	return hs
}

// egress is what the link stage derived about a pod's egress: whether it reaches 169.254.169.254.
type egress struct {
	reachable bool
	known     bool
	reason    string
	evidence  model.Evidence
}

func egressOf(w *model.Node) egress {
	d, ok := w.Derived["egress"]
	if !ok {
		return egress{reachable: true}
	}
	m, _ := d.Value.(map[string]any)
	r, known := m["metadata_reachable"].(bool)
	if !known {
		return egress{reachable: true}
	}
	return egress{reachable: r, known: true, reason: str(m["reason"]),
		evidence: model.Evidence{File: d.Prov.File, Line: d.Prov.Line, What: str(m["reason"])}}
}

// hostNetwork reports whether a pod shares its node's network namespace.
func hostNetwork(w *model.Node) bool { b, _ := w.Attrs["host_network"].(bool); return b }

// isPod reports whether a workload is a Kubernetes pod spec the scheduler places on nodes.
func isPod(c *paths.Context, w *model.Node) bool {
	return w.Kind == model.KindWorkload && len(outOf(c, w.ID, model.EdgeRunsOn)) > 0
}

// podMetadataSteps makes the steps from a pod (forging requests or running code) to the roles of the hosts it
// runs on, for the caller kind given; the shared body of the two metadata rules.
func podMetadataSteps(c *paths.Context, w *model.Node, who caller, likelihood float64) []paths.Step {
	eg := egressOf(w)
	hostNet := hostNetwork(w)
	if !eg.reachable && !hostNet {
		return nil // a NetworkPolicy stops egress to 169.254.169.254
	}
	if hostNet && who == container {
		who = onHost
	}
	var steps []paths.Step
	for _, h := range podHosts(c, w.ID) {
		if !h.meta.allows(who) {
			continue
		}
		for _, cr := range h.roles {
			steps = append(steps, metadataStep(c, w, h, cr, who, eg, likelihood))
		}
	}
	return steps
}

func metadataStep(c *paths.Context, w *model.Node, h host, cr credentials, who caller, eg egress, likelihood float64) paths.Step {
	ev := []model.Evidence{h.meta.evidence}
	via := []*model.Edge{h.runsOn}
	if h.runsOn != nil {
		ev = append(ev, edgeEvidence(h.runsOn, "runs on "+h.node.ID)...)
	}
	for _, e := range cr.via {
		ev = append(ev, edgeEvidence(e, "role of "+h.node.ID)...)
	}
	via = append(via, cr.via...)
	var assumptions []string
	if h.runsOn != nil {
		assumptions = appendNew(assumptions, edgeAssumptions(h.runsOn)...)
	}
	assumptions = appendNew(assumptions, h.meta.assumptions...)
	path := "from " + name(c, w.ID)
	switch {
	case hostNetwork(w):
		path += " (on the host network, which NetworkPolicies do not isolate)"
	case eg.known:
		ev = append(ev, eg.evidence)
		path += " (" + eg.reason + ")"
	default:
		assumptions = appendNew(assumptions, fmt.Sprintf("nothing says whether %s reaches 169.254.169.254: assumed reachable", w.ID))
	}
	reason := fmt.Sprintf("the metadata service of %s answers %s: %s, and hands out the credentials of %s",
		name(c, h.node.ID), path, h.meta.why(who), name(c, cr.role.ID))
	return paths.Step{To: paths.State{Kind: paths.Creds, Node: cr.role.ID}, Reason: reason, Evidence: ev,
		Likelihood: lower(likelihood, 0.8, len(assumptions) > 0), Control: metadataControl(c, w, h),
		Assumptions: assumptions, Via: keys(via...)}
}

// metadataControl is the change that stops a pod's metadata step: IMDSv2 with hop limit 1 on the launch
// template that starts the host, or, when no launch template of the scan does (EKS's generated one), a
// NetworkPolicy on the workload.
func metadataControl(c *paths.Context, w *model.Node, h host) paths.Control {
	at := h.meta.at
	if at.Type == "aws_eks_node_group" {
		return paths.ControlAt("egress-metadata", w, fmt.Sprintf("deny %s egress to 169.254.169.254/32 with a NetworkPolicy (or give node group %s a launch template that requires IMDSv2 with hop limit 1)", name(c, w.ID), at.Name))
	}
	return imdsv2Control(c, at)
}

func imdsv2Control(c *paths.Context, at *model.Node) paths.Control {
	return paths.ControlAt("imdsv2", at, fmt.Sprintf(`require IMDSv2 on %s (metadata_options http_tokens = "required", http_put_response_hop_limit = 1); a NetworkPolicy denying pods egress to 169.254.169.254/32 also stops it`, name(c, at.ID)))
}
