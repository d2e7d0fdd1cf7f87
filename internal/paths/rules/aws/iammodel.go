package aws

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/access"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// iamView is the IAM model of the graph (internal/link/access), indexed for the rules: principals and
// resources by node ID, statements by where they are written, and what rules ask of a principal more than
// once (is it an administrator, does a role trust a service). It depends on the graph alone, so the searches
// of one analysis (the first, and the one that checks each choke point, each with a context of its own)
// share it: see lastView.
type iamView struct {
	g          *graph.Graph
	ix         *link.Index
	model      *access.Model
	principals map[string]*iam.Principal
	resources  map[string]*iam.Resource

	stmtOnce sync.Once
	stmts    map[string]*iam.Statement // statementKey → statement

	admins *memo[adminResult]
	trusts *memo[bool]
	// byKind lists the principals of each kind, by ID.
	byKind map[iam.PrincipalKind][]*iam.Principal
}

// lastView keeps the IAM view of the graph analysed last. It is keyed by the graph and its size, so a graph
// extended since (new nodes or edges) gets a new view; it keeps that one graph alive until another is analysed.
var lastView struct {
	mu           sync.Mutex
	g            *graph.Graph
	nodes, edges int
	v            *iamView
}

// viewOf returns the IAM view of the context's graph.
func viewOf(c *paths.Context) *iamView {
	return c.Cached("aws.iam", func() any {
		lastView.mu.Lock()
		defer lastView.mu.Unlock()
		nodes, edges := c.Graph.Len()
		if lastView.g != c.Graph || lastView.nodes != nodes || lastView.edges != edges {
			lastView.g, lastView.nodes, lastView.edges, lastView.v = c.Graph, nodes, edges, newView(c.Graph, c.Index)
		}
		return lastView.v
	}).(*iamView)
}

// newView builds the IAM view of a graph.
func newView(g *graph.Graph, ix *link.Index) *iamView {
	m := access.NewModel(g, ix)
	v := &iamView{g: g, ix: ix, model: m, principals: map[string]*iam.Principal{}, resources: map[string]*iam.Resource{},
		admins: newMemo[adminResult](), trusts: newMemo[bool](), byKind: map[iam.PrincipalKind][]*iam.Principal{}}
	for _, p := range m.Principals {
		v.principals[p.ID] = p
		v.byKind[p.Kind] = append(v.byKind[p.Kind], p)
	}
	for _, ps := range v.byKind {
		sort.Slice(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
	}
	for _, r := range m.Resources {
		v.resources[r.ID] = r
	}
	return v
}

func statementKey(node, what string, index int) string {
	return node + "\x00" + what + "\x00" + strconv.Itoa(index)
}

// statement returns the statement a reference (or an edge's statements attribute) cites.
func (v *iamView) statement(node, what string, index int) *iam.Statement {
	v.stmtOnce.Do(func() {
		v.stmts = map[string]*iam.Statement{}
		add := func(p *iam.Policy) {
			if p == nil {
				return
			}
			for i := range p.Statements {
				st := &p.Statements[i]
				v.stmts[statementKey(p.Source.Node, p.Source.What, st.Index)] = st
			}
		}
		for _, p := range v.model.Principals {
			for _, pol := range p.Policies {
				add(pol)
			}
			add(p.Boundary)
		}
		for _, r := range v.model.Resources {
			add(r.Policy)
		}
	})
	return v.stmts[statementKey(node, what, index)]
}

// decide evaluates one request.
func decide(p *iam.Principal, action string, r *iam.Resource, ctx iam.Context) iam.Decision {
	return iam.Evaluate(iam.Request{Principal: p, Action: action, Resource: r, Context: ctx})
}

// pattern is a resource that stands for every resource an ARN pattern names
// ("arn:aws:lambda:eu-west-1:111122223333:function:*").
func pattern(arn string) *iam.Resource { return &iam.Resource{ID: arn, ARN: arn} }

// accountOf returns the account and region of a principal's node, "*" for what the files do not say.
func (v *iamView) accountOf(id string) (account, region string) {
	account, region = "*", "*"
	n, ok := v.g.Node(id)
	if !ok {
		return
	}
	if a := v.ix.AccountOf(n).Value; a != "" {
		account = a
	} else if p := v.principals[id]; p != nil {
		if parts := strings.Split(p.ARN, ":"); len(parts) == 6 && accountID.MatchString(parts[4]) {
			account = parts[4] // a principal outside the Terraform files: the account its ARN names
		}
	}
	if r := v.ix.RegionOf(n).Value; r != "" {
		region = r
	}
	return
}

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// probes are the requests that make an identity an administrator: it can rewrite every identity's
// permissions and credentials (iam:* on *, AdministratorAccess). %s is the account.
var probes = []struct{ action, resource string }{
	{"iam:AttachRolePolicy", "arn:aws:iam::%s:role/*"},
	{"iam:PutRolePolicy", "arn:aws:iam::%s:role/*"},
	{"iam:AttachUserPolicy", "arn:aws:iam::%s:user/*"},
	{"iam:CreateAccessKey", "arn:aws:iam::%s:user/*"},
	{"iam:CreatePolicyVersion", "arn:aws:iam::%s:policy/*"},
	{"iam:UpdateAssumeRolePolicy", "arn:aws:iam::%s:role/*"},
	{"iam:PassRole", "arn:aws:iam::%s:role/*"},
}

// adminResult says whether a principal is an administrator, with the first probe's decision as evidence.
type adminResult struct {
	admin    bool
	decision iam.Decision
	// assumptions are every probe's.
	assumptions []string
}

// isAdmin reports whether a principal's policies allow every probe on the whole of its account.
func isAdmin(p *iam.Principal, account string) adminResult {
	var res adminResult
	for i, pr := range probes {
		d := decide(p, pr.action, pattern(fmt.Sprintf(pr.resource, account)), nil)
		if !d.Allowed || d.Partial {
			return adminResult{}
		}
		if i == 0 {
			res.decision = d
		}
		for _, a := range d.Assumptions {
			res.assumptions = appendNew(res.assumptions, a.Text)
		}
	}
	res.admin = true
	return res
}

// adminOf reports whether a principal of the graph is an administrator of its account.
func (v *iamView) adminOf(id string) adminResult {
	return v.admins.get(id, func() adminResult {
		p := v.principals[id]
		if p == nil {
			return adminResult{}
		}
		account, _ := v.accountOf(id)
		return isAdmin(p, account)
	})
}

// allowAll is the policy an attacker who can change a principal's policies gives it.
var allowAll = func() *iam.Policy {
	p, _ := iam.ParsePolicy(map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}}},
		iam.Source{Place: iam.Place{Node: "attacker", What: "an administrator's policy the attacker attaches"}}, nil)
	return &p
}()

// boundaryAdmits reports whether a principal would be an administrator once an administrator's policy is
// attached to it: its permissions boundary, if any, must let it through.
func (v *iamView) boundaryAdmits(p *iam.Principal) bool {
	if p.Boundary == nil {
		return true
	}
	account, _ := v.accountOf(p.ID)
	q := &iam.Principal{ID: p.ID, Kind: p.Kind, ARN: p.ARN, Account: p.Account, Context: p.Context,
		Policies: []*iam.Policy{allowAll}, Boundary: p.Boundary}
	return isAdmin(q, account).admin
}

// trustsService reports whether a role's trust policy lets an AWS service assume it (so the service can run
// code with it once passed the role).
func (v *iamView) trustsService(role, service string) bool {
	return v.trusts.get(role+"\x00"+service, func() bool {
		r := v.resources[role]
		if r == nil || r.Policy == nil {
			return false
		}
		svc := &iam.Principal{ID: service, Kind: iam.PrincipalService, ARN: service}
		return decide(svc, "sts:AssumeRole", r, nil).Allowed
	})
}

// refEvidence is the evidence of a statement reference.
func refEvidence(r iam.StatementRef) model.Evidence {
	return model.Evidence{File: r.Source.File, Line: r.Source.Line, What: r.String()}
}

// decisionEvidence is the evidence of a decision: its allowing statements.
func decisionEvidence(d iam.Decision) []model.Evidence {
	var ev []model.Evidence
	for _, r := range d.Allowing {
		ev = append(ev, refEvidence(r))
	}
	return ev
}

func decisionAssumptions(d iam.Decision) []string {
	var out []string
	for _, a := range d.Assumptions {
		out = appendNew(out, a.Text)
	}
	return out
}

// narrowControl is the change on the policy that holds a granting statement: narrow it. Every access and
// escalation the policy grants shares it, so one fix covers them.
func narrowControl(c *paths.Context, policyNode string, fallback *model.Node) paths.Control {
	n := c.Node(policyNode)
	if n == nil {
		n = fallback
	}
	title := fmt.Sprintf("narrow %s to the actions and resources its identities need", name(c, n.ID))
	if strings.HasSuffix(n.Type, "_attachment") {
		title = fmt.Sprintf("replace the policy %s attaches (%s) with one granting only what its identities need", name(c, n.ID), str(n.Attrs["policy_arn"]))
	}
	return paths.ControlAt("narrow", n, title)
}

// firstGrant returns the policy node of a decision's first allowing statement, "" when none.
func firstGrant(d iam.Decision) string {
	if len(d.Allowing) == 0 {
		return ""
	}
	return d.Allowing[0].Source.Node
}

// outside reports whether a principal is outside the scanned files (a role of another account a resource
// policy names): the model assumes its own policies allow anything, for the resource side's sake, which says
// nothing of what it may do in this account.
func outside(n *model.Node) bool { return n == nil || n.Implicit || n.Attrs["outside_scan"] == true }

// accountNode returns the node Admin(account) is about for an identity: the account node of its root
// module's provider, else the only account node of the graph, else the identity itself.
func accountNode(c *paths.Context, id string) string {
	n := c.Node(id)
	if n == nil {
		return id
	}
	if root, _, ok := link.TerraformAddress(n); ok {
		if p, ok := c.Index.TFNode(root, "provider.aws"); ok && p.Kind == model.KindAccount {
			return p.ID
		}
	}
	if accts := c.Graph.NodesOfKind(model.KindAccount); len(accts) == 1 {
		return accts[0].ID
	}
	return id
}
