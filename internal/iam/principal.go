package iam

import (
	"strings"
)

// PrincipalKind says what kind of caller a Principal is.
type PrincipalKind string

// The principals an evaluation knows.
const (
	// PrincipalRole is an IAM role (a session of it: what a workload holding the role's credentials is).
	PrincipalRole PrincipalKind = "role"
	// PrincipalUser is an IAM user.
	PrincipalUser PrincipalKind = "user"
	// PrincipalAccount is an AWS account as a whole: its root user, or any identity its administrators may
	// create. Its identity policies are taken to allow everything; resource policies still decide.
	PrincipalAccount PrincipalKind = "account"
	// PrincipalService is an AWS service principal ("ec2.amazonaws.com").
	PrincipalService PrincipalKind = "service"
	// PrincipalFederated is a web-identity or SAML session of an identity provider (an EKS OIDC provider for
	// IRSA); the request context carries its claims (<issuer>:sub, <issuer>:aud).
	PrincipalFederated PrincipalKind = "federated"
	// PrincipalAnonymous is an unauthenticated caller (the internet).
	PrincipalAnonymous PrincipalKind = "anonymous"
)

// Principal is who makes a request.
type Principal struct {
	ID   string // the caller's identifier (a graph node ID), echoed in results
	Kind PrincipalKind
	// ARN is the role or user ARN, the account's root ARN (optional), or the identity provider's ARN (or name,
	// "accounts.google.com") for a federated principal. For a service principal it is the service name.
	ARN string
	// Account is the principal's 12-digit account; "" takes it from the ARN.
	Account string
	// Policies are the principal's identity-based policies: inline, attached managed, and those of its
	// groups, each with a Source whose Via says how it applies.
	Policies []*Policy
	// Boundary is the permissions boundary, nil when there is none.
	Boundary *Policy
	// Context holds condition keys known for every request the principal makes (aws:PrincipalTag/team,
	// a federated session's <issuer>:sub).
	Context Context
}

// account returns the principal's account, from the field or from its ARN.
func (p *Principal) account() string {
	if p.Account != "" {
		return p.Account
	}
	return arnAccount(p.ARN)
}

// arnAccount returns the account field of an ARN, "" when it has none.
func arnAccount(arn string) string {
	parts := splitARN(arn)
	if len(parts) == 6 && strings.EqualFold(parts[0], "arn") {
		return parts[4]
	}
	return ""
}

// hasIdentityPolicies reports whether the principal's own policies take part in an evaluation.
func (p *Principal) hasIdentityPolicies() bool {
	return p.Kind == PrincipalRole || p.Kind == PrincipalUser
}

// admission is how a resource-based policy statement's Principal element admits a principal.
type admission uint8

const (
	admitNone      admission = iota
	admitDirect              // the principal itself (its ARN, a service, a provider, "*")
	admitDelegated           // its account (account id or root ARN): the account's own policies must also allow
)

// awsEntry is one AWS principal entry, read once: an account (id or root ARN), a role session ARN, or a
// role or user ARN.
type awsEntry struct {
	raw       string
	account   string // the account, for account entries
	isAccount bool
	session   bool   // arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION
	sessAcct  string // its account and role name
	sessRole  string
}

func prepareAWS(raw []string) []awsEntry {
	out := make([]awsEntry, len(raw))
	for i, e := range raw {
		out[i].raw = e
		if a, ok := accountEntry(e); ok {
			out[i].account, out[i].isAccount = a, true
			continue
		}
		parts := splitARN(e)
		if len(parts) == 6 && strings.EqualFold(parts[2], "sts") {
			if rest, ok := strings.CutPrefix(parts[5], "assumed-role/"); ok {
				name, _, _ := strings.Cut(rest, "/")
				out[i].session, out[i].sessAcct, out[i].sessRole = true, parts[4], name
			}
		}
	}
	return out
}

// prepare reads the set's AWS entries once; ParsePolicy calls it.
func (set *PrincipalSet) prepare() { set.aws = prepareAWS(set.AWS) }

// admits grades whether a statement's Principal (or NotPrincipal) element covers p, whose account is acct,
// and how.
// Source: docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html and
// reference_policies_elements_notprincipal.html.
func (st *Statement) admits(p *Principal, acct string) (admission, grade) {
	set := st.Principals
	if set == nil {
		return admitNone, no
	}
	how, g := set.admits(p, acct, st.NotPrincipal)
	if !st.NotPrincipal {
		return how, g
	}
	// NotPrincipal: the statement applies to everyone the element does not name.
	if g = notGrade(g); g == no {
		return admitNone, no
	}
	return admitDirect, g
}

// admits grades whether the set names p. With not set (NotPrincipal), an account entry names only the
// account principal itself, not its roles and users (AWS's rule for NotPrincipal).
func (set *PrincipalSet) admits(p *Principal, acct string, not bool) (admission, grade) {
	if set.Anyone {
		return admitDirect, yes
	}
	entries := set.aws
	if len(entries) != len(set.AWS) {
		entries = prepareAWS(set.AWS)
	}
	best, how := no, admitNone
	offer := func(h admission, g grade) {
		if g > best || (g == best && g != no && h == admitDirect && how != admitDirect) {
			best, how = g, h
		}
	}
	switch p.Kind {
	case PrincipalRole, PrincipalUser, PrincipalAccount:
		for i := range entries {
			e := &entries[i]
			if e.isAccount {
				g := compareValues(e.account, acct)
				if p.Kind == PrincipalAccount {
					offer(admitDirect, g)
				} else if !not {
					offer(admitDelegated, g)
				}
				continue
			}
			if p.Kind != PrincipalAccount {
				offer(admitDirect, matchPrincipalARN(e, p, acct))
			}
		}
	case PrincipalService:
		for _, e := range set.Service {
			offer(admitDirect, compareFold(e, p.ARN))
		}
	case PrincipalFederated:
		for _, e := range set.Federated {
			offer(admitDirect, compareValues(e, p.ARN))
		}
	}
	return how, best
}

// accountEntry recognises an account principal: a 12-digit id or arn:aws:iam::ACCOUNT:root.
func accountEntry(e string) (string, bool) {
	if isAccountID(e) {
		return e, true
	}
	parts := splitARN(e)
	if len(parts) == 6 && strings.EqualFold(parts[0], "arn") && strings.EqualFold(parts[2], "iam") && parts[5] == "root" {
		return parts[4], true
	}
	return "", false
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// matchPrincipalARN grades whether a Principal ARN names p: the role or user ARN itself, or a session of the
// role (arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION). Wildcards are not allowed in principal ARNs, so `*`
// inside an ARN is compared literally.
func matchPrincipalARN(e *awsEntry, p *Principal, acct string) grade {
	if g := compareValues(e.raw, p.ARN); g != no || !e.session || p.Kind != PrincipalRole {
		return g
	}
	return minGrade(compareValues(e.sessAcct, acct), compareValues(e.sessRole, roleName(p.ARN)))
}

// roleName is the last path segment of a role ARN.
func roleName(arn string) string {
	parts := splitARN(arn)
	res := parts[len(parts)-1]
	if i := strings.LastIndexByte(res, '/'); i >= 0 {
		return res[i+1:]
	}
	return res
}

// compareValues compares two concrete strings that may hold tokens, case-sensitively.
func compareValues(a, b string) grade {
	if a == b {
		return yes // identical tokens, if any, match each other
	}
	if !hasToken(a) && !hasToken(b) {
		return no
	}
	p, q := compileGlob(a, false, false), compileGlob(b, false, false)
	return overlap(&p, &q)
}

// compareFold compares two concrete strings that may hold tokens, ignoring case.
func compareFold(a, b string) grade {
	if !hasToken(a) && !hasToken(b) {
		return boolGrade(strings.EqualFold(a, b))
	}
	p, q := compileGlob(a, false, true), compileGlob(b, false, true)
	return overlap(&p, &q)
}
