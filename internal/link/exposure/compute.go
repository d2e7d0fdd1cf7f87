package exposure

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// publicInstances exposes EC2 instances that have a public address, sit in a subnet routed to an internet
// gateway, and whose security groups admit the internet on some port.
func (r *run) publicInstances() {
	for _, n := range r.ofTypes(model.KindWorkload, "aws_instance") {
		r.publicInstance(n)
	}
}

func (r *run) publicInstance(n *model.Node) {
	pub, why, ev, assumed := r.publicAddress(n)
	if !pub {
		return
	}
	routed, routeEv, routeAssumed, refusal := r.routedOut(n)
	if !routed {
		r.refuseExposure(n, "route-table", fmt.Sprintf("%s has a public address (%s), but %s", n.ID, why, refusal), ev, routeEv)
		return
	}
	assumed = append(assumed, routeAssumed...)
	groups := r.groupsOf(n)
	adm := r.sg.admit(groups, internetPeer, "", -1)
	if !adm.ok {
		reason := r.sg.refusal(groups, "", nil)
		if len(r.statedGroups(n)) == 0 {
			reason = defaultGroupNote(n)
		}
		r.refuseExposure(n, "security-group", fmt.Sprintf("%s has a public address, but %s", n.ID, reason),
			append([]model.Evidence{ev}, append(groupEvidence(groups, "security group of "+n.ID), ruleEvidence(adm.seen)...)...)...)
		return
	}
	r.exposeDirect(n, "public-instance", fmt.Sprintf("%s has a public address (%s) in a subnet routed to an internet gateway, and its security groups admit the internet", n.ID, why),
		adm, append(assumed, adm.assumptions...), []model.Evidence{ev, routeEv})
}

// publicGroups exposes autoscaling groups whose instances get public addresses in subnets routed to an
// internet gateway, with security groups that admit the internet; the route leads to the launch template the
// instances start from.
func (r *run) publicGroups() {
	for _, asg := range r.ofTypes(model.KindHost, "aws_autoscaling_group") {
		for _, lt := range r.outOf(asg.ID, model.EdgeRuns) {
			if lt.Kind == model.KindWorkload {
				r.publicGroup(asg, lt)
			}
		}
	}
}

func (r *run) publicGroup(asg, lt *model.Node) {
	pub, why, ev, assumed := r.launchPublicAddress(asg, lt)
	if !pub {
		return
	}
	routed, routeEv, routeAssumed, refusal := r.routedOut(asg)
	if !routed {
		r.refuseExposure(asg, "route-table", fmt.Sprintf("the instances of %s get public addresses (%s), but %s", asg.ID, why, refusal), ev, routeEv)
		return
	}
	groups := r.groupsOf(lt)
	adm := r.sg.admit(groups, internetPeer, "", -1)
	if !adm.ok {
		r.refuseExposure(asg, "security-group", fmt.Sprintf("the instances of %s get public addresses, but %s", asg.ID, r.sg.refusal(groups, "", nil)),
			append([]model.Evidence{ev}, append(groupEvidence(groups, "security group of "+lt.ID), ruleEvidence(adm.seen)...)...)...)
		return
	}
	assumed = append(append(assumed, routeAssumed...), adm.assumptions...)
	ports, ranges, protos := admittedPorts(adm.rules)
	srcRanges := adm.ranges
	if adm.any {
		srcRanges = nil
	}
	controls := controlsOf(adm.rules)
	evs := append([]model.Evidence{ev, routeEv}, ruleEvidence(adm.rules)...)
	r.expose(exposure{node: asg, ports: ports, protocol: protos, auth: authNone, controls: controls, ranges: srcRanges,
		assumptions: assumed, method: "public-instance", evidence: evs, extra: map[string]any{"port_ranges": anyStrings(ranges)},
		reason: fmt.Sprintf("the instances of %s get public addresses (%s) in subnets routed to an internet gateway, and the security groups of %s admit the internet", asg.ID, why, lt.ID)})
	r.reachWorkload(lt, route{entry: asg.ID, hops: []string{model.InternetID, asg.ID, lt.ID}, ports: ports, protocol: protos,
		auth: authNone, ranges: srcRanges, controls: controls, assumptions: assumed, ev: evs[0]})
}

// launchPublicAddress decides whether instances an autoscaling group launches from a template get public
// addresses: the template's network interface says so, or else the group's subnets do.
func (r *run) launchPublicAddress(asg, lt *model.Node) (bool, string, model.Evidence, []string) {
	for _, ni := range blocks(lt.Attrs, "network_interfaces") {
		v, set, unknown := boolOf(ni["associate_public_ip_address"])
		switch {
		case unknown != "":
			return true, "associate_public_ip_address", link.Evidence(lt, "network_interfaces"),
				[]string{fmt.Sprintf("associate_public_ip_address of %s is unknown (%s); assumed true", lt.ID, unknown)}
		case set:
			return v, "associate_public_ip_address = true", link.Evidence(lt, "network_interfaces associate_public_ip_address = true"), nil
		}
	}
	if v, set, _ := boolOf(lt.Attrs["associate_public_ip_address"]); set { // aws_launch_configuration
		return v, "associate_public_ip_address = true", link.Evidence(lt, "associate_public_ip_address = true"), nil
	}
	subs, unknown := r.subnetsOf(asg)
	if unknown {
		return true, "its subnets may assign them", link.Evidence(asg, "vpc_zone_identifier"),
			[]string{fmt.Sprintf("the subnets of %s are not in the scanned files; assumed to assign public addresses", asg.ID)}
	}
	for _, s := range subs {
		if s.mapPublic {
			return true, "subnet " + s.node.ID + " sets map_public_ip_on_launch", link.Evidence(s.node, "map_public_ip_on_launch = true"), nil
		}
	}
	return false, "", model.Evidence{}, nil
}

// exposeDirect exposes a node the internet reaches with no hop between (an instance, a database) and records
// the route to it.
func (r *run) exposeDirect(n *model.Node, method, reason string, adm admission, assumed []string, ev []model.Evidence) {
	ports, ranges, protos := admittedPorts(adm.rules)
	srcRanges := adm.ranges
	if adm.any {
		srcRanges = nil
	}
	controls := controlsOf(adm.rules)
	ev = append(ev, ruleEvidence(adm.rules)...)
	r.expose(exposure{node: n, ports: ports, protocol: protos, auth: authNone, controls: controls, ranges: srcRanges,
		assumptions: assumed, method: method, reason: reason, evidence: ev,
		extra: map[string]any{"port_ranges": anyStrings(ranges)}})
	r.reachWorkload(n, route{entry: n.ID, hops: []string{model.InternetID, n.ID}, ports: ports, protocol: protos,
		auth: authNone, ranges: srcRanges, controls: controls, assumptions: assumed, ev: ev[0]})
}

// admittedPorts summarises the rules that admit traffic: single ports, every range as text, the protocols.
func admittedPorts(rules []*sgRule) (ports []int, ranges []string, protos string) {
	var ps []string
	for _, rule := range rules {
		if !rule.allPorts && rule.from == rule.to {
			ports = append(ports, rule.from)
		}
		ranges = append(ranges, rule.proto+" "+rule.portText())
		ps = append(ps, rule.proto)
	}
	ps = sortedUnique(ps)
	for _, p := range ps {
		if p == "-1" {
			ps = []string{"ALL"}
			break
		}
	}
	return sortedInts(ports), sortedUnique(ranges), strings.ToUpper(strings.Join(ps, ","))
}

// publicAddress decides whether an instance has a public IPv4 address: an Elastic IP, an explicit
// associate_public_ip_address, or its subnet's map_public_ip_on_launch (EC2 User Guide, "Public IPv4
// addresses"). An instance without a subnet runs in a default subnet, which assigns public addresses.
func (r *run) publicAddress(n *model.Node) (pub bool, why string, ev model.Evidence, assumed []string) {
	for _, e := range r.g.In(n.ID) {
		if eip := r.node(e.From); e.Kind == model.EdgeExposes && eip != nil && strings.HasPrefix(eip.Type, "aws_eip") {
			return true, "Elastic IP " + eip.ID, link.EvidenceOfEdge(e, "Elastic IP"), nil
		}
	}
	v, set, unknown := boolOf(n.Attrs["associate_public_ip_address"])
	switch {
	case unknown != "":
		return true, "associate_public_ip_address", link.Evidence(n, "associate_public_ip_address"),
			[]string{fmt.Sprintf("associate_public_ip_address of %s is unknown (%s); assumed true", n.ID, unknown)}
	case set:
		return v, "associate_public_ip_address = true", link.Evidence(n, "associate_public_ip_address = true"), nil
	}
	subs, unknownSubnet := r.subnetsOf(n)
	switch {
	case unknownSubnet:
		return true, "its subnet may assign one", link.Evidence(n, "subnet_id"),
			[]string{fmt.Sprintf("the subnet of %s is not in the scanned files; assumed to assign public addresses", n.ID)}
	case len(subs) == 0:
		return true, "launched in a default subnet", link.Evidence(n, "no subnet_id"),
			[]string{fmt.Sprintf("%s names no subnet: it runs in a default subnet, which assigns public addresses", n.ID)}
	}
	for _, s := range subs {
		if s.mapPublic {
			return true, "subnet " + s.node.ID + " sets map_public_ip_on_launch", link.Evidence(s.node, "map_public_ip_on_launch = true"), nil
		}
	}
	return false, "", model.Evidence{}, nil
}

// routedOut decides whether a node's subnets route to an internet gateway: the evidence, assumptions, or
// the reason they do not.
func (r *run) routedOut(n *model.Node) (ok bool, ev model.Evidence, assumed []string, refusal string) {
	subs, unknown := r.subnetsOf(n)
	switch {
	case unknown:
		return true, link.Evidence(n, "subnet not in the scan"),
			[]string{fmt.Sprintf("the subnets of %s are not in the scanned files; assumed to route to an internet gateway", n.ID)}, ""
	case len(subs) == 0:
		return true, link.Evidence(n, "default subnet"),
			[]string{fmt.Sprintf("%s names no subnet: it runs in a default subnet, which routes to the VPC's internet gateway", n.ID)}, ""
	}
	for _, s := range subs {
		if s.routed {
			var as []string
			if s.assumed != "" {
				as = append(as, s.assumed)
			}
			return true, s.ev, as, ""
		}
	}
	return false, subs[0].ev, nil, subs[0].why
}

// storePorts gives the default port of each database engine (each engine's AWS documentation, "default
// port"): used when a data store sets no port of its own.
var storePorts = map[string]int{
	"postgres": 5432, "aurora-postgresql": 5432, "mysql": 3306, "mariadb": 3306, "aurora": 3306, "aurora-mysql": 3306,
	"oracle": 1521, "sqlserver": 1433, "db2": 50000, "redis": 6379, "valkey": 6379, "memcached": 11211,
	"docdb": 27017, "neptune": 8182,
}

// typePorts gives the default port of data store types whose engine does not say.
var typePorts = map[string]int{"aws_redshift_cluster": 5439, "aws_docdb_cluster": 27017, "aws_neptune_cluster": 8182,
	"aws_opensearch_domain": 443, "aws_elasticsearch_domain": 443, "aws_memorydb_cluster": 6379, "aws_efs_mount_target": 2049,
	"aws_msk_cluster": 9098, "aws_mq_broker": 5671}

// storePort returns the port a data store listens on, -1 when unknown.
func storePort(n *model.Node) int {
	if p, ok := toInt(n.Attrs["port"]); ok {
		return p
	}
	eng := strings.ToLower(strAttr(n.Attrs, "engine"))
	for prefix, p := range storePorts {
		if eng == prefix || strings.HasPrefix(eng, prefix+"-") {
			return p
		}
	}
	if p, ok := typePorts[n.Type]; ok {
		return p
	}
	return -1
}

// publicDatabases exposes databases that are publicly accessible, in subnets routed to an internet gateway,
// whose security groups admit the internet on their port.
func (r *run) publicDatabases() {
	for _, n := range r.ofTypes(model.KindDataStore, "aws_db_instance", "aws_rds_cluster_instance", "aws_redshift_cluster") {
		r.publicDatabase(n)
	}
}

func (r *run) publicDatabase(n *model.Node) {
	pub, _, unknown := boolOf(n.Attrs["publicly_accessible"])
	var assumed []string
	switch {
	case unknown != "":
		assumed = append(assumed, fmt.Sprintf("publicly_accessible of %s is unknown (%s); assumed true", n.ID, unknown))
	case !pub:
		return
	}
	ev := link.Evidence(n, "publicly_accessible = true")
	routed, routeEv, routeAssumed, refusal := r.routedOut(n)
	if !routed {
		r.refuseExposure(n, "route-table", fmt.Sprintf("%s is publicly accessible, but %s", n.ID, refusal), ev, routeEv)
		return
	}
	assumed = append(assumed, routeAssumed...)
	target := n
	if n.Type == "aws_rds_cluster_instance" {
		for _, c := range r.outOf(n.ID, model.EdgePartOf) {
			target = c
		}
	}
	groups := r.groupsOf(target)
	port := storePort(n)
	adm := r.sg.admit(groups, internetPeer, "tcp", port)
	if !adm.ok {
		r.refuseExposure(n, "security-group", fmt.Sprintf("%s is publicly accessible, but %s", n.ID, r.sg.refusal(groups, "tcp", []int{port})),
			append([]model.Evidence{ev}, append(groupEvidence(groups, "security group of "+n.ID), ruleEvidence(adm.seen)...)...)...)
		return
	}
	r.exposeDirect(n, "public-database", fmt.Sprintf("%s is publicly accessible in a subnet routed to an internet gateway, and its security groups admit the internet on %s",
		n.ID, portPhrase("tcp", port)), adm, append(assumed, adm.assumptions...), []model.Evidence{ev, routeEv})
}
