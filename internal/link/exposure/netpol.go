package exposure

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// selector is a Kubernetes label selector; a nil *selector is an absent one.
type selector struct {
	labels map[string]string
	exprs  []selExpr
	text   string
}

type selExpr struct {
	key, op string
	values  []string
}

// policy is a NetworkPolicy in the shape the builder evaluates.
type policy struct {
	node    *model.Node
	ns      string
	types   []string
	ingress []npRule
	egress  []npRule
}

// npRule is one ingress or egress rule: peers (none: everywhere) and ports (none: every port).
type npRule struct {
	peers []npPeer
	ports []npPort
}

type npPeer struct {
	pods, namespaces *selector
	cidr             string
	except           []string
}

type npPort struct {
	proto string
	port  any // int, string (a port name) or nil (every port)
	end   int // end of a port range, 0 when none
}

// readPolicy reads a NetworkPolicy node as the Kubernetes extractor stores it.
func readPolicy(n *model.Node) *policy {
	p := &policy{node: n, ns: nsOf(n), types: stringsOf(n.Attrs["policy_types"])}
	for _, dir := range []string{"ingress", "egress"} {
		peerKey := "from"
		if dir == "egress" {
			peerKey = "to"
		}
		var rules []npRule
		for _, rv := range list(n.Attrs[dir]) {
			rm, ok := rv.(map[string]any)
			if !ok {
				continue
			}
			var rule npRule
			for _, pv := range list(rm[peerKey]) {
				if pm, ok := pv.(map[string]any); ok {
					rule.peers = append(rule.peers, readPeer(pm))
				}
			}
			for _, qv := range list(rm["ports"]) {
				if qm, ok := qv.(map[string]any); ok {
					q := npPort{proto: strings.ToUpper(strAttr(qm, "protocol")), port: qm["port"]}
					if q.proto == "" {
						q.proto = "TCP"
					}
					q.end, _ = toInt(qm["end_port"])
					rule.ports = append(rule.ports, q)
				}
			}
			rules = append(rules, rule)
		}
		if dir == "ingress" {
			p.ingress = rules
		} else {
			p.egress = rules
		}
	}
	return p
}

func readPeer(pm map[string]any) npPeer {
	peer := npPeer{pods: readSelector(pm["pod_selector"]), namespaces: readSelector(pm["namespace_selector"])}
	if ib, ok := pm["ip_block"].(map[string]any); ok {
		peer.cidr = strAttr(ib, "cidr")
		peer.except = stringsOf(ib["except"])
	}
	return peer
}

func readSelector(v any) *selector {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	s := &selector{labels: stringMap(m["match_labels"]), text: strAttr(m, "string")}
	for _, e := range list(m["match_expressions"]) {
		if em, ok := e.(map[string]any); ok {
			s.exprs = append(s.exprs, selExpr{key: strAttr(em, "key"), op: strAttr(em, "operator"), values: stringsOf(em["values"])})
		}
	}
	return s
}

func (p *policy) hasType(t string) bool {
	for _, x := range p.types {
		if x == t {
			return true
		}
	}
	return false
}

func (p *policy) control(what string) control {
	return control{id: p.node.ID, kind: "network-policy", what: what, ev: link.Evidence(p.node, "NetworkPolicy")}
}

// matches reports whether labels satisfy a selector (an empty selector matches everything).
func (s *selector) matches(labels map[string]string) bool {
	for k, v := range s.labels {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	for _, e := range s.exprs {
		v, has := labels[e.key]
		in := false
		for _, x := range e.values {
			in = in || (has && x == v)
		}
		switch e.op {
		case "In":
			if !in {
				return false
			}
		case "NotIn":
			if in {
				return false
			}
		case "Exists":
			if !has {
				return false
			}
		case "DoesNotExist":
			if has {
				return false
			}
		}
	}
	return true
}

// keys lists the label keys a selector reads.
func (s *selector) keys() []string {
	var out []string
	for k := range s.labels {
		out = append(out, k)
	}
	for _, e := range s.exprs {
		out = append(out, e.key)
	}
	return out
}

func (s *selector) String() string {
	if s.text == "" {
		return "{}"
	}
	return s.text
}

// source is where traffic to a pod comes from: another pod (namespace and labels known), an ingress
// controller (namespace inferred, labels unknown), or outside the cluster (a load balancer, the internet).
type source struct {
	external    bool
	ns          string // "" when not known
	labels      map[string]string
	labelsKnown bool
	label       string
}

// admits evaluates a policy's ingress rules for traffic from src to a pod port. Kubernetes admits the
// traffic when any rule of any policy selecting the pod matches both peer and port ("Network Policies",
// Kubernetes documentation).
func (k *kubeIndex) admits(p *policy, src source, port podPort) (bool, []string) {
	return k.rulesAdmit(p.ingress, p.ns, src, port)
}

// sends evaluates a policy's egress rules for traffic from its pods to dst (a pod, described as a source)
// on a pod port.
func (k *kubeIndex) sends(p *policy, dst source, port podPort) (bool, []string) {
	return k.rulesAdmit(p.egress, p.ns, dst, port)
}

// rulesAdmit reports whether any rule matches both the other end of the traffic and the port.
func (k *kubeIndex) rulesAdmit(rules []npRule, ns string, src source, port podPort) (bool, []string) {
	var assumed []string
	for _, rule := range rules {
		okPort, a := rule.portMatches(port)
		if !okPort {
			continue
		}
		if len(rule.peers) == 0 {
			return true, append(assumed, a...)
		}
		for _, peer := range rule.peers {
			if ok, b := k.peerMatches(ns, peer, src); ok {
				return true, append(append(assumed, a...), b...)
			}
		}
	}
	return false, nil
}

// egressToRanges reports whether a policy's egress rules let its pods send TCP traffic on port to
// addresses in prefixes (a data store's subnets; none when unknown).
func (p *policy) egressToRanges(prefixes []netip.Prefix, port int) (bool, []string) {
	for _, rule := range p.egress {
		if ok, _ := rule.portMatches(podPort{number: port, proto: "TCP"}); !ok {
			continue
		}
		if len(rule.peers) == 0 {
			return true, nil
		}
		for _, peer := range rule.peers {
			if peer.cidr == "" {
				continue
			}
			block, ok := parseCIDR(peer.cidr)
			switch {
			case !ok:
			case block.Bits() == 0:
				return true, nil
			case len(prefixes) == 0 && classify(peer.cidr) == classPrivate:
				return true, []string{fmt.Sprintf("the data store's addresses are not known; assumed inside ipBlock %s", peer.cidr)}
			default:
				for _, q := range prefixes {
					if block.Overlaps(q) {
						return true, nil
					}
				}
			}
		}
	}
	return false, nil
}

// portMatches reports whether a rule's ports cover a pod port; a port Seam could not resolve is assumed
// covered, and says so.
func (rule npRule) portMatches(port podPort) (bool, []string) {
	if len(rule.ports) == 0 {
		return true, nil
	}
	for _, q := range rule.ports {
		if q.proto != port.proto {
			continue
		}
		switch v := q.port.(type) {
		case nil:
			return true, nil
		case string:
			if port.name == v && v != "" {
				return true, nil
			}
			if port.name == "" && port.number < 0 {
				return true, []string{fmt.Sprintf("the pod port is unknown; assumed to be %s", v)}
			}
		default:
			n, ok := toInt(v)
			if !ok {
				continue
			}
			end := q.end
			if end < n {
				end = n
			}
			if port.number >= n && port.number <= end {
				return true, nil
			}
			if port.number < 0 {
				return true, []string{fmt.Sprintf("the pod port is unknown; assumed to be %d", n)}
			}
		}
	}
	return false, nil
}

// peerMatches reports whether a rule peer admits a source, for a policy in namespace ns.
func (k *kubeIndex) peerMatches(ns string, peer npPeer, src source) (bool, []string) {
	if peer.cidr != "" {
		return ipBlockMatches(peer, src)
	}
	if src.external {
		return false, nil // pod and namespace selectors select pods, never traffic from outside the cluster
	}
	var assumed []string
	switch {
	case peer.namespaces == nil && src.ns == "":
		assumed = append(assumed, fmt.Sprintf("the namespace of %s is not known; assumed to be %s", src.label, ns))
	case peer.namespaces == nil && src.ns != ns:
		return false, nil
	case peer.namespaces != nil:
		ok, a := k.nsMatches(peer.namespaces, src)
		if !ok {
			return false, nil
		}
		assumed = append(assumed, a...)
	}
	if peer.pods == nil || len(peer.pods.keys()) == 0 {
		return true, assumed
	}
	if !src.labelsKnown {
		return true, append(assumed, fmt.Sprintf("the pod labels of %s are not known; assumed to match %s", src.label, peer.pods))
	}
	return peer.pods.matches(src.labels), assumed
}

// nsMatches reports whether a namespace selector selects the source's namespace. A namespace the scan does
// not define is known only by its name label; a selector on other labels is assumed to select it.
func (k *kubeIndex) nsMatches(sel *selector, src source) (bool, []string) {
	if len(sel.keys()) == 0 {
		return true, nil
	}
	if src.ns == "" {
		return true, []string{fmt.Sprintf("the namespace of %s is not known; assumed to match %s", src.label, sel)}
	}
	if labels, ok := k.namespaces[src.ns]; ok {
		return sel.matches(labels), nil
	}
	for _, key := range sel.keys() {
		if key != nsNameLabel {
			return true, []string{fmt.Sprintf("namespace %s is not in the scanned files and its labels are unknown; assumed to match %s", src.ns, sel)}
		}
	}
	return sel.matches(map[string]string{nsNameLabel: src.ns}), nil
}

// ipBlockMatches judges an ipBlock peer: pods are addressed from the cluster's pod range, traffic from
// outside by the clients' or nodes' addresses.
func ipBlockMatches(peer npPeer, src source) (bool, []string) {
	class := classify(peer.cidr)
	switch {
	case class == classAny:
		return true, nil
	case src.external && class == classPublic:
		return true, []string{fmt.Sprintf("ipBlock %s admits part of the internet; assumed to include the clients", peer.cidr)}
	case class == classPrivate:
		return true, []string{fmt.Sprintf("ipBlock %s may hold the addresses %s arrives from (nodes or pods); assumed it does", peer.cidr, src.label)}
	}
	return false, nil
}

// metadataAddr is the EC2 instance metadata service address (also Azure's and GCP's).
var metadataAddr = netip.MustParseAddr("169.254.169.254")

// egressTo reports whether a policy's egress rules admit TCP traffic to an address on a port.
func (p *policy) egressTo(addr netip.Addr, port int) bool {
	for _, rule := range p.egress {
		if len(rule.ports) > 0 {
			okPort, _ := rule.portMatches(podPort{number: port, proto: "TCP"})
			if !okPort {
				continue
			}
		}
		if len(rule.peers) == 0 {
			return true
		}
		for _, peer := range rule.peers {
			if peer.cidr == "" {
				continue
			}
			if in, ok := containsAddr(peer.cidr, addr); !ok || !in {
				continue
			}
			excluded := false
			for _, ex := range peer.except {
				if in, _ := containsAddr(ex, addr); in {
					excluded = true
				}
			}
			if !excluded {
				return true
			}
		}
	}
	return false
}
