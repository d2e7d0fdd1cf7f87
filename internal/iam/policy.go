package iam

import (
	"fmt"
	"strconv"
)

// Place is one place in the scanned files: the graph node that stands for it, its file and line, and what it
// is ("inline policy", "attachment aws_iam_role_policy_attachment.x", "group admins").
type Place struct {
	Node string
	File string
	Line int
	What string
}

// Source says where a policy document is and why it applies: the node that holds it (a policy, an inline
// policy, a bucket policy, a role's trust) and the chain of attachments that made it apply to the principal
// (an attachment, a group membership and the group's attachment). Every Statement cites it.
type Source struct {
	Place
	Via []Place
}

// String renders the source as "node (file:line)".
func (s Source) String() string {
	if s.File == "" {
		return s.Node
	}
	return fmt.Sprintf("%s (%s:%d)", s.Node, s.File, s.Line)
}

// Effect is a statement's Effect.
type Effect string

// The two effects.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Policy is a parsed IAM policy document.
type Policy struct {
	Version    string
	ID         string
	Statements []Statement
	Source     Source
	// Unknown is the expression of a document Seam could not read at all (an unknown Terraform value); such a
	// policy grants and denies nothing, and every decision that consults it lists it as an assumption.
	Unknown string
}

// Statement is one statement of a policy, compiled for matching.
type Statement struct {
	Index  int    // position in the document's Statement list, from 0
	Sid    string // "" when the statement has none
	Effect Effect

	// NotAction, NotResource and NotPrincipal invert their element: the statement applies to everything
	// except what the element lists.
	Actions     []ActionPattern
	NotAction   bool
	Resources   []ResourcePattern
	NotResource bool
	// Principals is nil when the statement has no Principal or NotPrincipal element (identity policies).
	Principals   *PrincipalSet
	NotPrincipal bool
	Conditions   []Condition
	// Assumed lists what parsing had to assume about this statement (an Effect that is an unknown value).
	Assumed []string

	lazy *statementCache
}

// PrincipalSet is a Principal (or NotPrincipal) element.
type PrincipalSet struct {
	Anyone    bool     // "*" or {"AWS": "*"}
	AWS       []string // account ids, account root ARNs, role and user ARNs, assumed-role session ARNs
	Service   []string // "ec2.amazonaws.com"
	Federated []string // OIDC/SAML provider ARNs, "cognito-identity.amazonaws.com", "accounts.google.com"
	Canonical []string // S3 canonical user ids

	aws []awsEntry // AWS, read once
}

// StatementRef cites one statement: its policy's source, its index and Sid, and its effect.
type StatementRef struct {
	Source Source
	Index  int
	Sid    string
	Effect Effect
}

// Ref returns the reference that cites s in policy p.
func (p *Policy) Ref(s *Statement) StatementRef {
	return StatementRef{Source: p.Source, Index: s.Index, Sid: s.Sid, Effect: s.Effect}
}

// String renders the reference as "policy X statement 2 (Sid Foo), file:line".
func (r StatementRef) String() string {
	s := "policy " + r.Source.Node + " statement " + strconv.Itoa(r.Index)
	if r.Sid != "" {
		s += " (Sid " + r.Sid + ")"
	}
	if r.Source.File != "" {
		s += fmt.Sprintf(", %s:%d", r.Source.File, r.Source.Line)
	}
	return s
}

func refLess(a, b StatementRef) bool {
	if a.Source.Node != b.Source.Node {
		return a.Source.Node < b.Source.Node
	}
	if a.Source.File != b.Source.File {
		return a.Source.File < b.Source.File
	}
	if a.Index != b.Index {
		return a.Index < b.Index
	}
	return viaString(a.Source.Via) < viaString(b.Source.Via)
}

func viaString(via []Place) string {
	s := ""
	for _, p := range via {
		s += p.Node + "\x00"
	}
	return s
}

// Problem is something wrong with a policy document: a malformed element, a value Seam could not read. The
// statement it concerns is skipped or read as far as possible, as the message says.
type Problem struct {
	Source    Source
	Statement int    // the statement's index, -1 for the document as a whole
	Path      string // the element: "Statement[1].Condition"
	Message   string
}

// String renders the problem as "file:line: path: message".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.Source.File, p.Source.Line, p.Path, p.Message)
}

// Assumption is something an evaluation had to assume: a condition it could not evaluate, a token it let
// match, a key policy it did not find. Statement is the statement it concerns, when there is one.
type Assumption struct {
	Statement *StatementRef
	Text      string
}

func assumptionLess(a, b Assumption) bool {
	switch {
	case a.Statement == nil && b.Statement != nil:
		return true
	case a.Statement != nil && b.Statement == nil:
		return false
	case a.Statement != nil && b.Statement != nil:
		if refLess(*a.Statement, *b.Statement) {
			return true
		}
		if refLess(*b.Statement, *a.Statement) {
			return false
		}
	}
	return a.Text < b.Text
}
