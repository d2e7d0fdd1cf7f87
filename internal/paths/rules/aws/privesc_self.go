package aws

import (
	"fmt"
	"sort"

	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// The techniques that rewrite the attacker's own permissions end in Admin of the account, unless a permissions
// boundary keeps an administrator's policy from taking effect.

// principalTarget is an IAM entity whose permissions an attacker may change to its own benefit: itself, a
// group it is in, a role it can assume.
type principalTarget struct {
	node     *model.Node
	resource *iam.Resource
	kind     string         // "role", "user" or "group": which Attach*/Put* action applies
	holder   *iam.Principal // whose permissions grow: the attacker, or the role it assumes
	why      string         // "itself", "its group G", "role R, which it can assume"
}

// ownTargets returns the identity itself, its groups, and the roles it can assume.
func (e *escalation) ownTargets() []principalTarget {
	kind := "role"
	if e.p.Kind == iam.PrincipalUser {
		kind = "user"
	}
	out := []principalTarget{{node: e.node, resource: e.v.resources[e.p.ID], kind: kind, holder: e.p, why: "itself"}}
	for _, g := range groupsOf(e.c, e.p.ID) {
		out = append(out, principalTarget{node: g, resource: e.v.resources[g.ID], kind: "group", holder: e.p, why: "its group " + g.Name})
	}
	for _, ed := range outOf(e.c, e.p.ID, model.EdgeCanAssume) {
		r, n := e.v.principals[ed.To], e.c.Node(ed.To)
		if r == nil || n == nil || e.v.adminOf(r.ID).admin {
			continue
		}
		out = append(out, principalTarget{node: n, resource: e.v.resources[r.ID], kind: "role", holder: r,
			why: "role " + n.Name + ", which it can assume"})
	}
	return out
}

// groupsOf returns the IAM groups a user is a member of, directly or through a membership resource.
func groupsOf(c *paths.Context, user string) []*model.Node {
	var out []*model.Node
	seen := map[string]bool{}
	for _, e := range outOf(c, user, model.EdgeMemberOf) {
		n := c.Node(e.To)
		switch {
		case n == nil:
		case n.Type == "aws_iam_group":
			if !seen[n.ID] {
				seen[n.ID] = true
				out = append(out, n)
			}
		case n.Kind == model.KindGrant:
			for _, g := range follow(c, n.ID, model.EdgeMemberOf, "aws_iam_group") {
				if !seen[g.node.ID] {
					seen[g.node.ID] = true
					out = append(out, g.node)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// selfPolicy: the identity attaches a managed policy to (or puts an inline policy on) itself, a group it is in,
// or a role it can assume: iam:Attach{User,Group,Role}Policy or iam:Put{User,Group,Role}Policy.
func selfPolicy(verb string) func(e *escalation) []paths.Step {
	return func(e *escalation) []paths.Step {
		var steps []paths.Step
		for _, t := range e.ownTargets() {
			if t.resource == nil {
				continue
			}
			action := "iam:" + verb + capital(t.kind) + "Policy"
			d := e.can(action, t.resource, nil)
			if !d.Allowed || !e.v.boundaryAdmits(t.holder) {
				continue
			}
			acct := accountNode(e.c, t.holder.ID)
			reason := fmt.Sprintf("%s may %s on %s (%s): it can give %s an administrator's policy", name(e.c, e.p.ID), action,
				t.why, name(e.c, t.node.ID), name(e.c, t.holder.ID))
			steps = append(steps, e.fork().step(paths.State{Kind: paths.Admin, Node: acct}, d, reason))
		}
		return steps
	}
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// attachedPolicies returns the customer managed policies attached to the identity (directly or through its
// groups), by node ID.
func (e *escalation) attachedPolicies() []*model.Node {
	var out []*model.Node
	seen := map[string]bool{}
	for _, pol := range e.p.Policies {
		n := e.c.Node(pol.Source.Node)
		if n == nil || n.Type != "aws_iam_policy" || seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// policyVersion: the identity writes a new default version of a managed policy attached to itself
// (iam:CreatePolicyVersion with --set-as-default), or makes an older version the default
// (iam:SetDefaultPolicyVersion: the files do not show old versions, so that rests on an assumption).
func policyVersion(action string) func(e *escalation) []paths.Step {
	return func(e *escalation) []paths.Step {
		var steps []paths.Step
		for _, pol := range e.attachedPolicies() {
			r := e.v.resources[pol.ID]
			if r == nil {
				r = pattern(e.v.ix.ARN(pol))
			}
			d := e.can(action, r, nil)
			if !d.Allowed || !e.v.boundaryAdmits(e.p) {
				continue
			}
			f := e.fork()
			reason := fmt.Sprintf("%s may %s on %s, which is attached to it: it can make the policy grant everything", name(e.c, e.p.ID), action, name(e.c, pol.ID))
			if action == "iam:SetDefaultPolicyVersion" {
				f.assumptions = appendNew(f.assumptions, fmt.Sprintf("%s has an older, broader version to restore (policy versions are not in the files)", pol.ID))
				reason = fmt.Sprintf("%s may %s on %s, which is attached to it: an older version may grant more", name(e.c, e.p.ID), action, name(e.c, pol.ID))
			}
			steps = append(steps, f.step(paths.State{Kind: paths.Admin, Node: accountNode(e.c, e.p.ID)}, d, reason))
		}
		return steps
	}
}

// addToGroup: a user adds itself to a group whose policies make it an administrator (iam:AddUserToGroup). The
// group's policies are read from its members in the model; a group with no member in the files is not known.
func addToGroup(e *escalation) []paths.Step {
	if e.p.Kind != iam.PrincipalUser {
		return nil
	}
	if !e.mayAny([]string{"iam:AddUserToGroup"}, "arn:aws:iam::{account}:group/*", nil) {
		return nil
	}
	mine := map[string]bool{}
	for _, g := range groupsOf(e.c, e.p.ID) {
		mine[g.ID] = true
	}
	var steps []paths.Step
	for _, g := range ofTypes(e.c, "aws_iam_group") {
		if mine[g.ID] || e.v.resources[g.ID] == nil {
			continue
		}
		d := e.can("iam:AddUserToGroup", e.v.resources[g.ID], nil)
		if !d.Allowed {
			continue
		}
		joined := &iam.Principal{ID: e.p.ID, Kind: e.p.Kind, ARN: e.p.ARN, Account: e.p.Account, Context: e.p.Context,
			Policies: append(append([]*iam.Policy(nil), e.p.Policies...), e.v.groupPolicies(g.ID)...), Boundary: e.p.Boundary}
		admin := isAdmin(joined, e.account)
		if !admin.admin {
			continue
		}
		f := e.fork()
		f.note(admin.decision)
		reason := fmt.Sprintf("%s may add itself to %s (iam:AddUserToGroup), whose policies make it an administrator", name(e.c, e.p.ID), name(e.c, g.ID))
		steps = append(steps, f.step(paths.State{Kind: paths.Admin, Node: accountNode(e.c, e.p.ID)}, d, reason))
	}
	return steps
}

// groupPolicies returns the policies a group gives its members, as the model read them for its members.
func (v *iamView) groupPolicies(group string) []*iam.Policy {
	var out []*iam.Policy
	seen := map[string]bool{}
	for _, p := range v.model.Principals {
		for _, pol := range p.Policies {
			if len(pol.Source.Via) == 0 || pol.Source.Via[0].Node != group {
				continue
			}
			k := pol.Source.Node + "\x00" + pol.Source.What
			if !seen[k] {
				seen[k] = true
				out = append(out, pol)
			}
		}
	}
	return out
}
