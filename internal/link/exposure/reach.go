package exposure

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// publicProbe is an address of the public internet (TEST-NET-free, routed: 1.1.1.1) used to ask whether an
// egress policy lets traffic out to the internet.
var publicProbe = netip.MustParseAddr("1.1.1.1")

// reachSource is a workload as the source of traffic to data stores: its groups and addresses.
type reachSource struct {
	node    *model.Node
	groups  []groupRef
	peer    peer
	vpc     string
	assumed []string
	via     *model.Node // the node group Kubernetes pods run on
}

// dataStoreReach makes workload -network-reach-> data store where the store's security groups admit the
// workload on the store's port: EC2 instances, launch templates, Lambda functions in a VPC, ECS services, and
// Kubernetes workloads through their nodes' groups.
func (r *run) dataStoreReach() {
	sources := r.reachSources()
	if len(sources) == 0 {
		return
	}
	for _, d := range r.g.NodesOfKind(model.KindDataStore) {
		if _, ok := sgAttrs[d.Type]; !ok {
			continue
		}
		if err := r.ctx.Err(); err != nil {
			return
		}
		groups := r.groupsOf(d)
		if len(groups) == 0 {
			continue
		}
		port := storePort(d)
		dst := r.peerOf(d, groups)
		dvpc := r.vpcOfSubnets(func() []*subnetFacts { s, _ := r.subnetsOf(d); return s }())
		for _, s := range sources {
			if s.vpc != "unknown" && dvpc != "unknown" && s.vpc != dvpc {
				continue
			}
			adm := r.sg.admit(groups, s.peer, "tcp", port)
			if !adm.ok {
				continue
			}
			eg := r.sg.egress(s.groups, dst, "tcp", port)
			if !eg.ok {
				r.refuseEgress(s, d, port, adm)
				continue
			}
			if ok, controls, a := r.podEgressTo(s, d, dst, port); ok {
				eg.assumptions = append(eg.assumptions, a...)
				r.reachStore(s, d, port, adm, eg, controls)
			}
		}
	}
}

// podEgressTo checks the egress NetworkPolicies of a Kubernetes workload for traffic to a data store: with
// none, or on the host network, the traffic leaves; otherwise one must admit the store's addresses and port.
func (r *run) podEgressTo(s reachSource, d *model.Node, dst peer, port int) (bool, []control, []string) {
	pols := r.kube.egressPol[s.node.ID]
	if hostNet, _, _ := boolOf(s.node.Attrs["host_network"]); !isKube(s.node) || hostNet || len(pols) == 0 {
		return true, nil, nil
	}
	for _, p := range pols {
		if ok, a := p.egressToRanges(dst.prefixes, port); ok {
			return true, []control{p.control(fmt.Sprintf("lets its pods send to %s on %s", d.ID, portPhrase("tcp", port)))}, a
		}
	}
	r.out.refuse(s.node.ID, model.EdgeNetworkReach, d.ID, link.Link{Method: "network-policy",
		Reason:   fmt.Sprintf("the security groups of %s admit the nodes of %s, but %s: none lets its pods send to it on %s", d.ID, s.node.ID, policyNames(pols), portPhrase("tcp", port)),
		Evidence: policyEvidence(pols)})
	return false, nil, nil
}

// reachStore makes one workload → data store edge: in are the store's ingress rules that admit the workload,
// eg the workload's egress rules that let the traffic out.
func (r *run) reachStore(s reachSource, d *model.Node, port int, in, eg admission, extra []control) {
	assumed := sortedUnique(append(append(append([]string(nil), s.assumed...), in.assumptions...), eg.assumptions...))
	conf := link.High
	if len(assumed) > 0 {
		conf = link.Medium
	}
	ev := append(ruleEvidence(in.rules), link.Evidence(d, "security groups of the data store"))
	ev = append(ev, ruleEvidence(eg.rules)...)
	controls := append(append(controlsOf(in.rules), controlsOf(eg.rules)...), extra...)
	attrs := map[string]any{"controls": controlsAttr(controls), "via": "security-group"}
	if port >= 0 {
		attrs["ports"] = anyInts([]int{port})
	}
	if s.via != nil {
		attrs["nodes"] = s.via.ID
	}
	r.out.edge(s.node.ID, model.EdgeNetworkReach, d.ID, link.Link{Method: "security-group", Confidence: conf,
		Reason: fmt.Sprintf("the security groups of %s admit %s on %s (%s), and its own groups let the traffic out (%s)",
			d.ID, s.peer.describe(), portPhrase("tcp", port), rulesText(in.rules), rulesText(eg.rules)),
		Evidence: ev, Assumptions: assumed, Attrs: attrs})
	for _, a := range s.assumed {
		r.out.assume(s.node.ID, "network-reach", a, "assumed when deciding what the workload reaches", link.Evidence(s.node, "workload"))
	}
	for _, a := range append(append([]string(nil), in.assumptions...), eg.assumptions...) {
		r.out.assume(d.ID, "network-reach", a, "the traffic is assumed admitted", ev[0])
	}
}

// rulesText lists rules for a reason sentence.
func rulesText(rules []*sgRule) string {
	if len(rules) == 0 {
		return "assumed, see assumptions"
	}
	var parts []string
	for _, rule := range rules {
		parts = append(parts, rule.group+" "+rule.direction()+" "+rule.describe())
	}
	return strings.Join(sortedUnique(parts), "; ")
}

// refuseEgress reports a workload a data store admits whose own groups allow no egress to it.
func (r *run) refuseEgress(s reachSource, d *model.Node, port int, adm admission) {
	ev := append(ruleEvidence(adm.rules), groupEvidence(s.groups, "security group of "+s.node.ID)...)
	r.out.refuse(s.node.ID, model.EdgeNetworkReach, d.ID, link.Link{Method: "security-group",
		Reason: fmt.Sprintf("the security groups of %s admit %s on %s, but its own groups (%s) allow no egress to it (Terraform removes the default allow-all egress rule)",
			d.ID, s.peer.describe(), portPhrase("tcp", port), groupsLabel(s.groups)),
		Evidence: ev})
}

// reachSources lists the workloads whose security groups the scan knows, as sources of traffic.
func (r *run) reachSources() []reachSource {
	var out []reachSource
	for _, n := range r.g.NodesOfKind(model.KindWorkload) {
		switch n.Type {
		case "aws_instance", "aws_launch_template", "aws_launch_configuration", "aws_ecs_service":
		case "aws_lambda_function":
			if len(valuesAt(n.Attrs, "vpc_config")) == 0 {
				continue // outside a VPC: it reaches only public endpoints
			}
		default:
			continue
		}
		groups := r.groupsOf(n)
		if len(groups) == 0 {
			continue
		}
		subs, _ := r.subnetsOf(n)
		if n.Type == "aws_launch_template" || n.Type == "aws_launch_configuration" {
			subs = r.launchSubnets(n)
		}
		out = append(out, reachSource{node: n, groups: groups, peer: r.peerOf(n, groups), vpc: r.vpcOfSubnets(subs)})
	}
	return append(out, r.podSources()...)
}

// launchSubnets returns the subnets of the groups that launch instances from a template.
func (r *run) launchSubnets(lt *model.Node) []*subnetFacts {
	var subs []*subnetFacts
	for _, h := range r.inOf(lt.ID, model.EdgeRuns) {
		s, _ := r.subnetsOf(h)
		subs = append(subs, s...)
	}
	return subs
}

// podSources gives each Kubernetes workload the groups and subnets of the nodes it runs on: the runs-on edges
// when the graph has them, else the node groups of the only EKS cluster in the scan (an assumption).
func (r *run) podSources() []reachSource {
	var ngs []*model.Node
	var assumed []string
	if len(r.kube.eks) == 1 {
		for _, n := range r.inOf(r.kube.eks[0].ID, model.EdgePartOf) {
			if n.Type == "aws_eks_node_group" {
				ngs = append(ngs, n)
			}
		}
		assumed = []string{fmt.Sprintf("the pods run on the node groups of %s, the only EKS cluster in the scanned files", r.kube.eks[0].ID)}
	}
	var out []reachSource
	for _, w := range r.kube.workloads {
		hosts := r.outOf(w.ID, model.EdgeRunsOn)
		as := []string(nil)
		if len(hosts) == 0 {
			hosts, as = ngs, assumed
		}
		sort.Slice(hosts, func(i, j int) bool { return hosts[i].ID < hosts[j].ID })
		for _, h := range hosts {
			groups := r.groupsOf(h)
			if len(groups) == 0 {
				continue
			}
			subs, _ := r.subnetsOf(h)
			p := peer{groups: map[string]bool{}, refs: groups, label: "pods of " + w.ID + " on " + h.ID, prefixes: prefixesOf(subs)}
			for _, g := range groups {
				p.groups[g.key] = true
			}
			out = append(out, reachSource{node: w, groups: groups, peer: p, vpc: r.vpcOfSubnets(subs), assumed: as, via: h})
		}
	}
	return out
}
