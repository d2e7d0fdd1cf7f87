package identity

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// principal is who asks a role's trust policy for its credentials.
type principal struct {
	kind   iam.PrincipalKind
	id     string // the service principal; "" for a web identity from the cluster's OIDC provider
	action string
	// subject is the token's sub claim for a web identity: system:serviceaccount:<ns>:<name>.
	subject string
}

func webIdentity(subject string) principal {
	return principal{kind: iam.PrincipalFederated, action: "sts:AssumeRoleWithWebIdentity", subject: subject}
}

func servicePrincipal(service, action string) principal {
	return principal{kind: iam.PrincipalService, id: service, action: action}
}

// verdict is what a trust policy says to a principal.
type verdict struct {
	admits      bool
	confidence  link.Confidence
	reason      string
	evidence    []model.Evidence
	assumptions []string
}

// trust evaluates the role's trust policy for the principal with internal/iam. A role whose trust the files
// do not give (a data source, an implicit role) is assumed to admit it, and says so.
func (w *work) trust(role *model.Node, p principal) verdict {
	doc, ok := role.Attrs["assume_role_policy"]
	if !ok || doc == nil {
		return verdict{admits: true, confidence: link.Medium, reason: "its trust policy is not in the scanned files",
			assumptions: []string{"the trust policy of " + roleName(role) + " is not in the scanned files; it is assumed to admit the caller"}}
	}
	src := iam.Source{Place: iam.Place{Node: role.ID, File: role.Prov.File, Line: role.Prov.Line, What: "trust policy of " + roleName(role)}}
	pol, _ := iam.ParsePolicy(doc, src, func(v any) (string, bool) {
		s, _, ok := w.ix.String(role, v)
		return s, ok
	})
	if pol.Unknown != "" {
		return verdict{admits: true, confidence: link.Low, reason: "its trust policy is an unknown value",
			assumptions: []string{"the trust policy of " + roleName(role) + " is unknown (" + pol.Unknown + "); it is assumed to admit the caller"}}
	}
	caller, ctx, assumed := w.caller(&pol, p)
	d := iam.Evaluate(iam.Request{Principal: caller, Action: p.action, Context: ctx,
		Resource: &iam.Resource{ID: role.ID, ARN: w.ix.ARN(role), Type: "iam:role", Policy: &pol,
			At: iam.Place{Node: role.ID, File: role.Prov.File, Line: role.Prov.Line}}})
	v := verdict{admits: d.Allowed, confidence: link.Certain, assumptions: assumed}
	for _, a := range d.Assumptions {
		v.assumptions = append(v.assumptions, a.Text)
	}
	if d.Uncertain || len(v.assumptions) > 0 {
		v.confidence = link.High
	}
	for _, s := range d.Allowing {
		v.evidence = append(v.evidence, statementEvidence(s, "trust statement admits "+p.describe()))
	}
	if d.Allowed {
		v.reason = "its trust statement " + statementName(d.Allowing) + " admits " + p.describe()
		return v
	}
	for _, r := range d.Refused {
		v.evidence = append(v.evidence, statementEvidence(r.Statement, "trust statement refuses: "+r.Why))
	}
	v.reason = "its trust policy does not admit " + p.describe()
	if len(d.Refused) > 0 {
		v.reason += ": " + d.Refused[0].Why
	}
	return v
}

// caller builds the iam principal and request context for p. A web identity token carries the
// ServiceAccount as its sub claim and sts.amazonaws.com as its audience under the cluster's issuer; the
// trust's own sub and aud keys stand for that issuer, and its OIDC provider is taken to be the cluster's.
func (w *work) caller(pol *iam.Policy, p principal) (*iam.Principal, iam.Context, []string) {
	if p.kind == iam.PrincipalService {
		return &iam.Principal{Kind: iam.PrincipalService, ARN: p.id}, nil, nil
	}
	ctx := iam.Context{}
	provider := ""
	for _, st := range pol.Statements {
		for _, c := range st.Conditions {
			switch key := strings.ToLower(c.Key); {
			case strings.HasSuffix(key, ":sub"):
				ctx[c.Key] = []string{p.subject}
			case strings.HasSuffix(key, ":aud"):
				ctx[c.Key] = []string{"sts.amazonaws.com"}
			}
		}
		if st.Principals != nil && provider == "" {
			for _, f := range st.Principals.Federated {
				if strings.Contains(f, ":oidc-provider/") || link.HasToken(f) {
					provider = f
					break
				}
			}
		}
	}
	var assumed []string
	if provider == "" {
		provider = "arn:aws:iam::" + link.Token("account") + ":oidc-provider/" + link.Token("cluster issuer")
	} else if link.HasToken(provider) || len(w.ix.NodesByARN(provider)) == 0 {
		assumed = append(assumed, "the ServiceAccount's token is taken to come from the OIDC provider the trust names ("+provider+"): the manifests do not say which cluster they run in")
	}
	return &iam.Principal{Kind: iam.PrincipalFederated, ARN: provider}, ctx, assumed
}

func (p principal) describe() string {
	if p.kind == iam.PrincipalService {
		return p.id
	}
	return "the web identity of " + p.subject
}

func statementEvidence(s iam.StatementRef, what string) model.Evidence {
	return model.Evidence{File: s.Source.File, Line: s.Source.Line, What: fmt.Sprintf("%s (statement %d%s)", what, s.Index, sidText(s.Sid))}
}

func statementName(refs []iam.StatementRef) string {
	if len(refs) == 0 {
		return ""
	}
	if refs[0].Sid != "" {
		return refs[0].Sid
	}
	return fmt.Sprintf("%d", refs[0].Index)
}

func sidText(sid string) string {
	if sid == "" {
		return ""
	}
	return ", Sid " + sid
}
