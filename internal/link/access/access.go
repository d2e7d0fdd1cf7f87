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
	rc := newRenders()
	out.Edges = make([]model.Edge, 0, len(accesses))
	for _, a := range accesses {
		b.emit(&out, m, rc, a)
	}
	b.unknownGrants(&out, m)
	return out, nil
}

// renders caches the attribute values of the slices internal/iam shares between accesses with the same
// content (its results are read-only), so edges with equal actions or statements share one rendering.
type renders struct {
	actions    map[sliceKey[string]][]any
	levels     map[sliceKey[iam.Level]]rendered
	statements map[sliceKey[iam.StatementRef]]rendered
}

// sliceKey identifies a shared slice by its first element and length.
type sliceKey[T any] struct {
	first *T
	n     int
}

func keyOf[T any](s []T) sliceKey[T] {
	if len(s) == 0 {
		return sliceKey[T]{}
	}
	return sliceKey[T]{&s[0], len(s)}
}

// rendered is a slice turned into an attribute value, with what the reason and evidence need of it.
type rendered struct {
	attr     []any
	text     string           // levels joined for the reason
	evidence []model.Evidence // statements as evidence
	ev       []any            // the evidence rendered
}

func newRenders() *renders {
	return &renders{actions: map[sliceKey[string]][]any{}, levels: map[sliceKey[iam.Level]]rendered{},
		statements: map[sliceKey[iam.StatementRef]]rendered{}}
}

func (rc *renders) actionsOf(a []string) []any {
	k := keyOf(a)
	if v, ok := rc.actions[k]; ok {
		return v
	}
	v := make([]any, 0, min(len(a), maxActions))
	for i, act := range a {
		if i == maxActions {
			break
		}
		v = append(v, act)
	}
	rc.actions[k] = v
	return v
}

func (rc *renders) levelsOf(ls []iam.Level) rendered {
	k := keyOf(ls)
	if v, ok := rc.levels[k]; ok {
		return v
	}
	v := rendered{attr: make([]any, len(ls))}
	names := make([]string, len(ls))
	for i, l := range ls {
		v.attr[i], names[i] = string(l), string(l)
	}
	v.text = strings.Join(names, ", ")
	rc.levels[k] = v
	return v
}

func (rc *renders) statementsOf(refs []iam.StatementRef) rendered {
	k := keyOf(refs)
	if v, ok := rc.statements[k]; ok {
		return v
	}
	v := rendered{attr: make([]any, len(refs))}
	for i, s := range refs {
		v.attr[i] = statementAttr(s)
		v.evidence = append(v.evidence, model.Evidence{File: s.Source.File, Line: s.Source.Line, What: s.String()})
	}
	v.ev = link.RenderEvidence(v.evidence)
	rc.statements[k] = v
	return v
}

// emit turns one principal's access to one resource into a can edge (and a can-assume edge for a role it
// may assume).
func (b *Builder) emit(out *model.Facts, m *Model, rc *renders, a iam.Access) {
	if a.PrincipalID == a.ResourceID || (a.PrincipalID != model.InternetID && m.publicOnly(a)) {
		return // what a public policy grants everyone is one edge, from the internet
	}
	levels := rc.levelsOf(a.Levels)
	stmts := rc.statementsOf(a.Statements)
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
	reason := label(p) + " can " + levels.text + " " + label(r) + " (" + actionSummary(a.Actions) + ")"
	if a.Partial {
		reason += ", on part of it"
	}
	l := link.Link{Method: "iam-policy", Confidence: confidence, Reason: reason, Evidence: stmts.evidence,
		RenderedEvidence: stmts.ev, Assumptions: assumed,
		Attrs: map[string]any{"access": levels.attr, "actions": rc.actionsOf(a.Actions), "actions_total": len(a.Actions),
			"statements": stmts.attr, "partial": a.Partial}}
	if r.Type == "aws_iam_role" && hasAction(a.Actions, "iam:PassRole") {
		// The actions attribute keeps the first maxActions actions; whether the grant lets the principal
		// pass the role is kept whatever the cap leaves out.
		l.Attrs["pass_role"] = true
	}
	if len(stmts.evidence) == 0 {
		l.Evidence, l.RenderedEvidence = []model.Evidence{link.Evidence(p, "identity "+label(p))}, nil
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

// hasAction reports whether the allowed actions include action (case-insensitive, as IAM compares).
func hasAction(actions []string, action string) bool {
	for _, a := range actions {
		if strings.EqualFold(a, action) {
			return true
		}
	}
	return false
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
