package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// secretStores are the store types whose reading rule is Cloud Secrets Management Stores rather than Data from
// Cloud Storage.
var secretStores = []string{"aws_secretsmanager_secret", "aws_secretsmanager_secret_version", "aws_ssm_parameter"}

// iamAccess: credentials of an IAM identity read or write a data store its policies (or the store's resource
// policy) allow, along the access builder's can edges. Read when the access levels include read (or admin);
// write when they include write, admin or permissions-management (who may rewrite the store's policy may
// write it). One rule for data stores, one for secret stores.
type iamAccess struct{ secrets bool }

func (r iamAccess) Meta() paths.Meta {
	m := paths.Meta{ID: "aws.iam-data", Title: "An IAM identity's policies let its credentials read or write a data store",
		Technique: "T1530", TechniqueName: "Data from Cloud Storage",
		// The API call is the grant itself; what is left is knowing the store's name, which the account lists.
		Likelihood: 0.9,
		Rationale:  "whoever holds the credentials can make every call the identity's policies allow",
		Control:    "narrow the granting statement to the actions and resources the identity needs",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Read, paths.Write}}
	if r.secrets {
		m.ID, m.Title = "aws.iam-secrets", "An IAM identity's policies let its credentials read a secret or parameter"
		m.Technique, m.TechniqueName = "T1555.006", "Credentials from Password Stores: Cloud Secrets Management Stores"
	}
	return m
}

func (r iamAccess) Steps(c *paths.Context, s paths.State) []paths.Step {
	var steps []paths.Step
	for _, e := range outOf(c, s.Node, model.EdgeCan) {
		if str(e.Attrs["method"]) != "iam-policy" {
			continue // Kubernetes RBAC grants are the k8s rules'
		}
		d := c.Node(e.To)
		if d == nil || d.Kind != model.KindDataStore || oneOf(d.Type, secretStores) != r.secrets {
			continue
		}
		read, write := levels(strs(e.Attrs["access"]))
		if read {
			steps = append(steps, r.step(c, e, d, paths.Read))
		}
		if write {
			steps = append(steps, r.step(c, e, d, paths.Write))
		}
	}
	return steps
}

// levels maps Seam's access levels to the read and write states they give.
func levels(ls []string) (read, write bool) {
	for _, l := range ls {
		switch l {
		case "read":
			read = true
		case "write", "permissions-management":
			write = true
		case "admin":
			read, write = true, true
		}
	}
	return read, write
}

func (r iamAccess) step(c *paths.Context, e *model.Edge, d *model.Node, k paths.Kind) paths.Step {
	verb := map[paths.Kind]string{paths.Read: "read", paths.Write: "write"}[k]
	reason := fmt.Sprintf("the policies of %s let it %s %s (%s)", name(c, e.From), verb, name(c, d.ID), actionsOf(e, k))
	assumptions := edgeAssumptions(e)
	likelihood := lower(r.Meta().Likelihood, 0.8, len(assumptions) > 0)
	if partial, _ := e.Attrs["partial"].(bool); partial {
		part := grantedPart(c, e)
		reason += ", on part of it only: " + part
		assumptions = appendNew(assumptions, fmt.Sprintf("the part of %s the grant covers (%s) is assumed to hold data worth having", d.ID, part))
		likelihood *= 0.9
	}
	return paths.Step{To: paths.State{Kind: k, Node: d.ID}, Likelihood: likelihood, Reason: reason,
		Evidence: edgeEvidence(e, "grant"), Control: grantControl(c, e), Assumptions: assumptions, Via: keys(e)}
}

// dataActions are the actions that move data, named first in reasons.
var dataActions = map[string]int{"s3:GetObject": 1, "s3:PutObject": 2, "s3:DeleteObject": 3, "dynamodb:GetItem": 1,
	"dynamodb:Scan": 1, "dynamodb:Query": 1, "dynamodb:PutItem": 2, "dynamodb:DeleteItem": 3,
	"secretsmanager:GetSecretValue": 1, "ssm:GetParameter": 1, "ssm:GetParameters": 1, "secretsmanager:PutSecretValue": 2,
	"ssm:PutParameter": 2, "s3:PutBucketPolicy": 4}

// actionsOf names, for a reason, the allowed actions of a can edge that give the state: read-level actions for
// Read, write- and permissions-level for Write; those that move data first.
func actionsOf(e *model.Edge, k paths.Kind) string {
	var acts []string
	for _, a := range strs(e.Attrs["actions"]) {
		info, known := iam.LookupAction(a)
		switch {
		case !known:
			acts = append(acts, a)
		case k == paths.Read && info.Level == iam.LevelRead,
			k == paths.Write && (info.Level == iam.LevelWrite || info.Level == iam.LevelPermissions):
			acts = append(acts, a)
		}
	}
	sort.SliceStable(acts, func(i, j int) bool {
		pi, pj := dataActions[acts[i]], dataActions[acts[j]]
		if (pi == 0) != (pj == 0) {
			return pi != 0
		}
		if pi != pj {
			return pi < pj
		}
		return acts[i] < acts[j]
	})
	if len(acts) > 3 {
		return fmt.Sprintf("%s and %d more", strings.Join(acts[:3], ", "), len(acts)-3)
	}
	return strings.Join(acts, ", ")
}

// edgeStatement is one statement a can edge cites: its policy node, what the policy is, and its index.
type edgeStatement struct {
	policy, what string
	index        int
}

func statementsOf(e *model.Edge) []edgeStatement {
	list, _ := e.Attrs["statements"].([]any)
	var out []edgeStatement
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		es := edgeStatement{policy: str(m["policy"]), what: str(m["what"])}
		switch i := m["statement"].(type) {
		case int:
			es.index = i
		case float64:
			es.index = int(i)
		}
		out = append(out, es)
	}
	return out
}

// grantControl is the narrow control on the policy of the edge's first granting statement.
func grantControl(c *paths.Context, e *model.Edge) paths.Control {
	policy := ""
	if sts := statementsOf(e); len(sts) > 0 {
		policy = sts[0].policy
	}
	return narrowControl(c, policy, c.Node(e.From))
}

// grantedPart names the resource patterns of the granting statements, for a partial grant.
func grantedPart(c *paths.Context, e *model.Edge) string {
	v := viewOf(c)
	var parts []string
	for _, es := range statementsOf(e) {
		st := v.statement(es.policy, es.what, es.index)
		if st == nil {
			continue
		}
		for _, p := range st.Resources {
			prefix := ""
			if st.NotResource {
				prefix = "all but "
			}
			parts = appendNew(parts, prefix+p.String())
		}
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return "the statements' resources"
	}
	return strings.Join(parts, ", ")
}

// assumeRole: credentials of an identity assume a role whose trust admits it and whose assumption its own
// policies allow (the access builder's can-assume edges).
type assumeRole struct{}

func (assumeRole) Meta() paths.Meta {
	return paths.Meta{ID: "aws.assume-role", Title: "An identity assumes a role that trusts it",
		Technique: "T1078.004", TechniqueName: "Valid Accounts: Cloud Accounts",
		// One sts:AssumeRole call with the role's ARN, which the trust policy and the account make easy to guess.
		Likelihood: 0.9,
		Rationale:  "a role's trust policy and the caller's sts:AssumeRole grant are all it takes to hold the role",
		Control:    "narrow the role's trust policy to the principals that must assume it",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Creds}}
}

func (r assumeRole) Steps(c *paths.Context, s paths.State) []paths.Step {
	var steps []paths.Step
	for _, e := range outOf(c, s.Node, model.EdgeCanAssume) {
		role := c.Node(e.To)
		if role == nil {
			continue
		}
		assumptions := edgeAssumptions(e)
		ev := append([]model.Evidence{model.EvidenceAt(role.Prov, "trust policy of "+role.Name)}, edgeEvidence(e, "sts:AssumeRole")...)
		steps = append(steps, paths.Step{To: paths.State{Kind: paths.Creds, Node: role.ID},
			Likelihood: lower(r.Meta().Likelihood, 0.8, len(assumptions) > 0),
			Reason:     fmt.Sprintf("%s may assume %s: its trust policy admits it and its policies allow sts:AssumeRole", name(c, e.From), name(c, role.ID)),
			Evidence:   ev, Assumptions: assumptions, Via: keys(e),
			Control: paths.ControlAt("trust", role, fmt.Sprintf("narrow the trust policy of %s to the principals that must assume it", name(c, role.ID)))})
	}
	return steps
}

// adminIdentity: credentials of an identity whose policies allow rewriting every identity's permissions
// (iam:* on *, AdministratorAccess) are administrator of the account.
type adminIdentity struct{}

func (adminIdentity) Meta() paths.Meta {
	return paths.Meta{ID: "aws.admin-identity", Title: "The identity is an administrator of its account",
		Technique: "T1078.004", TechniqueName: "Valid Accounts: Cloud Accounts",
		// Nothing in the files stands between an identity with iam:* and any permission; only an SCP could.
		Likelihood: 0.95,
		Rationale:  "an identity that may attach any policy to any identity, create keys and pass any role holds the account",
		Control:    "replace administrator grants with the actions the identity needs; keep administration behind a separate, guarded role",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Admin}}
}

func (r adminIdentity) Steps(c *paths.Context, s paths.State) []paths.Step {
	v := viewOf(c)
	if v.principals[s.Node] == nil || outside(c.Node(s.Node)) {
		return nil
	}
	a := v.adminOf(s.Node)
	if !a.admin {
		return nil
	}
	id := c.Node(s.Node)
	acct := accountNode(c, s.Node)
	reason := fmt.Sprintf("the policies of %s allow every IAM write on the whole account (iam:* on *), so it can grant itself anything", name(c, s.Node))
	return []paths.Step{{To: paths.State{Kind: paths.Admin, Node: acct}, Reason: reason,
		Likelihood: lower(r.Meta().Likelihood, 0.8, len(a.assumptions) > 0),
		Evidence:   decisionEvidence(a.decision), Assumptions: a.assumptions,
		Control: narrowControl(c, firstGrant(a.decision), id)}}
}
