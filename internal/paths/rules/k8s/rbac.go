package k8s

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// grant is one entry of a can edge's or capability's granted_by: a binding that gives a subject a rule.
type grant struct {
	binding, role, subject, scope string
	file, roleFile                string
	line, roleLine                int
}

func grantsOf(v any) []grant {
	var out []grant
	for _, m := range list(v) {
		l, _ := toInt(m["line"])
		rl, _ := toInt(m["role_line"])
		out = append(out, grant{binding: str(m["binding"]), role: str(m["role"]), subject: str(m["subject"]),
			scope: str(m["scope"]), file: str(m["file"]), roleFile: str(m["role_file"]), line: l, roleLine: rl})
	}
	return out
}

// bindings returns the distinct bindings of grants, in order.
func bindings(gs []grant) []string {
	var out []string
	for _, g := range gs {
		if g.binding != "" && !contains(out, g.binding) {
			out = append(out, g.binding)
		}
	}
	return out
}

// grantEvidence is each binding, then each role with rules used.
func grantEvidence(gs []grant) []model.Evidence {
	var out []model.Evidence
	seen := map[string]bool{}
	add := func(file string, line int, what string) {
		k := fmt.Sprintf("%s:%d:%s", file, line, what)
		if file != "" && !seen[k] {
			seen[k] = true
			out = append(out, model.Evidence{File: file, Line: line, What: what})
		}
	}
	for _, g := range gs {
		add(g.file, g.line, fmt.Sprintf("%s grants %s to %s", g.binding, g.role, g.subject))
	}
	for _, g := range gs {
		add(g.roleFile, g.roleLine, "rules of "+g.role)
	}
	return out
}

// bindingControl is the control on the first binding of grants: remove the subject from it. Steps resting on
// one binding share it.
func bindingControl(c *paths.Context, sa *model.Node, gs []grant) paths.Control {
	bs := bindings(gs)
	if len(bs) == 0 {
		return paths.ControlAt("rbac-binding", sa, "remove the RBAC grants of "+c.Name(sa.ID))
	}
	subject := gs[0].subject
	if subject == "" {
		subject = c.Name(sa.ID)
	}
	title := fmt.Sprintf("remove %s from %s, or narrow the role it binds", subject, c.Name(bs[0]))
	if len(bs) > 1 {
		title += fmt.Sprintf(" (also granted by %s)", strings.Join(bs[1:], ", "))
	}
	if n := c.Node(bs[0]); n != nil {
		return paths.ControlAt("rbac-binding", n, title)
	}
	return paths.Control{ID: "rbac-binding:" + bs[0], Title: title, Node: bs[0]}
}

// canEdges returns the can edges of a ServiceAccount state to targets of a type whose access includes one
// of the levels.
func canEdges(c *paths.Context, s paths.State, targetType string, access ...string) (*model.Node, []*model.Edge) {
	sa := c.Node(s.Node)
	if !isServiceAccount(sa) {
		return nil, nil
	}
	var out []*model.Edge
	for _, e := range c.Graph.Out(sa.ID) {
		if e.Kind != model.EdgeCan {
			continue
		}
		if t := c.Node(e.To); t == nil || t.Type != targetType {
			continue
		}
		for _, a := range strs(e.Attrs["access"]) {
			if contains(access, a) {
				out = append(out, e)
				break
			}
		}
	}
	return sa, out
}

// canStep is the step a can edge makes.
func canStep(c *paths.Context, sa *model.Node, e *model.Edge, k paths.Kind, reason string) paths.Step {
	gs := grantsOf(e.Attrs["granted_by"])
	return paths.Step{To: paths.State{Kind: k, Node: e.To}, Reason: reason, Evidence: edgeEvidence(e, "RBAC grant"),
		Control: bindingControl(c, sa, gs), Assumptions: edgeAssumptions(e), Via: []string{e.Key()}}
}

// rbacSecretRead: a ServiceAccount that may get, list or watch a Secret reads it.
type rbacSecretRead struct{}

func (rbacSecretRead) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.rbac-secret-read", Title: "A ServiceAccount's RBAC reads a Secret",
		Technique: "T1552.007", TechniqueName: "Unsecured Credentials: Container API",
		// One API call (kubectl get secret -o yaml) with the token returns the Secret's values.
		Likelihood: 0.95,
		Rationale:  "get, list and watch on secrets return their values: whoever holds the ServiceAccount's token reads every Secret its Roles cover",
		Control:    "remove the ServiceAccount from the binding, or limit the role to the Secrets it needs by resourceNames",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Read}}
}

func (rbacSecretRead) Steps(c *paths.Context, s paths.State) []paths.Step {
	sa, es := canEdges(c, s, "Secret", "read")
	var out []paths.Step
	for _, e := range es {
		t := c.Node(e.To)
		out = append(out, canStep(c, sa, e, paths.Read, fmt.Sprintf("ServiceAccount %s/%s may %s Secret %s/%s",
			namespaceOf(sa), sa.Name, strings.Join(strs(e.Attrs["verbs"]), ", "), namespaceOf(t), t.Name)))
	}
	return out
}

// saToSA is a rule from a ServiceAccount to another one, by one access level of the rbac builder's edges.
type saToSA struct {
	access string
	how    string // "start a pod as", for the reason
	// dominated lists access levels that, on the same edge, make a step at least as likely with the same
	// control (the edge's binding): then this rule makes none, which changes no path's risk or fix and
	// halves the fan-out of a cluster-wide deployer.
	dominated []string
}

func (r saToSA) Steps(c *paths.Context, s paths.State) []paths.Step {
	sa, es := canEdges(c, s, "ServiceAccount", r.access)
	var out []paths.Step
	for _, e := range es {
		if anyOf(strs(e.Attrs["access"]), r.dominated) {
			continue
		}
		t := c.Node(e.To)
		out = append(out, canStep(c, sa, e, paths.Creds, fmt.Sprintf("ServiceAccount %s/%s may %s ServiceAccount %s/%s (%s)",
			namespaceOf(sa), sa.Name, r.how, namespaceOf(t), t.Name, strings.Join(strs(e.Attrs["verbs"]), ", "))))
	}
	return out
}

// rbacRunAs: create pods or workloads in a namespace, naming any of its ServiceAccounts.
type rbacRunAs struct{}

func (rbacRunAs) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.rbac-run-as", Title: "A ServiceAccount starts a pod as another ServiceAccount",
		Technique: "T1610", TechniqueName: "Deploy Container",
		// Admission (Pod Security, policy engines) may refuse the pod's other settings, never the ServiceAccount.
		Likelihood: 0.85,
		Rationale:  "a pod, or a workload's pod template, may name any ServiceAccount of its namespace and gets its token: whoever may create pods or workloads there acts as every ServiceAccount of the namespace",
		Control:    "remove create on pods and workloads from the binding; keep CI deployers out of namespaces with strong ServiceAccounts",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Creds}}
}

func (r rbacRunAs) Steps(c *paths.Context, s paths.State) []paths.Step {
	return saToSA{access: "run-as", how: "start a pod as", dominated: []string{"token", "impersonate"}}.Steps(c, s)
}

// rbacToken: create serviceaccounts/token mints a token for another ServiceAccount.
type rbacToken struct{}

func (rbacToken) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.rbac-token", Title: "A ServiceAccount mints another ServiceAccount's token",
		Technique: "T1528", TechniqueName: "Steal Application Access Token",
		// The TokenRequest API hands out a fresh token in one call (kubectl create token).
		Likelihood: 0.95,
		Rationale:  "create on serviceaccounts/token (kubectl create token) mints a token for the ServiceAccount: the subject authenticates as it",
		Control:    "remove create on serviceaccounts/token from the binding",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Creds}}
}

func (r rbacToken) Steps(c *paths.Context, s paths.State) []paths.Step {
	return saToSA{access: "token", how: "mint a token for"}.Steps(c, s)
}

// rbacImpersonate: impersonate sends requests as another ServiceAccount.
type rbacImpersonate struct{}

func (rbacImpersonate) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.rbac-impersonate", Title: "A ServiceAccount impersonates another ServiceAccount",
		Technique: "T1078", TechniqueName: "Valid Accounts",
		// Impersonation headers on any request (kubectl --as) act with the target's permissions.
		Likelihood: 0.95,
		Rationale:  "impersonate on serviceaccounts, or on users by the ServiceAccount's user name, lets the subject send any request as the target (kubectl --as)",
		Control:    "remove impersonate from the binding, or limit it by resourceNames to identities that hold nothing",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Creds}}
}

func (r rbacImpersonate) Steps(c *paths.Context, s paths.State) []paths.Step {
	return saToSA{access: "impersonate", how: "impersonate", dominated: []string{"token"}}.Steps(c, s)
}

// anyOf reports whether some element of l is in set.
func anyOf(l, set []string) bool {
	for _, x := range l {
		if contains(set, x) {
			return true
		}
	}
	return false
}
