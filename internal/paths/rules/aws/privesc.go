package aws

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// technique is one IAM privilege-escalation technique: what it needs and what it gives. The techniques are
// the ones Rhino Security Labs published ("AWS IAM Privilege Escalation – Methods and Mitigation", 2018, and
// its follow-ups on CodeBuild, SageMaker and ECS), stated here as facts about AWS's APIs.
type technique struct {
	name         string // the rule is "aws.privesc-<name>"
	title        string
	attack       string
	attackName   string
	likelihood   float64
	rationale    string
	control      string
	to           []paths.Kind
	find         func(e *escalation) []paths.Step
	service      string  // for PassRole techniques: the service the role is passed to
	needs        []needs // for PassRole techniques: the other actions, each on a resource pattern
	needsProfile bool    // ec2:RunInstances: the role must be in an instance profile
}

// needs is one requirement of a technique: any one of actions on a resource pattern, whose {region} and
// {account} are the attacker identity's.
type needs struct {
	actions  []string
	resource string
}

// privesc is the rule of one technique.
type privesc struct{ t technique }

func (r privesc) Meta() paths.Meta {
	return paths.Meta{ID: "aws.privesc-" + r.t.name, Title: r.t.title, Technique: r.t.attack, TechniqueName: r.t.attackName,
		Likelihood: r.t.likelihood, Rationale: r.t.rationale, Control: r.t.control,
		From: []paths.Kind{paths.Creds}, To: r.t.to}
}

func (r privesc) Steps(c *paths.Context, s paths.State) []paths.Step {
	v := viewOf(c)
	p := v.principals[s.Node]
	n := c.Node(s.Node)
	if p == nil || outside(n) || (p.Kind != iam.PrincipalRole && p.Kind != iam.PrincipalUser) {
		return nil
	}
	if v.adminOf(p.ID).admin {
		return nil // an administrator has nothing to escalate to
	}
	account, region := v.accountOf(p.ID)
	e := &escalation{c: c, v: v, p: p, node: n, account: account, region: region, t: r.t}
	steps := r.t.find(e)
	for i := range steps {
		if steps[i].Likelihood == 0 {
			steps[i].Likelihood = lower(r.t.likelihood, 0.8, len(steps[i].Assumptions) > 0)
		}
	}
	return steps
}

// escalation is one technique tried from one identity.
type escalation struct {
	c                *paths.Context
	v                *iamView
	p                *iam.Principal
	node             *model.Node
	account, region  string
	t                technique
	assumptions      []string
	evidence         []model.Evidence
	grantingPolicies []string
	// allowed are the actions of the requirements the identity may do, for reasons.
	allowed []string
}

// expand fills a resource pattern's {region} and {account}.
func (e *escalation) expand(pat string) string {
	return strings.NewReplacer("{region}", e.region, "{account}", e.account).Replace(pat)
}

// can evaluates one action of the identity on a resource.
func (e *escalation) can(action string, r *iam.Resource, ctx iam.Context) iam.Decision {
	return decide(e.p, action, r, ctx)
}

// meets checks every requirement and records the grants as evidence; false when one is not met.
func (e *escalation) meets(ns []needs) bool {
	for _, n := range ns {
		a, d, ok := e.anyOf(n.actions, pattern(e.expand(n.resource)))
		if !ok {
			return false
		}
		e.note(d)
		e.allowed = append(e.allowed, a)
	}
	return true
}

// anyOf returns the first of actions the identity may do on r, with its decision.
func (e *escalation) anyOf(actions []string, r *iam.Resource) (string, iam.Decision, bool) {
	for _, a := range actions {
		if d := e.can(a, r, nil); d.Allowed {
			return a, d, true
		}
	}
	return "", iam.Decision{}, false
}

// note records a decision's statements and assumptions for the step being built.
func (e *escalation) note(d iam.Decision) {
	e.evidence = append(e.evidence, decisionEvidence(d)...)
	e.assumptions = appendNew(e.assumptions, decisionAssumptions(d)...)
	if g := firstGrant(d); g != "" {
		e.grantingPolicies = append(e.grantingPolicies, g)
	}
}

// fork returns a copy for one candidate target, so its evidence does not leak into the next candidate's.
func (e *escalation) fork() *escalation {
	f := *e
	f.evidence = append([]model.Evidence(nil), e.evidence...)
	f.assumptions = append([]string(nil), e.assumptions...)
	f.grantingPolicies = append([]string(nil), e.grantingPolicies...)
	return &f
}

// step makes the technique's step to a state: the key grant is the control, on the policy that holds it.
func (e *escalation) step(to paths.State, key iam.Decision, reason string) paths.Step {
	ev := append(decisionEvidence(key), e.evidence...)
	assumptions := appendNew(decisionAssumptions(key), e.assumptions...)
	return paths.Step{To: to, Reason: reason, Evidence: dedupeEvidence(ev), Assumptions: assumptions,
		Control: narrowControl(e.c, firstGrant(key), e.node)}
}

func dedupeEvidence(ev []model.Evidence) []model.Evidence {
	var out []model.Evidence
	seen := map[model.Evidence]bool{}
	for _, x := range ev {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// roles returns the IAM roles of the model other than the identity itself, by ID.
func (e *escalation) roles() []*iam.Principal { return e.others(iam.PrincipalRole) }

// others returns the principals of a kind other than the identity itself that are resources of the model, by
// ID.
func (e *escalation) others(kind iam.PrincipalKind) []*iam.Principal {
	var out []*iam.Principal
	for _, p := range e.v.byKind[kind] {
		if p.ID != e.p.ID && e.v.resources[p.ID] != nil {
			out = append(out, p)
		}
	}
	return out
}

// mayAny reports whether the identity may do any of actions on some resource of a pattern: the cheap test
// before a technique looks at every candidate.
func (e *escalation) mayAny(actions []string, tpl string, ctx iam.Context) bool {
	r := pattern(e.expand(tpl))
	for _, a := range actions {
		if e.can(a, r, ctx).Allowed {
			return true
		}
	}
	return false
}

// passRole: the identity passes a role to a service that runs code the identity supplies (a function, an
// instance's user data, a task, a build, a notebook, a stack), so the code runs with the role's credentials.
// The role must trust the service, and iam:PassRole must allow the role with iam:PassedToService set to it.
func passRole(e *escalation) []paths.Step {
	passed := iam.Context{"iam:PassedToService": {e.t.service}}
	if !e.mayAny([]string{"iam:PassRole"}, "arn:aws:iam::{account}:role/*", passed) || !e.meets(e.t.needs) {
		return nil
	}
	var steps []paths.Step
	for _, r := range e.roles() {
		if !e.v.trustsService(r.ID, e.t.service) {
			continue
		}
		f := e.fork()
		if e.t.needsProfile && !f.inProfile(r.ID) {
			continue
		}
		pass := f.can("iam:PassRole", e.v.resources[r.ID], passed)
		if !pass.Allowed {
			continue
		}
		role := e.c.Node(r.ID)
		f.evidence = append(f.evidence, model.EvidenceAt(role.Prov, "trust policy of "+role.Name+" admits "+e.t.service))
		reason := fmt.Sprintf("%s may pass %s to %s (iam:PassRole) and may %s: code it supplies runs with the role", name(e.c, e.p.ID),
			name(e.c, r.ID), e.t.service, strings.Join(e.allowed, " and "))
		steps = append(steps, f.step(paths.State{Kind: paths.Creds, Node: r.ID}, pass, reason))
	}
	return steps
}

// inProfile reports whether some instance profile carries the role, or the identity may make one.
func (e *escalation) inProfile(role string) bool {
	for _, ed := range inOf(e.c, role, model.EdgeUsesIdentity) {
		if p := e.c.Node(ed.From); p != nil && p.Type == "aws_iam_instance_profile" {
			e.evidence = append(e.evidence, model.EvidenceAt(p.Prov, "instance profile "+p.Name+" carries the role"))
			return true
		}
	}
	profiles := pattern(e.expand("arn:aws:iam::{account}:instance-profile/*"))
	create, add := e.can("iam:CreateInstanceProfile", profiles, nil), e.can("iam:AddRoleToInstanceProfile", profiles, nil)
	if create.Allowed && add.Allowed {
		e.note(create)
		e.note(add)
		return true
	}
	return false
}
