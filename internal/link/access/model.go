package access

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Model is the IAM picture of a graph, ready for internal/iam: every principal with its identity policies
// and boundary, every resource with its ARN patterns and resource policy. The access builder analyses it;
// `seam who-can` asks it about one action.
type Model struct {
	Principals []*iam.Principal
	Resources  []*iam.Resource

	g        *graph.Graph
	ix       *link.Index
	nodes    map[string]*model.Node // principal and resource IDs → nodes (implicit ones included)
	implicit []model.Node           // nodes for principals outside the scan
	unknown  map[string][]string    // principal ID → grants Seam could not read
	approx   map[string]string      // policy source key → why it is known in summary only
	problems []model.Diagnostic
}

// NewModel reads the IAM picture of g.
func NewModel(g *graph.Graph, ix *link.Index) *Model {
	m := &Model{g: g, ix: ix, nodes: map[string]*model.Node{}, unknown: map[string][]string{}, approx: map[string]string{}}
	c := newCollector(g, ix)
	c.collect()
	for _, pf := range c.principals() {
		m.addPrincipal(pf)
	}
	for _, rf := range c.resources() {
		m.addResource(rf)
	}
	m.addOutsiders()
	return m
}

func (m *Model) addPrincipal(pf *principalFacts) {
	kind := iam.PrincipalRole
	if pf.node.Type == "aws_iam_user" {
		kind = iam.PrincipalUser
	}
	p := &iam.Principal{ID: pf.node.ID, Kind: kind, ARN: pf.arn, Account: pf.account}
	for _, d := range pf.policies {
		pol := m.parse(d)
		p.Policies = append(p.Policies, pol)
		if d.approx {
			m.approx[sourceKey(pol.Source)] = d.via + " is known to Seam in summary only: it may grant more"
		}
	}
	if pf.boundary != nil {
		if pf.boundary.value == nil {
			m.unknown[p.ID] = append(m.unknown[p.ID], pf.boundary.via+": the boundary is not applied")
		} else {
			p.Boundary = m.parse(*pf.boundary)
		}
	}
	m.unknown[p.ID] = append(m.unknown[p.ID], pf.unknown...)
	m.nodes[p.ID] = pf.node
	m.Principals = append(m.Principals, p)
}

func (m *Model) addResource(rf *resourceFacts) {
	r := &iam.Resource{ID: rf.node.ID, ARN: rf.arn, Account: rf.account,
		At: iam.Place{Node: rf.node.ID, File: rf.node.Prov.File, Line: rf.node.Prov.Line}}
	if rf.policy != nil {
		r.Policy = m.parse(*rf.policy)
	}
	if rf.node.Type == "aws_s3_bucket" {
		r.Contents = []iam.Target{{ARN: rf.arn + "/*", Type: "s3:object"}}
	}
	m.nodes[r.ID] = rf.node
	m.Resources = append(m.Resources, r)
}

// parse reads one document, recording what it could not read as a warning at the document's place.
func (m *Model) parse(d doc) *iam.Policy {
	src := iam.Source{Place: iam.Place{Node: d.node.ID, File: d.node.Prov.File, Line: d.node.Prov.Line, What: d.via}}
	if d.viaNode != nil {
		src.Via = []iam.Place{{Node: d.viaNode.ID, File: d.viaNode.Prov.File, Line: d.viaNode.Prov.Line, What: d.via}}
	}
	pol, problems := iam.ParsePolicy(d.value, src, m.resolver(d.node))
	for _, p := range problems {
		m.problems = append(m.problems, model.Diagnostic{File: d.node.Prov.File, Line: d.node.Prov.Line,
			Severity: model.SeverityWarning, Extractor: "link/access",
			Message: fmt.Sprintf("%s of %s: %s: %s", d.via, d.node.ID, p.Path, p.Message)})
	}
	return &pol
}

// resolver turns a policy leaf into the string Seam knows: references to resources of the scan become their
// ARNs and names, unknown parts ${...} tokens.
func (m *Model) resolver(n *model.Node) func(v any) (string, bool) {
	return func(v any) (string, bool) {
		switch x := v.(type) {
		case int, float64, bool:
			return fmt.Sprint(x), true
		}
		s, _, ok := m.ix.String(n, v)
		return s, ok
	}
}

// addOutsiders adds the principals resource policies name that the scan does not define: the internet
// ("*"), other accounts and their roles and users. Their own policies are not in the files and are assumed to
// allow what the resource policy grants.
func (m *Model) addOutsiders() {
	known := map[string]bool{}
	for _, p := range m.Principals {
		known[p.ARN] = true
	}
	anyone := false
	outside := map[string]bool{}
	for _, r := range m.Resources {
		if r.Policy == nil || r.Type == "iam:role" || strings.Contains(r.ARN, ":role/") {
			continue // trust policies are for assuming, handled as access to the role
		}
		for _, st := range r.Policy.Statements {
			if st.Principals == nil || st.Effect != iam.Allow {
				continue
			}
			anyone = anyone || st.Principals.Anyone
			for _, a := range st.Principals.AWS {
				if a != "*" && !known[a] && !link.HasToken(a) {
					outside[a] = true
				}
			}
		}
	}
	allowAll := &iam.Policy{Source: iam.Source{Place: iam.Place{Node: "outside", What: "the policies of a principal outside the scanned files (assumed to allow)"}}}
	if p, _ := iam.ParsePolicy(map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}}}, allowAll.Source, nil); len(p.Statements) > 0 {
		allowAll = &p
	}
	for _, a := range sortedKeys(outside) {
		kind, id := iam.PrincipalAccount, a
		switch {
		case strings.Contains(a, ":role/"):
			kind = iam.PrincipalRole
		case strings.Contains(a, ":user/"):
			kind = iam.PrincipalUser
		case !strings.HasPrefix(a, "arn:"):
			id = "arn:aws:iam::" + a + ":root"
		}
		n := model.Node{ID: id, Kind: model.KindIdentity, Type: "aws_principal", Name: id, Implicit: true,
			Attrs: map[string]any{"arn": id, "outside_scan": true}, Prov: model.Provenance{Extractor: "link/access"}}
		m.implicit = append(m.implicit, n)
		m.nodes[id] = &m.implicit[len(m.implicit)-1]
		p := &iam.Principal{ID: id, Kind: kind, ARN: id}
		if kind != iam.PrincipalAccount {
			p.Policies = []*iam.Policy{allowAll}
		}
		m.unknown[id] = append(m.unknown[id], id+" is outside the scanned files: its own policies are assumed to allow this")
		m.Principals = append(m.Principals, p)
	}
	if anyone {
		internet := model.Node{ID: model.InternetID, Kind: model.KindEntryPoint, Type: "internet", Name: "internet", Implicit: true,
			Prov: model.Provenance{Extractor: "link/access"}}
		m.implicit = append(m.implicit, internet)
		m.nodes[model.InternetID] = &m.implicit[len(m.implicit)-1]
		m.Principals = append(m.Principals, &iam.Principal{ID: model.InternetID, Kind: iam.PrincipalAnonymous})
	}
	for i := range m.implicit {
		// An outside principal is evidenced by the resource policy that names it.
		m.implicit[i].Prov.File, m.implicit[i].Prov.Line = m.namedAt(m.implicit[i].ID)
		m.nodes[m.implicit[i].ID] = &m.implicit[i]
	}
}

// facts returns what the model itself contributes: nodes for outside principals, and the documents it
// could not read.
func (m *Model) facts(b *Builder) model.Facts {
	var f model.Facts
	for _, n := range m.implicit {
		if _, ok := m.g.Node(n.ID); ok {
			continue
		}
		n.Prov.Extractor = link.Extractor(b)
		f.Nodes = append(f.Nodes, n)
	}
	f.Diagnostics = append(f.Diagnostics, m.problems...)
	return f
}

// namedAt returns the file and line of the first resource policy that names a principal.
func (m *Model) namedAt(id string) (string, int) {
	for _, r := range m.Resources {
		if r.Policy == nil {
			continue
		}
		for _, st := range r.Policy.Statements {
			if st.Principals == nil {
				continue
			}
			if id == model.InternetID && st.Principals.Anyone {
				return r.Policy.Source.File, r.Policy.Source.Line
			}
			for _, a := range st.Principals.AWS {
				if a == id || "arn:aws:iam::"+a+":root" == id {
					return r.Policy.Source.File, r.Policy.Source.Line
				}
			}
		}
	}
	return "", 0
}

// Node returns the node of a principal or resource of the model (including outside principals).
func (m *Model) Node(id string) (*model.Node, bool) {
	n, ok := m.nodes[id]
	return n, ok
}

// Resource finds a resource by node ID, ARN or name.
func (m *Model) Resource(query string) ([]*iam.Resource, error) {
	var out []*iam.Resource
	for _, r := range m.Resources {
		n := m.nodes[r.ID]
		if r.ID == query || r.ARN == query || n.Name == query || n.Attrs["name"] == query || n.Attrs["bucket"] == query {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no resource %q: give a node ID, an ARN or a name (see seam graph --format json)", query)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Grant is one principal's allowed request, as WhoCan finds it.
type Grant struct {
	Principal *iam.Principal
	Decision  iam.Decision
}

// WhoCan evaluates one action on one resource for every principal and returns those allowed, in principal
// order.
func (m *Model) WhoCan(action string, r *iam.Resource) []Grant {
	var out []Grant
	for i, d := range iam.WhoCan(m.Principals, action, r, nil) {
		if d.Allowed {
			out = append(out, Grant{Principal: m.Principals[i], Decision: d})
		}
	}
	return out
}

// Unknown returns what Seam could not read about a principal's grants.
func (m *Model) Unknown(id string) []string { return m.unknown[id] }

// publicOnly reports whether every statement granting an access is a resource-policy statement that admits
// anyone: such access is the internet's, reported once from the internet node.
func (m *Model) publicOnly(a iam.Access) bool {
	if len(a.Statements) == 0 || a.Resource >= len(m.Resources) {
		return false
	}
	pol := m.Resources[a.Resource].Policy
	if pol == nil {
		return false
	}
	for _, s := range a.Statements {
		st := findStatement(pol, s.Index)
		if s.Source.Node != pol.Source.Node || st == nil || st.Principals == nil || !st.Principals.Anyone {
			return false
		}
	}
	return true
}

// findStatement returns the statement of a policy with a given index.
func findStatement(p *iam.Policy, index int) *iam.Statement {
	for i := range p.Statements {
		if p.Statements[i].Index == index {
			return &p.Statements[i]
		}
	}
	return nil
}

// sourceKey identifies a policy source for the approximation check.
func sourceKey(s iam.Source) string { return s.Node + "\x00" + s.What }

// assumptionsOf returns what an access rests on beyond its statements: a managed policy known only in
// summary among the granting statements.
func (m *Model) assumptionsOf(a iam.Access) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range a.Statements {
		if why, ok := m.approx[sourceKey(s.Source)]; ok && !seen[why] {
			seen[why] = true
			out = append(out, why)
		}
	}
	return out
}
