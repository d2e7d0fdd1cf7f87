package aws

import (
	"fmt"
	"sort"

	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// The techniques that take over another identity or workload: rewrite a role's trust, mint a user's
// credentials, replace a function's code, run a command on an instance.

// updateTrust: the identity rewrites a role's trust policy to admit itself (iam:UpdateAssumeRolePolicy), then
// assumes it: a trust naming the caller's ARN needs no further grant in the same account.
func updateTrust(e *escalation) []paths.Step {
	if !e.mayAny([]string{"iam:UpdateAssumeRolePolicy"}, "arn:aws:iam::{account}:role/*", nil) {
		return nil
	}
	var steps []paths.Step
	for _, r := range e.roles() {
		d := e.can("iam:UpdateAssumeRolePolicy", e.v.resources[r.ID], nil)
		if !d.Allowed {
			continue
		}
		reason := fmt.Sprintf("%s may rewrite the trust policy of %s (iam:UpdateAssumeRolePolicy) to admit itself, then assume it", name(e.c, e.p.ID), name(e.c, r.ID))
		steps = append(steps, e.fork().step(paths.State{Kind: paths.Creds, Node: r.ID}, d, reason))
	}
	return steps
}

// users returns the IAM users of the model other than the identity itself, by ID.
func (e *escalation) users() []*iam.Principal { return e.others(iam.PrincipalUser) }

// ofTypes returns the nodes of the given types, by ID; the list of each type is made once per analysis.
func ofTypes(c *paths.Context, types ...string) []*model.Node {
	byType := c.Cached("aws.nodes-by-type", func() any {
		m := map[string][]*model.Node{}
		for _, n := range c.Graph.Nodes() {
			m[n.Type] = append(m[n.Type], n)
		}
		return m
	}).(map[string][]*model.Node)
	var out []*model.Node
	for _, t := range types {
		out = append(out, byType[t]...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// holders returns the nodes of a type that belong to a user (access keys, login profiles).
func holders(c *paths.Context, user, typ string) []*model.Node {
	var out []*model.Node
	for _, k := range []model.EdgeKind{model.EdgeUsesIdentity, model.EdgeReferences} {
		for _, e := range inOf(c, user, k) {
			if n := c.Node(e.From); n != nil && n.Type == typ {
				out = append(out, n)
			}
		}
	}
	return out
}

// accessKey: the identity creates an access key for another user (iam:CreateAccessKey). A user can have two
// keys; one that already has two in the files cannot get a third.
func accessKey(e *escalation) []paths.Step {
	if !e.mayAny([]string{"iam:CreateAccessKey"}, "arn:aws:iam::{account}:user/*", nil) {
		return nil
	}
	var steps []paths.Step
	for _, u := range e.users() {
		if len(holders(e.c, u.ID, "aws_iam_access_key")) >= 2 {
			continue
		}
		d := e.can("iam:CreateAccessKey", e.v.resources[u.ID], nil)
		if !d.Allowed {
			continue
		}
		reason := fmt.Sprintf("%s may create an access key for %s (iam:CreateAccessKey) and act as it", name(e.c, e.p.ID), name(e.c, u.ID))
		steps = append(steps, e.fork().step(paths.State{Kind: paths.Creds, Node: u.ID}, d, reason))
	}
	return steps
}

// loginProfile: the identity sets a console password for another user: iam:CreateLoginProfile when the user has
// none in the files, iam:UpdateLoginProfile when it has one.
func loginProfile(e *escalation) []paths.Step {
	if !e.mayAny([]string{"iam:CreateLoginProfile", "iam:UpdateLoginProfile"}, "arn:aws:iam::{account}:user/*", nil) {
		return nil
	}
	var steps []paths.Step
	for _, u := range e.users() {
		action := "iam:CreateLoginProfile"
		if len(holders(e.c, u.ID, "aws_iam_user_login_profile")) > 0 {
			action = "iam:UpdateLoginProfile"
		}
		d := e.can(action, e.v.resources[u.ID], nil)
		if !d.Allowed {
			continue
		}
		f := e.fork()
		f.assumptions = appendNew(f.assumptions, fmt.Sprintf("console sign-in as %s needs no MFA device the attacker lacks", u.ID))
		reason := fmt.Sprintf("%s may set the console password of %s (%s) and sign in as it", name(e.c, e.p.ID), name(e.c, u.ID), action)
		steps = append(steps, f.step(paths.State{Kind: paths.Creds, Node: u.ID}, d, reason))
	}
	return steps
}

// functionCode: the identity replaces a Lambda function's code (lambda:UpdateFunctionCode); the next invocation
// runs the attacker's code in the function, with its role.
func functionCode(e *escalation) []paths.Step {
	if !e.mayAny([]string{"lambda:UpdateFunctionCode"}, "arn:aws:lambda:{region}:{account}:function:*", nil) {
		return nil
	}
	var steps []paths.Step
	for _, fn := range ofTypes(e.c, "aws_lambda_function") {
		r := e.v.resources[fn.ID]
		if r == nil {
			r = pattern(e.v.ix.ARN(fn))
		}
		d := e.can("lambda:UpdateFunctionCode", r, nil)
		if !d.Allowed {
			continue
		}
		f := e.fork()
		reason := fmt.Sprintf("%s may replace the code of %s (lambda:UpdateFunctionCode)", name(e.c, e.p.ID), name(e.c, fn.ID))
		if inv := f.can("lambda:InvokeFunction", r, nil); inv.Allowed {
			f.note(inv)
			reason += " and invoke it (lambda:InvokeFunction)"
		} else {
			f.assumptions = appendNew(f.assumptions, fmt.Sprintf("%s runs on its own triggers soon enough (the attacker may not invoke it)", fn.ID))
		}
		steps = append(steps, f.step(paths.State{Kind: paths.Exec, Node: fn.ID}, d, reason))
	}
	return steps
}

// ssmCommand: the identity runs a command on an instance through Systems Manager (ssm:SendCommand with the
// AWS-RunShellScript document, or ssm:StartSession): code on the instance, or on the hosts of a node group or
// autoscaling group (whose instances the files do not name: instance/*).
func ssmCommand(e *escalation) []paths.Step {
	if !e.mayAny([]string{"ssm:StartSession", "ssm:SendCommand"}, "arn:aws:ec2:{region}:{account}:instance/*", nil) {
		return nil
	}
	var steps []paths.Step
	doc := pattern(e.expand("arn:aws:ssm:{region}::document/AWS-RunShellScript"))
	for _, n := range ofTypes(e.c, append([]string{"aws_instance"}, hostTypes...)...) {
		kind := paths.Exec
		switch {
		case n.Type == "aws_instance":
		case oneOf(n.Type, hostTypes):
			kind = paths.Host
		default:
			continue
		}
		target := pattern(e.expand("arn:aws:ec2:{region}:{account}:instance/*"))
		if n.Type == "aws_instance" {
			target = pattern(e.v.ix.ARN(n))
		}
		action := "ssm:StartSession"
		d := e.can(action, target, nil)
		if !d.Allowed {
			action = "ssm:SendCommand"
			if d = e.can(action, target, nil); !d.Allowed || !e.can(action, doc, nil).Allowed {
				continue
			}
		}
		f := e.fork()
		f.managed(n)
		reason := fmt.Sprintf("%s may run commands on %s through Systems Manager (%s)", name(e.c, e.p.ID), name(e.c, n.ID), action)
		steps = append(steps, f.step(paths.State{Kind: kind, Node: n.ID}, d, reason))
	}
	return steps
}

// managed notes whether an instance is registered with Systems Manager: its role must allow the agent to
// register (AmazonSSMManagedInstanceCore); otherwise that is an assumption.
func (e *escalation) managed(n *model.Node) {
	h, ok := hostOf(e.c, n)
	if ok {
		for _, cr := range h.roles {
			if p := e.v.principals[cr.role.ID]; p != nil && decide(p, "ssm:UpdateInstanceInformation", pattern("*"), nil).Allowed {
				return
			}
		}
	}
	e.assumptions = appendNew(e.assumptions, fmt.Sprintf("%s runs the SSM agent and is registered with Systems Manager (its role is not seen to allow ssm:UpdateInstanceInformation)", n.ID))
}
