// Package access decides, with internal/iam, what every AWS identity of the scan can do to every resource it
// can name: `can` edges from roles and users (and from the internet and principals outside the scan that
// resource policies admit) to buckets, keys, secrets, parameters, tables, databases, functions, queues,
// topics, repositories and other identities, each with Seam's access levels (list, read, write,
// permissions-management, tagging, admin), the allowed actions and the statements that grant them; and
// `can-assume` edges to the roles an identity may assume.
//
// Decisions:
//   - Policy documents are read where the extractors put them: inline policies, managed policies through
//     their attachments (references or literal ARNs and names), managed_policy_arns, inline_policy blocks,
//     group policies for the group's users, permissions boundaries; resource policies from bucket, key,
//     secret, queue, topic and repository policy resources or attributes, and every role's trust policy.
//   - AWS managed policies are known by a summary table (managed.go); one not in it is an unknown grant, an
//     assumption on the identity, never silently nothing.
//   - A principal outside the scan that a resource policy names (another account, its role) is an implicit
//     identity node; its own policies are not in the files and are assumed to allow, which is said.
//   - An S3 bucket is evaluated with its objects (arn:aws:s3:::bucket/*), so object reads count as access to
//     the bucket; partial grants (one prefix) are marked partial.
//   - Policy documents that cannot be read are warnings at the policy's file and line.
package access

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Builder is the access link builder.
type Builder struct{}

// New returns the access builder.
func New() *Builder { return &Builder{} }

// Name returns "access".
func (*Builder) Name() string { return "access" }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "AWS identities to the resources and roles their IAM policies, resource policies and trust policies let them reach, with access levels and granting statements"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{"aws_iam_role", "aws_iam_user", "aws_iam_group", "aws_iam_*policy*", "aws_iam_*attachment",
		"aws_iam_group_membership", "resource policies (S3, KMS, Secrets Manager, SQS, SNS, ECR)", "constructed ARNs"}
}

// maxActions caps how many allowed actions an edge lists; the count is always given.
const maxActions = 40

// Build makes the access edges.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	m := NewModel(in.Graph, in.Index)
	out := m.facts(b)
	if err := ctx.Err(); err != nil {
		return model.Facts{}, err
	}
	an := iam.NewAnalyzer(m.Resources, iam.Options{})
	accesses := an.Analyze(m.Principals)
	for _, a := range accesses {
		b.emit(&out, m, a)
	}
	b.unknownGrants(&out, m)
	return out, nil
}

// emit turns one principal's access to one resource into a can edge (and a can-assume edge for a role it
// may assume).
func (b *Builder) emit(out *model.Facts, m *Model, a iam.Access) {
	if a.PrincipalID == a.ResourceID || (a.PrincipalID != model.InternetID && m.publicOnly(a)) {
		return // what a public policy grants everyone is one edge, from the internet
	}
	levels := make([]any, len(a.Levels))
	names := make([]string, len(a.Levels))
	for i, l := range a.Levels {
		levels[i], names[i] = string(l), string(l)
	}
	actions := make([]any, 0, min(len(a.Actions), maxActions))
	for i, act := range a.Actions {
		if i == maxActions {
			break
		}
		actions = append(actions, act)
	}
	statements := make([]any, len(a.Statements))
	var ev []model.Evidence
	for i, s := range a.Statements {
		statements[i] = statementAttr(s)
		ev = append(ev, model.Evidence{File: s.Source.File, Line: s.Source.Line, What: s.String()})
	}
	var assumed []string
	for _, as := range a.Assumptions {
		assumed = append(assumed, as.Text)
	}
	assumed = append(assumed, m.assumptionsOf(a)...)
	confidence := link.Certain
	if len(assumed) > 0 {
		confidence = link.High
	}
	p, r := m.nodes[a.PrincipalID], m.nodes[a.ResourceID]
	reason := fmt.Sprintf("%s can %s %s (%s)", label(p), strings.Join(names, ", "), label(r), actionSummary(a.Actions))
	if a.Partial {
		reason += ", on part of it"
	}
	l := link.Link{Method: "iam-policy", Confidence: confidence, Reason: reason, Evidence: ev, Assumptions: assumed,
		Attrs: map[string]any{"access": levels, "actions": actions, "actions_total": len(a.Actions),
			"statements": statements, "partial": a.Partial}}
	if len(ev) == 0 {
		l.Evidence = []model.Evidence{link.Evidence(p, "identity "+label(p))}
	}
	out.Edges = append(out.Edges, link.NewEdge(b, a.PrincipalID, model.EdgeCan, a.ResourceID, l))
	if r.Type == "aws_iam_role" && hasAssume(a.Actions) {
		l.Reason = fmt.Sprintf("%s may assume role %s: the role's trust admits it and its policies allow sts:AssumeRole", label(p), label(r))
		out.Edges = append(out.Edges, link.NewEdge(b, a.PrincipalID, model.EdgeCanAssume, a.ResourceID, l))
	}
	for _, as := range assumed {
		out.Assumptions = append(out.Assumptions, model.Assumption{Subject: a.PrincipalID, Attribute: "can " + a.ResourceID,
			Reason: as, Assumed: "the access is reported", Prov: model.Provenance{File: l.Evidence[0].File, Line: l.Evidence[0].Line, Extractor: link.Extractor(b)}})
	}
}

// unknownGrants records, once per principal, the grants Seam could not read: its access may be broader than
// the edges say.
func (b *Builder) unknownGrants(out *model.Facts, m *Model) {
	for _, p := range m.Principals {
		n := m.nodes[p.ID]
		for _, why := range m.unknown[p.ID] {
			prov := model.Provenance{File: n.Prov.File, Line: n.Prov.Line, Extractor: link.Extractor(b)}
			out.Assumptions = append(out.Assumptions, model.Assumption{Subject: p.ID, Attribute: "permissions", Reason: why,
				Assumed: "its access may be broader than the can edges show", Prov: prov})
		}
	}
}

func hasAssume(actions []string) bool {
	for _, a := range actions {
		if strings.EqualFold(a, "sts:AssumeRole") || strings.EqualFold(a, "sts:AssumeRoleWithWebIdentity") {
			return true
		}
	}
	return false
}

// statementAttr renders a granting statement as an edge attribute.
func statementAttr(s iam.StatementRef) map[string]any {
	m := map[string]any{"policy": s.Source.Node, "statement": s.Index, "effect": string(s.Effect), "file": s.Source.File, "line": s.Source.Line}
	if s.Sid != "" {
		m["sid"] = s.Sid
	}
	if s.Source.What != "" {
		m["what"] = s.Source.What
	}
	if len(s.Source.Via) > 0 {
		via := make([]any, len(s.Source.Via))
		for i, p := range s.Source.Via {
			via[i] = p.Node
		}
		m["via"] = via
	}
	return m
}

// actionSummary names a few allowed actions for the reason sentence.
func actionSummary(actions []string) string {
	if len(actions) <= 3 {
		return strings.Join(actions, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(actions[:3], ", "), len(actions)-3)
}

func label(n *model.Node) string {
	if n == nil {
		return "?"
	}
	if n.Name != "" {
		return n.Type + " " + n.Name
	}
	return n.ID
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
