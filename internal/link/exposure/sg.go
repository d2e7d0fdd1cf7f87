package exposure

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// sgRule is one security group rule, inline or a resource of its own, in one shape.
type sgRule struct {
	group       string // key of the group the rule belongs to
	node        string // node ID of the resource that states the rule
	ingress     bool
	proto       string // "-1" (all), "tcp", "udp", "icmp", "icmpv6" or a protocol number
	from, to    int
	allPorts    bool
	cidrs       []cidrSource
	groups      []groupRef
	self        bool
	prefixLists []string
	ev          model.Evidence
	assumed     []string // what had to be assumed to read the rule itself (unknown ports or protocol)
}

// cidrSource is a CIDR a rule names: known text, or the expression of an unknown value.
type cidrSource struct {
	text  string
	known bool
}

// groupRef is a security group named by a resource: its key (the group's node ID when it is in the scan),
// the node, and the expression when the reference could not be resolved.
type groupRef struct {
	key     string
	node    *model.Node
	unknown string
}

// label names a group for people: its name and ID when it is in the scan.
func (g groupRef) label() string {
	if g.node != nil {
		if g.node.Name != "" && g.node.Name != g.node.ID && !strings.HasSuffix(g.key, clusterSGSuffix) {
			return g.node.Name + " (" + g.key + ")"
		}
		return g.key
	}
	if g.unknown != "" {
		return g.unknown
	}
	return g.key
}

// clusterSGSuffix marks the key of the security group EKS creates for a cluster.
const clusterSGSuffix = "#cluster-security-group"

// sgIndex holds every security group rule of the scan by group key, and which groups the scan defines.
type sgIndex struct {
	rules   map[string][]*sgRule
	defined map[string]bool
	byID    map[string]*model.Node // known group IDs (from plan or state) → node
}

// buildSGIndex reads every security group and rule.
func (r *run) buildSGIndex() *sgIndex {
	s := &sgIndex{rules: map[string][]*sgRule{}, defined: map[string]bool{}, byID: map[string]*model.Node{}}
	for _, n := range r.g.NodesOfKind(model.KindNetwork) {
		if n.Type == "aws_security_group" {
			if id := strAttr(n.Attrs, "id"); strings.HasPrefix(id, "sg-") {
				s.byID[id] = n
			}
		}
	}
	r.sg = s
	for _, n := range r.g.NodesOfKind(model.KindNetwork) {
		switch n.Type {
		case "aws_security_group":
			s.defined[n.ID] = true
			r.inlineRules(s, n, n.ID)
		case "aws_security_group_rule":
			r.ruleResource(s, n)
		case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
			r.vpcRuleResource(s, n)
		}
	}
	for _, n := range r.g.Nodes() {
		switch n.Type {
		case "aws_default_security_group":
			key := defaultGroupKey(r.vpcOfAttr(n))
			s.defined[key] = true
			r.inlineRules(s, n, key)
		case "aws_eks_cluster":
			// EKS creates a cluster security group that admits all traffic from its own members (Amazon EKS
			// User Guide, "View Amazon EKS security group requirements for clusters").
			key := n.ID + clusterSGSuffix
			s.defined[key] = true
			s.rules[key] = append(s.rules[key], &sgRule{group: key, node: n.ID, ingress: true, proto: "-1",
				allPorts: true, self: true, ev: link.Evidence(n, "cluster security group: all traffic from its members (EKS default)")},
				&sgRule{group: key, node: n.ID, proto: "-1", allPorts: true, cidrs: []cidrSource{{text: "0.0.0.0/0", known: true}},
					ev: link.Evidence(n, "cluster security group: all outbound traffic (EKS default)")})
		}
	}
	return s
}

// inlineRules reads the ingress and egress blocks of a security group.
func (r *run) inlineRules(s *sgIndex, n *model.Node, key string) {
	lines := r.blockLines(n)
	for _, dir := range []string{"ingress", "egress"} {
		for i, b := range blocks(n.Attrs, dir) {
			at := fmt.Sprintf("%s[%d]", dir, i)
			line := lines[at]
			if line == 0 {
				line = n.Prov.Line
			}
			rule := &sgRule{group: key, node: n.ID, ingress: dir == "ingress"}
			r.rulePorts(rule, b["protocol"], b["from_port"], b["to_port"])
			rule.cidrs = cidrSources(b["cidr_blocks"], b["ipv6_cidr_blocks"])
			rule.groups = r.groupRefs(n, b["security_groups"])
			rule.self, _, _ = boolOf(b["self"])
			rule.prefixLists = stringsOrExprs(b["prefix_list_ids"])
			rule.ev = model.Evidence{File: n.Prov.File, Line: line, What: fmt.Sprintf("%s %s", at, rule.describe())}
			s.rules[key] = append(s.rules[key], rule)
		}
	}
}

// ruleResource reads an aws_security_group_rule.
func (r *run) ruleResource(s *sgIndex, n *model.Node) {
	targets := r.groupRefs(n, n.Attrs["security_group_id"])
	if len(targets) == 0 {
		return
	}
	rule := &sgRule{node: n.ID, ingress: strAttr(n.Attrs, "type") != "egress"}
	r.rulePorts(rule, n.Attrs["protocol"], n.Attrs["from_port"], n.Attrs["to_port"])
	rule.cidrs = cidrSources(n.Attrs["cidr_blocks"], n.Attrs["ipv6_cidr_blocks"])
	rule.groups = r.groupRefs(n, n.Attrs["source_security_group_id"])
	rule.self, _, _ = boolOf(n.Attrs["self"])
	rule.prefixLists = stringsOrExprs(n.Attrs["prefix_list_ids"])
	rule.ev = link.Evidence(n, rule.direction()+" "+rule.describe())
	for _, t := range targets {
		rc := *rule
		rc.group = t.key
		s.rules[t.key] = append(s.rules[t.key], &rc)
	}
}

// vpcRuleResource reads an aws_vpc_security_group_ingress_rule or _egress_rule.
func (r *run) vpcRuleResource(s *sgIndex, n *model.Node) {
	targets := r.groupRefs(n, n.Attrs["security_group_id"])
	if len(targets) == 0 {
		return
	}
	rule := &sgRule{node: n.ID, ingress: n.Type == "aws_vpc_security_group_ingress_rule"}
	r.rulePorts(rule, n.Attrs["ip_protocol"], n.Attrs["from_port"], n.Attrs["to_port"])
	rule.cidrs = cidrSources(n.Attrs["cidr_ipv4"], n.Attrs["cidr_ipv6"])
	rule.groups = r.groupRefs(n, n.Attrs["referenced_security_group_id"])
	rule.prefixLists = stringsOrExprs(n.Attrs["prefix_list_id"])
	rule.ev = link.Evidence(n, rule.direction()+" "+rule.describe())
	for _, t := range targets {
		rc := *rule
		rc.group = t.key
		s.rules[t.key] = append(s.rules[t.key], &rc)
	}
}

// rulePorts reads a rule's protocol and port range. Protocol -1 (or "all") means every protocol and port
// (AWS EC2 API, IpPermission); an unknown protocol or port is assumed to cover everything.
func (r *run) rulePorts(rule *sgRule, proto, from, to any) {
	p, ok := str(proto)
	if !ok {
		p = "-1"
		if expr, unknown := model.IsUnknown(proto); unknown {
			rule.assumed = append(rule.assumed, expr+" (protocol) is unknown; assumed to be every protocol")
		}
	}
	rule.proto = normalProto(p)
	if rule.proto == "-1" {
		rule.allPorts = true
		return
	}
	f, okF := toInt(from)
	t, okT := toInt(to)
	switch {
	case okF && okT:
		rule.from, rule.to = f, t
	case okF && to == nil:
		rule.from, rule.to = f, f
	default:
		rule.allPorts = true
		if _, unknown := model.IsUnknown(from); unknown {
			rule.assumed = append(rule.assumed, describe(from)+" (port) is unknown; assumed to be every port")
		} else if _, unknown := model.IsUnknown(to); unknown {
			rule.assumed = append(rule.assumed, describe(to)+" (port) is unknown; assumed to be every port")
		}
	}
}

// normalProto gives a protocol one spelling: names for TCP, UDP and ICMP (whose IANA numbers are 6, 17, 1 and
// 58), "-1" for all.
func normalProto(p string) string {
	switch strings.ToLower(strings.TrimSpace(p)) {
	case "-1", "all", "":
		return "-1"
	case "tcp", "6":
		return "tcp"
	case "udp", "17":
		return "udp"
	case "icmp", "1":
		return "icmp"
	case "icmpv6", "58":
		return "icmpv6"
	}
	return strings.ToLower(p)
}

func (rule *sgRule) direction() string {
	if rule.ingress {
		return "ingress"
	}
	return "egress"
}

// describe renders a rule as "tcp 443 from 0.0.0.0/0".
func (rule *sgRule) describe() string {
	var b strings.Builder
	if rule.proto == "-1" {
		b.WriteString("all traffic")
	} else {
		b.WriteString(rule.proto + " " + rule.portText())
	}
	var srcs []string
	for _, c := range rule.cidrs {
		srcs = append(srcs, c.text)
	}
	for _, g := range rule.groups {
		srcs = append(srcs, g.label())
	}
	if rule.self {
		srcs = append(srcs, "itself")
	}
	srcs = append(srcs, rule.prefixLists...)
	if len(srcs) > 0 {
		if rule.ingress {
			b.WriteString(" from ")
		} else {
			b.WriteString(" to ")
		}
		b.WriteString(strings.Join(srcs, ", "))
	}
	return b.String()
}

func (rule *sgRule) portText() string {
	switch {
	case rule.allPorts:
		return "all ports"
	case rule.from == rule.to:
		return strconv.Itoa(rule.from)
	}
	return strconv.Itoa(rule.from) + "-" + strconv.Itoa(rule.to)
}

// matches reports whether a rule covers traffic of a protocol to a port; port < 0 means "some port" and
// proto "" "some protocol".
func (rule *sgRule) matches(proto string, port int) bool {
	if rule.proto != "-1" && proto != "" && rule.proto != proto {
		return false
	}
	return rule.allPorts || port < 0 || (port >= rule.from && port <= rule.to)
}

// cidrSources reads CIDR attributes: lists or single values, known or unknown.
func cidrSources(vs ...any) []cidrSource {
	var out []cidrSource
	for _, v := range vs {
		for _, x := range list(v) {
			switch y := x.(type) {
			case string:
				if y != "" {
					out = append(out, cidrSource{text: y, known: true})
				}
			default:
				if expr, ok := model.IsUnknown(y); ok {
					out = append(out, cidrSource{text: expr})
				}
			}
		}
	}
	return out
}

// stringsOrExprs returns a list attribute's strings, and the expressions of its unknown parts.
func stringsOrExprs(v any) []string {
	var out []string
	for _, x := range list(v) {
		if s, ok := x.(string); ok && s != "" {
			out = append(out, s)
		} else if expr, ok := model.IsUnknown(x); ok {
			out = append(out, expr)
		}
	}
	return out
}

// groupRefs resolves the security groups an attribute value names (IDs, references, lists of them).
func (r *run) groupRefs(from *model.Node, v any) []groupRef {
	var out []groupRef
	for _, x := range list(v) {
		if s, ok := x.(string); ok {
			if s == "" {
				continue
			}
			if n, ok := r.sg.byID[s]; ok {
				out = append(out, groupRef{key: n.ID, node: n})
			} else {
				out = append(out, groupRef{key: s})
			}
			continue
		}
		expr, ok := model.IsUnknown(x)
		if !ok {
			continue
		}
		out = append(out, r.resolveGroup(from, expr))
	}
	return out
}

// resolveGroup follows an unknown security group expression to the node it reads.
func (r *run) resolveGroup(from *model.Node, expr string) groupRef {
	for _, ref := range r.ix.ResolveRefs(from, expr) {
		n := ref.Node
		switch {
		case n.Type == "aws_security_group" || n.Type == "data.aws_security_group" || n.Type == "aws_default_security_group":
			if n.Type == "aws_default_security_group" {
				return groupRef{key: defaultGroupKey(r.vpcOfAttr(n)), node: n}
			}
			return groupRef{key: n.ID, node: n}
		case n.Type == "aws_eks_cluster" && strings.Contains(ref.Attr, "cluster_security_group_id"):
			return groupRef{key: n.ID + clusterSGSuffix, node: n}
		}
	}
	return groupRef{key: link.Token(expr), unknown: expr}
}

// blockLines finds the lines of a security group's inline blocks ("ingress[0]") from the edges and
// assumptions the Terraform extractor made for attributes inside them (an edge can be written on either of
// its ends, so only lines inside the group's own block count).
func (r *run) blockLines(n *model.Node) map[string]int {
	lines := map[string]int{}
	inside := func(line int) bool {
		return line >= n.Prov.Line && (n.Prov.EndLine == 0 || line <= n.Prov.EndLine)
	}
	note := func(attr string, line int) {
		if i := strings.Index(attr, "]"); i > 0 && inside(line) {
			if cur, ok := lines[attr[:i+1]]; !ok || line < cur {
				lines[attr[:i+1]] = line
			}
		}
	}
	for _, e := range r.g.Out(n.ID) {
		if a, ok := e.Attrs["attribute"].(string); ok && e.Prov.File == n.Prov.File {
			note(a, e.Prov.Line)
		}
	}
	for _, e := range r.g.In(n.ID) {
		if a, ok := e.Attrs["attribute"].(string); ok && e.Prov.File == n.Prov.File {
			note(a, e.Prov.Line)
		}
	}
	for _, a := range r.assumptionsOf(n.ID) {
		note(a.Attribute, a.Prov.Line)
	}
	return lines
}

// defaultGroupKey is the key of a VPC's default security group.
func defaultGroupKey(vpc string) string { return defaultGroupPrefix + vpc }

// defaultGroupPrefix starts the key of every VPC default security group.
const defaultGroupPrefix = "default-security-group:"
