package exposure

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// subnetFacts is what the scan says about one subnet: its addresses, whether instances get public addresses
// by default, and whether its route table sends traffic to an internet gateway.
type subnetFacts struct {
	node      *model.Node
	prefix    netip.Prefix
	hasPrefix bool
	mapPublic bool
	routed    bool           // a route to an internet gateway
	why       string         // why it is (or is not) routed
	ev        model.Evidence // the route, association or subnet that says so
	assumed   string         // set when the routing is assumed rather than read
}

// netIndex answers questions about subnets and VPCs, memoised.
type netIndex struct {
	r       *run
	subnets map[string]*subnetFacts
	assums  map[string][]model.Assumption
}

func newNetIndex(r *run) *netIndex {
	ni := &netIndex{r: r, subnets: map[string]*subnetFacts{}, assums: map[string][]model.Assumption{}}
	for _, a := range r.g.Assumptions() {
		ni.assums[a.Subject] = append(ni.assums[a.Subject], a)
	}
	return ni
}

// assumptionsOf returns the graph's assumptions about a node.
func (r *run) assumptionsOf(id string) []model.Assumption {
	if r.nets == nil {
		var out []model.Assumption
		for _, a := range r.g.Assumptions() {
			if a.Subject == id {
				out = append(out, a)
			}
		}
		return out
	}
	return r.nets.assums[id]
}

// subnetTypes are the node types that stand for subnets.
var subnetTypes = map[string]bool{"aws_subnet": true, "data.aws_subnet": true}

// subnetGroupTypes are the node types that group subnets for a data store.
var subnetGroupTypes = map[string]bool{"aws_db_subnet_group": true, "aws_elasticache_subnet_group": true,
	"aws_redshift_subnet_group": true, "aws_docdb_subnet_group": true, "aws_neptune_subnet_group": true}

// subnetAttrs are the attributes that name a resource's subnets.
var subnetAttrs = []string{"subnet_id", "subnets", "subnet_ids", "vpc_zone_identifier", "vpc_config.subnet_ids",
	"network_configuration.subnets", "db_subnet_group_name", "subnet_group_name"}

// subnetsOf returns the subnets a node runs in, and whether it names subnets the scan does not define.
func (r *run) subnetsOf(n *model.Node) (subs []*subnetFacts, unknown bool) {
	for _, m := range r.outOf(n.ID, model.EdgeMemberOf) {
		switch {
		case subnetTypes[m.Type]:
			subs = append(subs, r.nets.subnet(m))
		case subnetGroupTypes[m.Type]:
			for _, s := range r.outOf(m.ID, model.EdgeMemberOf) {
				if subnetTypes[s.Type] {
					subs = append(subs, r.nets.subnet(s))
				}
			}
		}
	}
	if len(subs) > 0 {
		return subs, false
	}
	for _, a := range subnetAttrs {
		if len(valuesAt(n.Attrs, a)) > 0 {
			return nil, true
		}
	}
	return nil, false
}

// subnet reads one subnet's facts.
func (ni *netIndex) subnet(n *model.Node) *subnetFacts {
	if s, ok := ni.subnets[n.ID]; ok {
		return s
	}
	s := &subnetFacts{node: n}
	ni.subnets[n.ID] = s
	if p, ok := parseCIDR(strAttr(n.Attrs, "cidr_block")); ok {
		s.prefix, s.hasPrefix = p, true
	}
	s.mapPublic, _, _ = boolOf(n.Attrs["map_public_ip_on_launch"])
	if n.Type == "data.aws_subnet" {
		s.routed = true
		s.assumed = fmt.Sprintf("subnet %s is looked up (a data source): its route table is not in the scanned files; assumed to route to an internet gateway", n.ID)
		s.why, s.ev = s.assumed, link.Evidence(n, "subnet looked up")
		return s
	}
	ni.routing(s)
	return s
}

// routing decides whether a subnet routes to an internet gateway: through its route table association, or the
// VPC's main route table when it has none (a subnet without an explicit association uses the main route table,
// which AWS creates with only the local route; Amazon VPC User Guide, "Route tables").
func (ni *netIndex) routing(s *subnetFacts) {
	r := ni.r
	var tables []*model.Node
	for _, assoc := range r.outOf(s.node.ID, model.EdgeRoutesTo) {
		if assoc.Type == "aws_route_table_association" {
			tables = append(tables, r.outOf(assoc.ID, model.EdgeRoutesTo)...)
		}
	}
	if len(tables) == 0 {
		tables = ni.mainTables(s.node)
	}
	if len(tables) == 0 {
		s.why = fmt.Sprintf("subnet %s has no route table association, and the VPC's main route table has only the local route (AWS default)", s.node.ID)
		s.ev = link.Evidence(s.node, "no route table association")
		return
	}
	for _, rt := range tables {
		if ok, why, ev := ni.tableRoutesOut(rt); ok {
			s.routed, s.why, s.ev = true, why, ev
			return
		}
	}
	s.why = fmt.Sprintf("route table %s of subnet %s has no route to an internet gateway", tables[0].ID, s.node.ID)
	s.ev = link.Evidence(tables[0], "no route to an internet gateway")
}

// mainTables returns the VPC main route tables the scan sets for a subnet's VPC.
func (ni *netIndex) mainTables(subnet *model.Node) []*model.Node {
	r := ni.r
	var out []*model.Node
	for _, vpc := range r.outOf(subnet.ID, model.EdgeMemberOf) {
		for _, assoc := range r.outOf(vpc.ID, model.EdgeRoutesTo) {
			if assoc.Type == "aws_main_route_table_association" {
				out = append(out, r.outOf(assoc.ID, model.EdgeRoutesTo)...)
			}
		}
		for _, n := range r.g.NodesOfKind(model.KindResource) {
			if n.Type != "aws_default_route_table" {
				continue
			}
			for _, ref := range r.ix.ResolveRefs(n, describe(n.Attrs["default_route_table_id"])) {
				if ref.Node.ID == vpc.ID {
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// tableRoutesOut reports whether a route table has a route to an internet gateway, and the evidence.
func (ni *netIndex) tableRoutesOut(rt *model.Node) (bool, string, model.Evidence) {
	r := ni.r
	for _, e := range r.g.Out(rt.ID) {
		if e.Kind != model.EdgeRoutesTo {
			continue
		}
		to := r.node(e.To)
		switch {
		case to == nil:
		case to.Type == "aws_internet_gateway":
			return true, fmt.Sprintf("route table %s routes to internet gateway %s", rt.ID, to.ID), link.EvidenceOfEdge(e, "route to "+to.ID)
		case to.Type == "aws_route":
			for _, e2 := range r.g.Out(to.ID) {
				if gw := r.node(e2.To); e2.Kind == model.EdgeRoutesTo && gw != nil && gw.Type == "aws_internet_gateway" {
					return true, fmt.Sprintf("route %s sends traffic to internet gateway %s", to.ID, gw.ID), link.EvidenceOfEdge(e2, "route to "+gw.ID)
				}
			}
			if strings.HasPrefix(strAttr(to.Attrs, "gateway_id"), "igw-") {
				return true, fmt.Sprintf("route %s sends traffic to internet gateway %s", to.ID, strAttr(to.Attrs, "gateway_id")), link.Evidence(to, "route to an internet gateway")
			}
		}
	}
	for _, b := range blocks(rt.Attrs, "route") {
		if gw := strAttr(b, "gateway_id"); strings.HasPrefix(gw, "igw-") {
			return true, fmt.Sprintf("route table %s routes to internet gateway %s", rt.ID, gw), link.Evidence(rt, "route to "+gw)
		}
	}
	return false, "", model.Evidence{}
}

// vpcOfAttr returns the VPC a node's vpc_id names: its node ID, the literal ID, or "unknown".
func (r *run) vpcOfAttr(n *model.Node) string {
	v := n.Attrs["vpc_id"]
	if s, ok := v.(string); ok && s != "" {
		return s
	}
	if expr, ok := model.IsUnknown(v); ok {
		for _, ref := range r.ix.ResolveRefs(n, expr) {
			return ref.Node.ID
		}
		return expr
	}
	for _, m := range r.outOf(n.ID, model.EdgeMemberOf) {
		if m.Type == "aws_vpc" {
			return m.ID
		}
	}
	return "unknown"
}

// vpcOfSubnets returns the VPC of a workload's first subnet, "unknown" when the scan does not say.
func (r *run) vpcOfSubnets(subs []*subnetFacts) string {
	for _, s := range subs {
		return r.vpcOfAttr(s.node)
	}
	return "unknown"
}

// valuesAt returns the values at a dotted attribute path, descending through nested blocks.
func valuesAt(attrs map[string]any, path string) []any {
	head, rest, nested := strings.Cut(path, ".")
	v, ok := attrs[head]
	if !ok || v == nil {
		return nil
	}
	if !nested {
		return list(v)
	}
	var out []any
	for _, b := range blocks(attrs, head) {
		out = append(out, valuesAt(b, rest)...)
	}
	return out
}
