package exposure

import (
	"fmt"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// target is a workload behind a target group, with the nodes between (an attachment, an autoscaling group).
type target struct {
	workload *model.Node
	via      []*model.Node
	port     int // -1 when unknown
}

// followListener follows a listener (or one of its rules) to its target groups and their workloads.
func (r *run) followListener(lb *model.Node, l listener, src peer, controls []control, ranges, assumed []string) {
	last := l.hops[len(l.hops)-1]
	for _, tg := range r.outOf(last.ID, model.EdgeRoutesTo) {
		if !targetGroupTypes[tg.Type] {
			continue
		}
		for _, t := range r.targetsOf(tg) {
			r.lbTarget(lb, l, tg, t, src, controls, ranges, assumed)
		}
	}
}

// lbTarget checks the last hop, load balancer → target, and records the route when it is admitted.
func (r *run) lbTarget(lb *model.Node, l listener, tg *model.Node, t target, src peer, controls []control, ranges, assumed []string) {
	hops := []string{model.InternetID, lb.ID}
	for _, h := range l.hops {
		hops = append(hops, h.ID)
	}
	hops = append(hops, tg.ID)
	for _, v := range t.via {
		hops = append(hops, v.ID)
	}
	hops = append(hops, t.workload.ID)
	rt := route{entry: lb.ID, hops: hops, protocol: l.proto, auth: l.auth, hosts: l.hosts, paths: l.paths,
		ranges: ranges, controls: append([]control(nil), controls...),
		assumptions: append(append([]string(nil), assumed...), l.assumed...),
		ev:          link.Evidence(lb, "internet-facing load balancer")}
	if t.port >= 0 {
		rt.ports = []int{t.port}
	}
	if t.workload.Type == "aws_lambda_function" {
		c, a := r.lambdaPermission(t.workload, "elasticloadbalancing.amazonaws.com")
		rt.controls = append(rt.controls, c...)
		rt.assumptions = append(rt.assumptions, a...)
		r.reachWorkload(t.workload, rt)
		return
	}
	groups := r.groupsOf(t.workload)
	if len(groups) == 0 {
		rt.assumptions = append(rt.assumptions, fmt.Sprintf("the security groups of %s are not known; assumed to admit %s", t.workload.ID, src.describe()))
		r.reachWorkload(t.workload, rt)
		return
	}
	adm := r.sg.admit(groups, src, "tcp", t.port)
	if !adm.ok {
		ev := append([]model.Evidence{link.Evidence(t.workload, "security groups of the target")}, groupEvidence(groups, "security group of "+t.workload.ID)...)
		ev = append(ev, ruleEvidence(adm.seen)...)
		r.refuseExposure(t.workload, "security-group", fmt.Sprintf("%s is behind %s, but its security groups (%s) admit no traffic from %s on %s",
			t.workload.ID, lb.ID, groupsLabel(groups), src.describe(), portPhrase("tcp", t.port)), ev...)
		return
	}
	if len(src.refs) > 0 {
		eg := r.sg.egress(src.refs, r.peerOf(t.workload, groups), "tcp", t.port)
		if !eg.ok {
			r.refuseExposure(t.workload, "security-group", fmt.Sprintf("%s is behind %s, but the load balancer's security groups (%s) allow no egress to it on %s",
				t.workload.ID, lb.ID, groupsLabel(src.refs), portPhrase("tcp", t.port)), groupEvidence(src.refs, "security group of "+lb.ID)...)
			return
		}
		adm.rules = append(adm.rules, eg.rules...)
		adm.assumptions = append(adm.assumptions, eg.assumptions...)
	}
	rt.controls = append(rt.controls, controlsOf(adm.rules)...)
	rt.assumptions = append(rt.assumptions, adm.assumptions...)
	r.reachWorkload(t.workload, rt)
}

// targetsOf returns the workloads a target group sends traffic to: through attachments (instances, Lambda
// functions), autoscaling groups (the launch template they start instances from) and ECS services.
func (r *run) targetsOf(tg *model.Node) []target {
	port := -1
	if p, ok := toInt(tg.Attrs["port"]); ok {
		port = p
	}
	var out []target
	for _, n := range r.outOf(tg.ID, model.EdgeRoutesTo) {
		if attachmentTypes[n.Type] {
			p := port
			if ap, ok := toInt(n.Attrs["port"]); ok {
				p = ap
			}
			for _, m := range r.outOf(n.ID, model.EdgeRoutesTo) {
				out = append(out, r.expandTarget(m, []*model.Node{n}, p)...)
			}
			continue
		}
		p := port
		if n.Type == "aws_ecs_service" {
			p = r.ecsPort(n, tg, port)
		}
		out = append(out, r.expandTarget(n, nil, p)...)
	}
	return out
}

// expandTarget turns a target node into workloads: an autoscaling group into the launch templates (or
// configurations) it starts instances from.
func (r *run) expandTarget(n *model.Node, via []*model.Node, port int) []target {
	switch {
	case n.Type == "aws_autoscaling_group":
		var out []target
		for _, lt := range r.outOf(n.ID, model.EdgeRuns) {
			out = append(out, target{workload: lt, via: append(append([]*model.Node(nil), via...), n), port: port})
		}
		return out
	case n.Kind == model.KindWorkload:
		return []target{{workload: n, via: via, port: port}}
	}
	return nil
}

// ecsPort returns the container port an ECS service registers in a target group.
func (r *run) ecsPort(svc, tg *model.Node, def int) int {
	for _, b := range blocks(svc.Attrs, "load_balancer") {
		if expr, ok := model.IsUnknown(b["target_group_arn"]); ok {
			for _, ref := range r.ix.ResolveRefs(svc, expr) {
				if ref.Node.ID == tg.ID {
					if p, ok := toInt(b["container_port"]); ok {
						return p
					}
				}
			}
		}
	}
	return def
}

// lambdaPermission finds the aws_lambda_permission that lets a service principal invoke a function: a
// control when the scan has it, an assumption when it does not.
func (r *run) lambdaPermission(fn *model.Node, principal string) ([]control, []string) {
	for _, p := range r.inOf(fn.ID, model.EdgeAttachedTo) {
		if p.Type != "aws_lambda_permission" {
			continue
		}
		if strAttr(p.Attrs, "principal") == principal {
			return []control{{id: p.ID, kind: "lambda-permission", what: fmt.Sprintf("%s may invoke %s", principal, fn.ID),
				ev: link.Evidence(p, "lambda permission for "+principal)}}, nil
		}
	}
	return nil, []string{fmt.Sprintf("no aws_lambda_permission in the scanned files lets %s invoke %s; assumed granted elsewhere", principal, fn.ID)}
}

// hopRoutes makes the routes-to hops the extractors leave out: autoscaling group → the launch template or
// configuration it starts instances from, and function URL → its function.
func (r *run) hopRoutes() {
	for _, asg := range r.ofTypes(model.KindHost, "aws_autoscaling_group") {
		for _, e := range r.g.Out(asg.ID) {
			if lt := r.node(e.To); e.Kind == model.EdgeRuns && lt != nil && lt.Kind == model.KindWorkload {
				r.out.edge(asg.ID, model.EdgeRoutesTo, lt.ID, link.Link{Method: "autoscaling-launch", Confidence: link.Certain,
					Reason:   fmt.Sprintf("traffic to %s reaches the instances it launches from %s", asg.ID, lt.ID),
					Evidence: []model.Evidence{link.EvidenceOfEdge(e, "launch template of the group")}})
			}
		}
	}
	for _, u := range r.ofTypes(model.KindExposure, "aws_lambda_function_url") {
		for _, e := range r.g.Out(u.ID) {
			if fn := r.node(e.To); e.Kind == model.EdgeExposes && fn != nil && fn.Type == "aws_lambda_function" {
				r.out.edge(u.ID, model.EdgeRoutesTo, fn.ID, link.Link{Method: "function-url", Confidence: link.Certain,
					Reason:   fmt.Sprintf("requests to %s invoke %s", u.ID, fn.ID),
					Evidence: []model.Evidence{link.EvidenceOfEdge(e, "function_name")}})
			}
		}
	}
}
