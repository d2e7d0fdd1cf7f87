package exposure

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
)

// peer is where traffic comes from, for a security group to judge: the internet, or members of groups with
// addresses in some prefixes (a workload, a load balancer).
type peer struct {
	internet bool
	refs     []groupRef // the peer's groups, for its egress rules
	groups   map[string]bool
	prefixes []netip.Prefix // the peer's addresses (its subnets); empty when not known
	label    string
}

// admission is what a set of security groups decides about some traffic.
type admission struct {
	ok          bool
	any         bool     // every internet address (internet peers only)
	ranges      []string // the public ranges admitted, when not every address is
	rules       []*sgRule
	assumptions []string
	// seen are the rules on the right port and direction that did not admit the peer, to explain a refusal.
	seen []*sgRule
}

// admit judges traffic from p of protocol proto to port (port < 0: some port) against the ingress rules of
// groups, as AWS does: a packet is admitted when any rule of any group admits it. A group whose rules are not
// in the scan is assumed to admit, and says so.
func (s *sgIndex) admit(groups []groupRef, p peer, proto string, port int) admission {
	var a admission
	for _, g := range groups {
		if strings.HasPrefix(g.key, defaultGroupPrefix) && !s.defined[g.key] {
			// A VPC's default security group admits all traffic from its own members (Amazon VPC User Guide,
			// "Default security groups for your VPCs").
			if p.groups[g.key] {
				a.ok = true
			}
			continue
		}
		if !s.defined[g.key] && len(s.rules[g.key]) == 0 {
			a.ok = true
			a.any = a.any || p.internet
			a.assumptions = append(a.assumptions, fmt.Sprintf("security group %s is not defined in the scanned files; assumed to admit %s on %s",
				g.label(), p.describe(), portPhrase(proto, port)))
			continue
		}
		for _, rule := range s.rules[g.key] {
			if !rule.ingress || !rule.matches(proto, port) {
				continue
			}
			if s.ruleAdmits(rule, p, &a) {
				a.ok = true
				a.rules = append(a.rules, rule)
				a.assumptions = append(a.assumptions, rule.assumed...)
			} else {
				a.seen = append(a.seen, rule)
			}
		}
	}
	a.ranges = sortedUnique(a.ranges)
	a.assumptions = sortedUnique(a.assumptions)
	return a
}

// egress judges traffic from members of groups to dst of protocol proto on port against the groups' egress
// rules. Terraform's aws_security_group removes the allow-all egress rule AWS adds to a new group (Terraform
// AWS provider, aws_security_group), so a group the scan defines allows only the egress its rules state; a
// VPC's default group allows all egress (AWS default); a group not in the scan is assumed to allow it.
func (s *sgIndex) egress(groups []groupRef, dst peer, proto string, port int) admission {
	var a admission
	for _, g := range groups {
		if strings.HasPrefix(g.key, defaultGroupPrefix) && !s.defined[g.key] {
			a.ok = true
			continue
		}
		if !s.defined[g.key] && len(s.rules[g.key]) == 0 {
			a.ok = true
			a.assumptions = append(a.assumptions, fmt.Sprintf("security group %s is not defined in the scanned files; assumed to allow egress to %s on %s",
				g.label(), dst.describe(), portPhrase(proto, port)))
			continue
		}
		for _, rule := range s.rules[g.key] {
			if rule.ingress || !rule.matches(proto, port) {
				continue
			}
			if s.ruleAdmits(rule, dst, &a) {
				a.ok = true
				a.rules = append(a.rules, rule)
				a.assumptions = append(a.assumptions, rule.assumed...)
			}
		}
	}
	a.assumptions = sortedUnique(a.assumptions)
	return a
}

// ruleAdmits reports whether one rule (on the right port) admits the peer, noting assumptions and ranges. For
// an egress rule the peer is the destination.
func (s *sgIndex) ruleAdmits(rule *sgRule, p peer, a *admission) bool {
	ok := false
	for _, c := range rule.cidrs {
		if !c.known {
			ok = true
			a.any = a.any || p.internet
			a.assumptions = append(a.assumptions, fmt.Sprintf("%s is unknown; assumed to admit %s", c.text, p.describe()))
			continue
		}
		if s.cidrAdmits(c.text, p, a) {
			ok = true
		}
	}
	for _, pl := range rule.prefixLists {
		ok = true
		a.any = a.any || p.internet
		a.assumptions = append(a.assumptions, fmt.Sprintf("prefix list %s: its ranges are not in the scanned files; assumed to admit %s", pl, p.describe()))
	}
	if p.internet {
		return ok
	}
	if rule.self && p.groups[rule.group] {
		ok = true
	}
	for _, g := range rule.groups {
		switch {
		case p.groups[g.key]:
			ok = true
		case g.unknown != "":
			ok = true
			a.assumptions = append(a.assumptions, fmt.Sprintf("%s is unknown; assumed to be a group of %s", g.unknown, p.describe()))
		}
	}
	return ok
}

// cidrAdmits judges one known CIDR against the peer.
func (s *sgIndex) cidrAdmits(cidr string, p peer, a *admission) bool {
	class := classify(cidr)
	if p.internet {
		switch class {
		case classAny:
			a.any = true
			return true
		case classPublic:
			a.ranges = append(a.ranges, cidr)
			return true
		}
		return false
	}
	if class == classAny {
		return true
	}
	pre, ok := parseCIDR(cidr)
	if !ok {
		return false
	}
	if len(p.prefixes) == 0 {
		if class == classPrivate {
			a.assumptions = append(a.assumptions, fmt.Sprintf("the addresses of %s are not known; assumed inside %s", p.describe(), cidr))
			return true
		}
		return false
	}
	for _, q := range p.prefixes {
		if overlaps(pre, q) {
			return true
		}
	}
	return false
}

func (p peer) describe() string {
	if p.internet {
		return "the internet"
	}
	return p.label
}

// portPhrase renders "tcp 443", "tcp (any port)".
func portPhrase(proto string, port int) string {
	if proto == "" {
		proto = "any protocol"
	}
	if port < 0 {
		return proto + " (any port)"
	}
	return proto + " " + strconv.Itoa(port)
}

// refusal explains why groups admit no internet traffic on the given ports: what the rules on those ports do
// admit, or that no rule covers them.
func (s *sgIndex) refusal(groups []groupRef, proto string, ports []int) string {
	if len(ports) == 0 {
		ports = []int{-1}
	}
	var labels, admitted []string
	for _, g := range groups {
		labels = append(labels, g.label())
		for _, rule := range s.rules[g.key] {
			if !rule.ingress {
				continue
			}
			for _, port := range ports {
				if rule.matches(proto, port) {
					admitted = append(admitted, rule.sourcesText())
					break
				}
			}
		}
	}
	sort.Strings(labels)
	what := "no ingress rule covers " + portsPhrase(proto, ports)
	if adm := sortedUnique(admitted); len(adm) > 0 {
		what = "on " + portsPhrase(proto, ports) + " it admits only " + strings.Join(adm, ", ")
	}
	return fmt.Sprintf("security group %s admits no internet address: %s", strings.Join(labels, ", "), what)
}

// sourcesText lists what a rule admits.
func (rule *sgRule) sourcesText() string {
	var srcs []string
	for _, c := range rule.cidrs {
		srcs = append(srcs, c.text)
	}
	for _, g := range rule.groups {
		srcs = append(srcs, "members of "+g.label())
	}
	if rule.self {
		srcs = append(srcs, "its own members")
	}
	if len(srcs) == 0 {
		return "nothing"
	}
	return strings.Join(srcs, ", ")
}

// portsPhrase renders "tcp 443, 8443".
func portsPhrase(proto string, ports []int) string {
	if proto == "" {
		proto = "any protocol"
	}
	if len(ports) == 0 {
		return proto + " (any port)"
	}
	var ps []string
	for _, p := range ports {
		if p < 0 {
			ps = append(ps, "any port")
		} else {
			ps = append(ps, strconv.Itoa(p))
		}
	}
	return proto + " " + strings.Join(ps, ", ")
}

// controlsOf renders the rules that admitted traffic as controls.
func controlsOf(rules []*sgRule) []control {
	out := make([]control, 0, len(rules))
	for _, rule := range rules {
		out = append(out, control{id: rule.node, kind: "security-group", what: rule.group + " " + rule.direction() + " " + rule.describe(), ev: rule.ev})
	}
	return out
}
