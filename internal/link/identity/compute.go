package identity

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// computeRole says where a compute resource names the identity its code runs as, and which AWS service must be
// trusted to hand out the role's credentials.
type computeRole struct {
	typ     string
	attr    string // attribute naming the role or instance profile ("iam_instance_profile", "role")
	sub     string // for a nested block: the attribute inside it ("name", "arn")
	profile bool   // the attribute names an instance profile, not a role
	service string // the service principal the role's trust must admit
}

// computeRoles lists the compute resources whose code holds a role's credentials. An ECS task's execution role
// and a Fargate profile's pod execution role are used by AWS agents, not by the containers: not listed.
var computeRoles = []computeRole{
	{typ: "aws_instance", attr: "iam_instance_profile", profile: true, service: "ec2.amazonaws.com"},
	{typ: "aws_launch_template", attr: "iam_instance_profile", sub: "name", profile: true, service: "ec2.amazonaws.com"},
	{typ: "aws_launch_template", attr: "iam_instance_profile", sub: "arn", profile: true, service: "ec2.amazonaws.com"},
	{typ: "aws_launch_configuration", attr: "iam_instance_profile", profile: true, service: "ec2.amazonaws.com"},
	{typ: "aws_lambda_function", attr: "role", service: "lambda.amazonaws.com"},
	{typ: "aws_ecs_task_definition", attr: "task_role_arn", service: "ecs-tasks.amazonaws.com"},
	{typ: "aws_eks_node_group", attr: "node_role_arn", service: "ec2.amazonaws.com"},
}

// compute links compute resources to their roles where the configuration names them literally, and checks
// every compute → role chain against the role's trust.
func (w *work) compute() {
	byType := map[string][]computeRole{}
	for _, c := range computeRoles {
		byType[c.typ] = append(byType[c.typ], c)
	}
	for _, n := range w.in.Graph.Nodes() {
		for _, c := range byType[n.Type] {
			w.computeOne(n, c)
		}
	}
}

func (w *work) computeOne(n *model.Node, c computeRole) {
	v := n.Attrs[c.attr]
	if c.sub != "" {
		v = nested(v, c.sub)
	}
	if v == nil {
		return
	}
	target := w.identityTarget(n, v, c.profile)
	if target == nil {
		return
	}
	if !w.hasEdge(n.ID, model.EdgeUsesIdentity, target.ID) {
		kind := "role"
		if c.profile {
			kind = "instance profile"
		}
		w.edge(n.ID, model.EdgeUsesIdentity, target.ID, link.Link{Method: "name", Confidence: link.High,
			Evidence: []model.Evidence{link.Evidence(n, c.attr+" names "+kind+" "+target.Name), link.Evidence(target, kind+" "+target.Name)},
			Reason:   fmt.Sprintf("%s %s runs as %s %s, which its %s names", n.Type, n.Name, kind, target.Name, c.attr)})
	}
	roles := []*model.Node{target}
	if c.profile {
		roles = w.profileRoles(target)
	}
	for _, role := range roles {
		if role.Type != "aws_iam_role" {
			continue
		}
		t := w.trust(role, servicePrincipal(c.service, "sts:AssumeRole"))
		if t.admits {
			continue
		}
		w.broken(n.ID, model.EdgeUsesIdentity, role.ID, link.Link{Method: "trust", Evidence: append([]model.Evidence{
			link.Evidence(n, c.attr), link.Evidence(role, "IAM role "+roleName(role))}, t.evidence...),
			Reason: fmt.Sprintf("%s %s is configured with role %s, but %s: the code gets no credentials", n.Type, n.Name, roleName(role), t.reason)})
	}
}

// identityTarget returns the role or instance profile an attribute value names: a reference the extractor
// resolved (an edge), else a literal name or ARN matched against the scan's identities.
func (w *work) identityTarget(n *model.Node, v any, profile bool) *model.Node {
	for _, e := range w.in.Graph.Out(n.ID) {
		if e.Kind != model.EdgeUsesIdentity {
			continue
		}
		if t, ok := w.in.Graph.Node(e.To); ok && (t.Type == "aws_iam_instance_profile") == profile {
			return t
		}
	}
	s, ok := v.(string)
	if !ok || s == "" {
		return nil
	}
	if !profile {
		if strings.HasPrefix(s, "arn:") {
			roles, _ := w.findRoles(s)
			if len(roles) == 1 {
				return roles[0]
			}
			return nil
		}
		if rs := w.roles[s]; len(rs) == 1 {
			return rs[0]
		}
		return nil
	}
	name := s[strings.LastIndex(s, "/")+1:]
	var found []*model.Node
	for _, p := range w.in.Graph.NodesOfKind(model.KindIdentity) {
		if p.Type == "aws_iam_instance_profile" && p.Attrs["name"] == name {
			found = append(found, p)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return nil
}

// profileRoles returns the roles an instance profile carries.
func (w *work) profileRoles(p *model.Node) []*model.Node {
	var out []*model.Node
	for _, e := range w.in.Graph.Out(p.ID) {
		if e.Kind == model.EdgeUsesIdentity {
			if r, ok := w.in.Graph.Node(e.To); ok {
				out = append(out, r)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	if name, ok := p.Attrs["role"].(string); ok {
		if rs := w.roles[name]; len(rs) == 1 {
			w.edge(p.ID, model.EdgeUsesIdentity, rs[0].ID, link.Link{Method: "name", Confidence: link.High,
				Evidence: []model.Evidence{link.Evidence(p, "role = "+name), link.Evidence(rs[0], "IAM role "+name)},
				Reason:   fmt.Sprintf("instance profile %s carries role %s, which it names", p.Name, name)})
			return rs
		}
	}
	return nil
}

func (w *work) hasEdge(from string, kind model.EdgeKind, to string) bool {
	for _, e := range w.in.Graph.Out(from) {
		if e.Kind == kind && e.To == to {
			return true
		}
	}
	return false
}

// nested reads an attribute inside a nested block value ([{...}] as the extractors store blocks).
func nested(v any, sub string) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		v = l[0]
	}
	if m, ok := v.(map[string]any); ok {
		return m[sub]
	}
	return nil
}
