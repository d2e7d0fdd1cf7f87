package exposure

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// internalAnnotations are the Service annotations that ask a cloud for an internal load balancer, with the
// values that do (each cloud provider's Kubernetes load balancer documentation); "*" is any value but
// "false".
var internalAnnotations = []struct{ key, value string }{
	{"service.beta.kubernetes.io/aws-load-balancer-internal", "*"},
	{"service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"},
	{"networking.gke.io/load-balancer-type", "internal"},
	{"cloud.google.com/load-balancer-type", "internal"},
	{"service.beta.kubernetes.io/azure-load-balancer-internal", "true"},
	{"service.beta.kubernetes.io/oci-load-balancer-internal", "true"},
	{"service.beta.kubernetes.io/openstack-internal-load-balancer", "true"},
	{"service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private"},
	{"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", "intranet"},
}

// serviceInternal decides whether a LoadBalancer Service gets an internal load balancer: an internal
// annotation, or the AWS Load Balancer Controller (aws-load-balancer-type external or nlb-ip, or
// loadBalancerClass service.k8s.aws/nlb) without scheme internet-facing, since that controller's default
// scheme is internal.
func serviceInternal(s *model.Node) (bool, string, model.Evidence) {
	ann := stringMap(s.Attrs["annotations"])
	ev := link.Evidence(s, "annotations")
	for _, a := range internalAnnotations {
		v, ok := ann[a.key]
		if ok && ((a.value == "*" && !strings.EqualFold(v, "false")) || strings.EqualFold(v, a.value)) {
			return true, fmt.Sprintf("Service %s asks for an internal load balancer (%s: %s)", s.ID, a.key, v), ev
		}
	}
	t := ann["service.beta.kubernetes.io/aws-load-balancer-type"]
	class, _ := s.Attrs["load_balancer_class"].(string)
	if t == "external" || t == "nlb-ip" || class == "service.k8s.aws/nlb" {
		if !strings.EqualFold(ann["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internet-facing") {
			return true, fmt.Sprintf("Service %s is served by the AWS Load Balancer Controller without aws-load-balancer-scheme: internet-facing, and that controller's default scheme is internal", s.ID), ev
		}
	}
	return false, "", ev
}

// sourceRanges reads loadBalancerSourceRanges (or its annotation): the public ranges admitted, whether every
// address is, and whether the ranges hold no public address at all.
func sourceRanges(s *model.Node) (ranges []string, any, closed bool) {
	rs := stringsOf(s.Attrs["load_balancer_source_ranges"])
	if len(rs) == 0 {
		for _, x := range strings.Split(stringMap(s.Attrs["annotations"])["service.beta.kubernetes.io/load-balancer-source-ranges"], ",") {
			if x = strings.TrimSpace(x); x != "" {
				rs = append(rs, x)
			}
		}
	}
	if len(rs) == 0 {
		return nil, true, false
	}
	for _, x := range rs {
		switch classify(x) {
		case classAny:
			any = true
		case classPublic:
			ranges = append(ranges, x)
		}
	}
	return ranges, any, !any && len(ranges) == 0
}

// loadBalancerServices exposes LoadBalancer Services that are not internal and follows them to their pods.
func (r *run) loadBalancerServices() {
	for _, s := range r.kube.services {
		if strAttr(s.Attrs, "type") == "LoadBalancer" {
			r.loadBalancerService(s)
		}
	}
}

func (r *run) loadBalancerService(s *model.Node) {
	if internal, why, ev := serviceInternal(s); internal {
		r.refuseExposure(s, "service-scheme", why, ev)
		return
	}
	ranges, anyAddr, closed := sourceRanges(s)
	ev := link.Evidence(s, "Service of type LoadBalancer")
	if closed {
		r.refuseExposure(s, "source-ranges", fmt.Sprintf("Service %s admits only private ranges (loadBalancerSourceRanges %s)",
			s.ID, strings.Join(stringsOf(s.Attrs["load_balancer_source_ranges"]), ", ")), ev)
		return
	}
	if anyAddr {
		ranges = nil
	}
	var controls []control
	if len(ranges) > 0 {
		controls = append(controls, control{id: s.ID, kind: "source-ranges", what: "loadBalancerSourceRanges " + strings.Join(ranges, ", "), ev: ev})
	}
	protos := r.exposeService(s, ev, controls, ranges, nil, "load-balancer-service",
		fmt.Sprintf("Service %s of type LoadBalancer gets an internet-facing load balancer", s.ID))
	src := source{external: true, label: "the load balancer of " + s.ID}
	r.servicePods(s, src, route{entry: s.ID, protocol: protos, auth: authNone, ranges: ranges, controls: controls, ev: ev}, false)
}

// exposeService makes internet -exposes-> a Service over its ports (or node ports).
func (r *run) exposeService(s *model.Node, ev model.Evidence, controls []control, ranges, assumed []string, method, reason string) string {
	var ports []int
	var protos []string
	for _, p := range servicePorts(s) {
		n, _ := toInt(p["port"])
		if method == "node-port-service" {
			n, _ = toInt(p["node_port"])
		}
		if n > 0 {
			ports = append(ports, n)
		}
		protos = append(protos, strings.ToUpper(strAttr(p, "protocol")))
	}
	proto := strings.Join(sortedUnique(protos), ",")
	r.expose(exposure{node: s, ports: ports, protocol: proto, auth: authNone, controls: controls, ranges: ranges,
		assumptions: assumed, method: method, reason: reason, evidence: []model.Evidence{ev}})
	return proto
}

// servicePods follows a Service to its pods over each of its ports, through the pods' NetworkPolicies.
func (r *run) servicePods(s *model.Node, src source, base route, nodePort bool) {
	for _, w := range r.outOf(s.ID, model.EdgeRoutesTo) {
		if w.Kind != model.KindWorkload {
			continue
		}
		for _, p := range servicePorts(s) {
			if nodePort && p["node_port"] == nil && strAttr(s.Attrs, "type") != "NodePort" {
				continue
			}
			pp := resolvePodPort(w, p["target_port"], strings.ToUpper(strAttr(p, "protocol")))
			rt := base
			rt.hops = []string{model.InternetID, s.ID, w.ID}
			r.podRoute(w, src, pp, rt, fmt.Sprintf("Service %s sends port %s to %s", s.ID, describe(p["port"]), w.ID))
		}
	}
}

// nodePortServices exposes NodePort Services when the cluster's nodes are reachable from the internet: the
// nodes of the only EKS cluster in the scan, or an assumption when Terraform does not say.
func (r *run) nodePortServices() {
	for _, s := range r.kube.services {
		if strAttr(s.Attrs, "type") == "NodePort" {
			r.nodePortService(s)
		}
	}
}

func (r *run) nodePortService(s *model.Node) {
	ev := link.Evidence(s, "Service of type NodePort")
	groups, public, why, assumed, whyEv := r.nodesPublic()
	if !public {
		r.refuseExposure(s, "node-subnets", fmt.Sprintf("Service %s opens a port on every node, but %s", s.ID, why), append([]model.Evidence{ev}, whyEv...)...)
		return
	}
	var controls []control
	if len(groups) > 0 {
		var ports []int
		for _, p := range servicePorts(s) {
			if n, ok := toInt(p["node_port"]); ok {
				ports = append(ports, n)
			}
		}
		port := -1
		if len(ports) > 0 {
			port = ports[0]
		} else {
			assumed = append(assumed, fmt.Sprintf("the node port of %s is chosen by Kubernetes (30000-32767); assumed any", s.ID))
		}
		adm := r.sg.admit(groups, internetPeer, "tcp", port)
		if !adm.ok {
			r.refuseExposure(s, "security-group", fmt.Sprintf("Service %s opens port %s on every node, but the nodes' %s",
				s.ID, itoa(port), r.sg.refusal(groups, "tcp", []int{port})), append([]model.Evidence{ev}, ruleEvidence(adm.seen)...)...)
			return
		}
		controls = controlsOf(adm.rules)
		assumed = append(assumed, adm.assumptions...)
	}
	protos := r.exposeService(s, ev, controls, nil, assumed, "node-port-service",
		fmt.Sprintf("Service %s of type NodePort opens a port on every node, and the nodes are reachable from the internet", s.ID))
	src := source{external: true, label: "node port clients of " + s.ID}
	r.servicePods(s, src, route{entry: s.ID, protocol: protos, auth: authNone, controls: controls, assumptions: assumed, ev: ev}, true)
}

// nodesPublic decides whether the cluster's nodes take traffic from the internet: the node groups of the
// only EKS cluster in the scan, public when one of them runs in a subnet that routes to an internet gateway
// and assigns public addresses.
func (r *run) nodesPublic() (groups []groupRef, public bool, why string, assumed []string, ev []model.Evidence) {
	if len(r.kube.eks) != 1 {
		return nil, true, "", []string{"the scanned files do not say which nodes run the cluster (no single EKS cluster); the nodes are assumed reachable from the internet"}, nil
	}
	cluster := r.kube.eks[0]
	var ngs []*model.Node
	for _, n := range r.inOf(cluster.ID, model.EdgePartOf) {
		if n.Type == "aws_eks_node_group" {
			ngs = append(ngs, n)
		}
	}
	if len(ngs) == 0 {
		return nil, true, "", []string{fmt.Sprintf("%s has no node group in the scanned files; its nodes are assumed reachable from the internet", cluster.ID)}, nil
	}
	assumed = []string{fmt.Sprintf("the pods run on the node groups of %s, the only EKS cluster in the scanned files", cluster.ID)}
	var reasons []string
	for _, ng := range ngs {
		routed, rev, as, refusal := r.routedOut(ng)
		subs, unknown := r.subnetsOf(ng)
		mapPublic := unknown
		for _, s := range subs {
			mapPublic = mapPublic || s.mapPublic
		}
		if routed && mapPublic {
			return r.groupsOf(ng), true, "", append(assumed, as...), nil
		}
		ev = append(ev, link.Evidence(ng, "node group"), rev)
		if !routed {
			reasons = append(reasons, fmt.Sprintf("node group %s: %s", ng.ID, refusal))
		} else {
			reasons = append(reasons, fmt.Sprintf("node group %s: its subnets assign no public addresses", ng.ID))
		}
	}
	return nil, false, strings.Join(reasons, "; "), assumed, ev
}
