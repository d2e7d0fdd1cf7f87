package access

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// doc is one policy document found in the graph, with where it is written and how it applies.
type doc struct {
	value any         // the document as the extractor stored it (parsed JSON with unknown leaves), or JSON text
	node  *model.Node // the node holding it (an inline policy, a managed policy, a bucket policy, the role)
	// via says how the document applies to the principal or resource: "inline policy", "managed policy X
	// attached by Y", "AWS managed policy AdministratorAccess", "group G".
	via     string
	viaNode *model.Node // the attachment or group that makes it apply, when not node itself
	// approx is set for an AWS managed policy Seam knows only in reduced form.
	approx bool
}

// principalFacts is what the graph says about one IAM principal.
type principalFacts struct {
	node     *model.Node
	arn      string
	account  string
	policies []doc
	boundary *doc
	// unknown lists grants Seam could not read (an attached policy not in the scan, a managed policy it does
	// not know): each is an assumption on every result for the principal.
	unknown []string
}

// resourceFacts is what the graph says about one resource an IAM policy can name.
type resourceFacts struct {
	node    *model.Node
	arn     string
	account string
	policy  *doc // its resource-based policy (bucket policy, key policy, trust policy of a role)
}

// principalTypes are the node types that are IAM principals.
var principalTypes = map[string]bool{"aws_iam_role": true, "aws_iam_user": true}

// identityPolicyTypes hold identity-based policy documents (attr "policy") attached to an identity.
var identityPolicyTypes = map[string]bool{"aws_iam_role_policy": true, "aws_iam_user_policy": true, "aws_iam_group_policy": true}

// attachmentTypes attach a managed policy (attr "policy_arn") to identities.
var attachmentTypes = map[string]bool{"aws_iam_role_policy_attachment": true, "aws_iam_user_policy_attachment": true,
	"aws_iam_group_policy_attachment": true, "aws_iam_policy_attachment": true}

// resourcePolicyTypes hold a resource-based policy attached to the resource.
var resourcePolicyTypes = map[string]bool{"aws_s3_bucket_policy": true, "aws_kms_key_policy": true,
	"aws_secretsmanager_secret_policy": true, "aws_sqs_queue_policy": true, "aws_sns_topic_policy": true,
	"aws_ecr_repository_policy": true}

// collector gathers principals and resources from the graph.
type collector struct {
	g  *graph.Graph
	ix *link.Index
	// identity ID → documents attached directly (not through groups).
	direct     map[string][]doc
	boundaries map[string]doc
	resPolicy  map[string]doc
	unknown    map[string][]string
	names      map[string][]*model.Node // identity name → identities (roles, users, groups)
	policies   map[string]*model.Node   // managed policy ARN and name → aws_iam_policy node
}

func newCollector(g *graph.Graph, ix *link.Index) *collector {
	c := &collector{g: g, ix: ix, direct: map[string][]doc{}, boundaries: map[string]doc{}, resPolicy: map[string]doc{},
		unknown: map[string][]string{}, names: map[string][]*model.Node{}, policies: map[string]*model.Node{}}
	for _, n := range g.NodesOfKind(model.KindIdentity) {
		if name, ok := n.Attrs["name"].(string); ok && name != "" {
			c.names[n.Type+"/"+name] = append(c.names[n.Type+"/"+name], n)
		}
	}
	for _, n := range g.NodesOfKind(model.KindGrant) {
		if n.Type != "aws_iam_policy" {
			continue
		}
		if arn := ix.ARN(n); arn != "" {
			c.policies[arn] = n
		}
		if name, ok := n.Attrs["name"].(string); ok {
			c.policies["name/"+name] = n
		}
	}
	return c
}

// collect reads every policy and attachment of the graph.
func (c *collector) collect() {
	for _, n := range c.g.NodesOfKind(model.KindGrant) {
		switch {
		case identityPolicyTypes[n.Type]:
			for _, id := range c.targets(n) {
				c.direct[id.ID] = append(c.direct[id.ID], doc{value: n.Attrs["policy"], node: n, via: "inline policy " + n.Name})
			}
		case attachmentTypes[n.Type]:
			c.attachment(n)
		case resourcePolicyTypes[n.Type]:
			for _, e := range c.g.Out(n.ID) {
				if e.Kind == model.EdgeAttachedTo {
					c.resPolicy[e.To] = doc{value: n.Attrs["policy"], node: n, via: n.Type}
				}
			}
		case n.Type == "aws_iam_policy":
			// managed_policy_arns on a role makes "policy attached-to role" directly; so does a
			// permissions_boundary, which limits and never grants: it is read in ownDocuments.
			for _, e := range c.g.Out(n.ID) {
				if e.Kind == model.EdgeAttachedTo && e.Attrs["attribute"] != "permissions_boundary" {
					if t, ok := c.g.Node(e.To); ok && t.Kind == model.KindIdentity {
						c.direct[t.ID] = append(c.direct[t.ID], doc{value: n.Attrs["policy"], node: n, via: "managed policy " + n.Name})
					}
				}
			}
		}
	}
	for _, n := range c.g.NodesOfKind(model.KindIdentity) {
		c.ownDocuments(n)
	}
	for _, n := range c.g.Nodes() {
		if v, ok := n.Attrs["policy"]; ok && n.Kind != model.KindGrant && v != nil {
			if _, set := c.resPolicy[n.ID]; !set {
				c.resPolicy[n.ID] = doc{value: v, node: n, via: n.Type + " policy"}
			}
		}
	}
}

// ownDocuments reads the documents an identity carries itself: inline_policy blocks, managed_policy_arns
// given literally, and its permissions boundary; and a role's trust policy as its resource policy.
func (c *collector) ownDocuments(n *model.Node) {
	if blocks, ok := n.Attrs["inline_policy"].([]any); ok {
		for _, b := range blocks {
			if m, ok := b.(map[string]any); ok && m["policy"] != nil {
				c.direct[n.ID] = append(c.direct[n.ID], doc{value: m["policy"], node: n, via: fmt.Sprintf("inline_policy %v", m["name"])})
			}
		}
	}
	if arns, ok := n.Attrs["managed_policy_arns"].([]any); ok {
		for _, a := range arns {
			if s, ok := a.(string); ok {
				if d, ok := c.managed(s, n); ok {
					c.direct[n.ID] = append(c.direct[n.ID], d)
				}
			}
		}
	}
	if b, ok := n.Attrs["permissions_boundary"]; ok && b != nil {
		s, _, _ := c.ix.String(n, b)
		if d, ok := c.managed(s, n); ok {
			c.boundaries[n.ID] = d
		} else {
			c.boundaries[n.ID] = doc{node: n, via: "permissions boundary " + s + " (not in the scanned files)"}
		}
	}
	if tp, ok := n.Attrs["assume_role_policy"]; ok && tp != nil {
		c.resPolicy[n.ID] = doc{value: tp, node: n, via: "trust policy"}
	}
}

// attachment records the managed policy an attachment attaches to each identity it names.
func (c *collector) attachment(n *model.Node) {
	var policy *doc
	for _, e := range c.g.Out(n.ID) {
		if e.Kind != model.EdgeReferences {
			continue
		}
		if p, ok := c.g.Node(e.To); ok && p.Type == "aws_iam_policy" {
			policy = &doc{value: p.Attrs["policy"], node: p, via: "managed policy " + p.Name + " attached by " + n.Name, viaNode: n}
		}
	}
	if policy == nil {
		s, _, _ := c.ix.String(n, n.Attrs["policy_arn"])
		if d, ok := c.managed(s, n); ok {
			policy = &d
		}
	}
	for _, id := range c.targets(n) {
		if policy == nil {
			c.unknown[id.ID] = append(c.unknown[id.ID], fmt.Sprintf("%s attaches a policy Seam cannot read (%v); its grants are unknown", n.ID, n.Attrs["policy_arn"]))
			continue
		}
		c.direct[id.ID] = append(c.direct[id.ID], *policy)
	}
}

// managed resolves a policy ARN to a document: a managed policy of the scan, or an AWS managed policy Seam
// knows.
func (c *collector) managed(arn string, by *model.Node) (doc, bool) {
	if p, ok := c.policies[arn]; ok {
		return doc{value: p.Attrs["policy"], node: p, via: "managed policy " + p.Name + " attached by " + by.Name, viaNode: by}, true
	}
	name := arn[strings.LastIndex(arn, "/")+1:]
	if strings.HasPrefix(arn, "arn:aws:iam::aws:policy/") {
		if m, ok := managedPolicies[name]; ok {
			var v any
			_ = json.Unmarshal([]byte(m.doc), &v)
			return doc{value: v, node: by, via: "AWS managed policy " + name, approx: !m.exact}, true
		}
		return doc{}, false
	}
	if p, ok := c.policies["name/"+name]; ok && link.MatchTokens(c.ix.ARN(p), arn) {
		return doc{value: p.Attrs["policy"], node: p, via: "managed policy " + p.Name + " attached by " + by.Name, viaNode: by}, true
	}
	return doc{}, false
}

// targets returns the identities a policy or attachment applies to: its attached-to edges, else the
// identities its role/user/group attributes name literally.
func (c *collector) targets(n *model.Node) []*model.Node {
	var out []*model.Node
	for _, e := range c.g.Out(n.ID) {
		if e.Kind == model.EdgeAttachedTo {
			if t, ok := c.g.Node(e.To); ok && t.Kind == model.KindIdentity {
				out = append(out, t)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	for attr, typ := range map[string]string{"role": "aws_iam_role", "user": "aws_iam_user", "group": "aws_iam_group",
		"roles": "aws_iam_role", "users": "aws_iam_user", "groups": "aws_iam_group"} {
		for _, name := range link.Strings(n.Attrs[attr]) {
			out = append(out, c.names[typ+"/"+name]...)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// groupsOf returns the IAM groups a user is a member of (directly or through a membership resource).
func (c *collector) groupsOf(u *model.Node) []*model.Node {
	var out []*model.Node
	seen := map[string]bool{}
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		for _, e := range c.g.Out(id) {
			if e.Kind != model.EdgeMemberOf || seen[e.To] {
				continue
			}
			seen[e.To] = true
			t, ok := c.g.Node(e.To)
			if !ok {
				continue
			}
			if t.Type == "aws_iam_group" {
				out = append(out, t)
			} else if depth == 0 && t.Kind == model.KindGrant {
				walk(t.ID, 1)
			}
		}
	}
	walk(u.ID, 0)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// principals returns every IAM principal with its documents, sorted by ID.
func (c *collector) principals() []*principalFacts {
	var out []*principalFacts
	for _, n := range c.g.NodesOfKind(model.KindIdentity) {
		if !principalTypes[n.Type] {
			continue
		}
		p := &principalFacts{node: n, arn: c.ix.ARN(n), account: c.ix.AccountOf(n).Value}
		p.policies = append(p.policies, c.direct[n.ID]...)
		if n.Type == "aws_iam_user" {
			for _, grp := range c.groupsOf(n) {
				for _, d := range c.direct[grp.ID] {
					d.via = "group " + grp.Name + ": " + d.via
					d.viaNode = grp
					p.policies = append(p.policies, d)
				}
				p.unknown = append(p.unknown, c.unknown[grp.ID]...)
			}
		}
		if b, ok := c.boundaries[n.ID]; ok {
			p.boundary = &b
		}
		p.unknown = append(p.unknown, c.unknown[n.ID]...)
		if n.Implicit {
			p.unknown = append(p.unknown, n.ID+" is not defined in the scanned files: its permissions are unknown")
		}
		out = append(out, p)
	}
	return out
}

// resources returns every node with an ARN that an IAM policy can name, with its resource policy, sorted.
func (c *collector) resources() []*resourceFacts {
	var out []*resourceFacts
	for _, id := range c.ix.ARNs() {
		n, ok := c.g.Node(id)
		if !ok || n.Kind == model.KindGrant {
			continue
		}
		r := &resourceFacts{node: n, arn: c.ix.ARN(n), account: c.ix.AccountOf(n).Value}
		if d, ok := c.resPolicy[id]; ok {
			r.policy = &d
		}
		out = append(out, r)
	}
	return out
}
