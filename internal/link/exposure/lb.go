package exposure

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// listener is a load balancer listener (or a rule of one) on the way to target groups.
type listener struct {
	node     *model.Node
	port     int // -1 when unknown
	proto    string
	auth     string
	hops     []*model.Node // listener, then the rule when the route goes through one
	paths    []string
	hosts    []string
	assumed  []string
	security string // "tcp" or "udp", for security groups
}

var (
	listenerTypes    = map[string]bool{"aws_lb_listener": true, "aws_alb_listener": true}
	ruleTypes        = map[string]bool{"aws_lb_listener_rule": true, "aws_alb_listener_rule": true}
	targetGroupTypes = map[string]bool{"aws_lb_target_group": true, "aws_alb_target_group": true}
	attachmentTypes  = map[string]bool{"aws_lb_target_group_attachment": true, "aws_alb_target_group_attachment": true,
		"aws_autoscaling_attachment": true}
)

// loadBalancers exposes internet-facing application and network load balancers whose security groups admit
// the internet on a listener port, and follows their listeners to the workloads behind them.
func (r *run) loadBalancers() {
	for _, lb := range r.ofTypes(model.KindExposure, "aws_lb", "aws_alb") {
		r.loadBalancer(lb)
	}
}

func (r *run) loadBalancer(lb *model.Node) {
	typ := strAttr(lb.Attrs, "load_balancer_type")
	if typ == "" {
		typ = "application"
	}
	if typ == "gateway" {
		return // a gateway load balancer sends traffic to appliances, it is not an entry point
	}
	var assumed []string
	internal, _, unknown := boolOf(lb.Attrs["internal"])
	switch {
	case unknown != "":
		assumed = append(assumed, fmt.Sprintf("internal is unknown (%s); assumed internet-facing", unknown))
	case internal:
		r.refuseExposure(lb, "load-balancer-scheme", fmt.Sprintf("%s is internal (internal = true): it has private addresses only", lb.ID),
			link.Evidence(lb, "internal = true"))
		return
	}
	listeners := r.listenersOf(lb)
	if len(listeners) == 0 {
		return
	}
	groups, open, adm, controls := r.openListeners(lb, typ, listeners)
	if len(open) == 0 {
		r.refuseLB(lb, groups, listeners)
		return
	}
	ranges := adm.ranges
	if adm.any {
		ranges = nil
	}
	r.exposeLB(lb, open, controls, ranges, append(assumed, adm.assumptions...), adm.rules)
	src := r.lbPeer(lb, typ, groups)
	for _, l := range open {
		r.followListener(lb, l, src, controls, ranges, append(assumed, adm.assumptions...))
	}
	r.closedListeners(lb, listeners, open, groups)
}

// closedListeners reports the workloads behind listeners the load balancer's groups keep closed (dropped at
// the end for workloads another route reaches).
func (r *run) closedListeners(lb *model.Node, all, open []listener, groups []groupRef) {
	isOpen := map[string]bool{}
	for _, l := range open {
		isOpen[l.node.ID] = true
	}
	for _, l := range all {
		if isOpen[l.node.ID] || len(l.hops) > 1 {
			continue
		}
		for _, tg := range r.listenerGroups(l) {
			for _, t := range r.targetsOf(tg) {
				r.refuseExposure(t.workload, "security-group", fmt.Sprintf("%s is behind listener %s (port %s) of %s, which is not open to the internet: %s",
					t.workload.ID, l.node.ID, itoa(l.port), lb.ID, r.sg.refusal(groups, l.security, []int{l.port})),
					append([]model.Evidence{link.Evidence(l.node, "listener")}, groupEvidence(groups, "security group of "+lb.ID)...)...)
			}
		}
	}
}

// listenerGroups returns the target groups a listener and its rules forward to.
func (r *run) listenerGroups(l listener) []*model.Node {
	var out []*model.Node
	for _, n := range r.outOf(l.node.ID, model.EdgeRoutesTo) {
		switch {
		case targetGroupTypes[n.Type]:
			out = append(out, n)
		case ruleTypes[n.Type]:
			for _, tg := range r.outOf(n.ID, model.EdgeRoutesTo) {
				if targetGroupTypes[tg.Type] {
					out = append(out, tg)
				}
			}
		}
	}
	return out
}

// openListeners returns the load balancer's groups (its VPC's default group when it names none), the listeners
// they open to the internet, what admits them and the controls.
func (r *run) openListeners(lb *model.Node, typ string, listeners []listener) ([]groupRef, []listener, admission, []control) {
	groups := r.statedGroups(lb)
	var adm admission
	if typ == "network" && len(groups) == 0 {
		return nil, listeners, admission{ok: true, any: true}, []control{{id: lb.ID, kind: "load-balancer",
			what: "network load balancer without security groups: it does not filter traffic", ev: link.Evidence(lb, "no security_groups")}}
	}
	if len(groups) == 0 {
		groups = []groupRef{{key: defaultGroupKey(r.vpcOfSubnets(r.lbSubnets(lb)))}}
	}
	var open []listener
	for _, l := range listeners {
		a := r.sg.admit(groups, internetPeer, l.security, l.port)
		if !a.ok {
			continue
		}
		open = append(open, l)
		adm.any = adm.any || a.any
		adm.ranges = append(adm.ranges, a.ranges...)
		adm.rules = append(adm.rules, a.rules...)
		adm.assumptions = append(adm.assumptions, a.assumptions...)
	}
	return groups, open, adm, controlsOf(adm.rules)
}

// refuseLB reports a load balancer whose groups admit no internet address on any listener port.
func (r *run) refuseLB(lb *model.Node, groups []groupRef, listeners []listener) {
	var ports []int
	proto := "tcp"
	for _, l := range listeners {
		ports = append(ports, l.port)
		proto = l.security
	}
	reason := r.sg.refusal(groups, proto, sortedInts(ports))
	if len(r.statedGroups(lb)) == 0 {
		reason = defaultGroupNote(lb)
	}
	ev := append([]model.Evidence{link.Evidence(lb, "security_groups")}, groupEvidence(groups, "security group of "+lb.ID)...)
	for _, g := range groups {
		for _, rule := range r.sg.rules[g.key] {
			if rule.ingress {
				ev = append(ev, rule.ev)
			}
		}
	}
	r.refuseExposure(lb, "security-group", reason, ev...)
}

// exposeLB makes the exposes edge of a load balancer.
func (r *run) exposeLB(lb *model.Node, open []listener, controls []control, ranges, assumed []string, rules []*sgRule) {
	var ports []int
	var protos []string
	auth := ""
	var ls []any
	for _, l := range open {
		if l.port >= 0 {
			ports = append(ports, l.port)
		}
		protos = append(protos, l.proto)
		auth = weakest(auth, l.auth)
		if len(l.hops) == 1 {
			ls = append(ls, map[string]any{"listener": l.node.ID, "port": l.port, "protocol": l.proto, "authentication": l.auth})
		}
	}
	ev := append([]model.Evidence{link.Evidence(lb, "internet-facing load balancer")}, ruleEvidence(rules)...)
	what := "every internet address"
	if len(ranges) > 0 {
		what = strings.Join(ranges, ", ")
	}
	r.expose(exposure{node: lb, ports: ports, protocol: strings.Join(sortedUnique(protos), ","), auth: auth,
		controls: controls, ranges: ranges, assumptions: assumed, method: "load-balancer",
		reason:   fmt.Sprintf("%s is internet-facing and its security groups admit %s on listener ports %s", lb.ID, what, intsText(ports)),
		evidence: ev, extra: map[string]any{"listeners": ls}})
}

// listenersOf returns a load balancer's listeners and, for each listener rule, the rule as a listener of its
// own (same port, its own authentication and conditions).
func (r *run) listenersOf(lb *model.Node) []listener {
	var out []listener
	for _, ln := range r.outOf(lb.ID, model.EdgeRoutesTo) {
		if !listenerTypes[ln.Type] {
			continue
		}
		l := listener{node: ln, port: -1, proto: strings.ToUpper(strAttr(ln.Attrs, "protocol")), hops: []*model.Node{ln}}
		if p, ok := toInt(ln.Attrs["port"]); ok {
			l.port = p
		} else if _, unknown := model.IsUnknown(ln.Attrs["port"]); unknown {
			l.assumed = append(l.assumed, fmt.Sprintf("the port of %s is unknown (%s); assumed any port", ln.ID, describe(ln.Attrs["port"])))
		}
		if l.proto == "" {
			l.proto = "HTTP"
		}
		l.security = "tcp"
		if strings.Contains(l.proto, "UDP") {
			l.security = "udp"
		}
		l.auth = actionAuth(ln.Attrs, "default_action")
		out = append(out, l)
		for _, rule := range r.outOf(ln.ID, model.EdgeRoutesTo) {
			if !ruleTypes[rule.Type] {
				continue
			}
			rl := l
			rl.hops = []*model.Node{ln, rule}
			rl.auth = actionAuth(rule.Attrs, "action")
			for _, c := range blocks(rule.Attrs, "condition") {
				for _, pp := range blocks(c, "path_pattern") {
					rl.paths = append(rl.paths, stringsOf(pp["values"])...)
				}
				for _, hh := range blocks(c, "host_header") {
					rl.hosts = append(rl.hosts, stringsOf(hh["values"])...)
				}
			}
			out = append(out, rl)
		}
	}
	return out
}

// actionAuth reads the authentication of a listener's or rule's actions: authenticate-oidc and
// authenticate-cognito make the load balancer require a signed-in user (a token), otherwise none.
func actionAuth(attrs map[string]any, key string) string {
	for _, a := range blocks(attrs, key) {
		t := strAttr(a, "type")
		if t == "authenticate-oidc" || t == "authenticate-cognito" || len(blocks(a, "authenticate_oidc")) > 0 ||
			len(blocks(a, "authenticate_cognito")) > 0 {
			return authJWT
		}
	}
	return authNone
}

// lbSubnets returns the subnets of a load balancer.
func (r *run) lbSubnets(lb *model.Node) []*subnetFacts {
	subs, _ := r.subnetsOf(lb)
	return subs
}

// lbPeer is the load balancer as the source of the traffic its targets receive: its security groups and
// subnets; a network load balancer without security groups passes the clients' own addresses on.
func (r *run) lbPeer(lb *model.Node, typ string, groups []groupRef) peer {
	if typ == "network" && len(r.statedGroups(lb)) == 0 {
		return peer{internet: true, label: "the internet (through " + lb.ID + ", which keeps client addresses)"}
	}
	p := peer{groups: map[string]bool{}, refs: groups, label: "load balancer " + lb.ID, prefixes: prefixesOf(r.lbSubnets(lb))}
	for _, g := range groups {
		p.groups[g.key] = true
	}
	return p
}

func intsText(ns []int) string {
	if len(ns) == 0 {
		return "(unknown)"
	}
	var ss []string
	for _, n := range sortedInts(append([]int(nil), ns...)) {
		ss = append(ss, fmt.Sprint(n))
	}
	return strings.Join(ss, ", ")
}
