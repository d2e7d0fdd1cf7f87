package iam

import (
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAnalyzeAgreesWithEvaluate checks that the bulk analysis, which decides every action of a resource at
// once over bit sets, gives the answer the single-request evaluation gives for each action: the same allowed
// actions, granting statements, partial flag and presence of assumptions, on a generated account with every
// feature turned up (denies, boundaries, conditions, tokens, resource, key and trust policies).
func TestAnalyzeAgreesWithEvaluate(t *testing.T) {
	cfg := genConfig{seed: 7, principals: 24, resources: 40, serviceWildcard: 40, anyResource: 25, admin: 8, deny: 40,
		boundary: 30, condition: 25, token: 10, managed: 25}
	w := genWorld(cfg)
	// Resources every kind of principal below can reach: a public bucket prefix, a role EC2 may assume, a role
	// one ServiceAccount may assume through the cluster's OIDC provider.
	w.resources = append(w.resources,
		bucket("public-site", mustParse(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::public-site/assets/*"}}`, "public.policy")),
		&Resource{ID: "role.node", ARN: "arn:aws:iam::" + acct + ":role/node",
			Policy: mustParse(`{"Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`, "node.trust")},
		&Resource{ID: "role.irsa", ARN: "arn:aws:iam::" + acct + ":role/irsa",
			Policy: mustParse(`{"Statement":{"Effect":"Allow","Principal":{"Federated":"`+oidcProvider+`"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"`+oidcIssuer+`:sub":"system:serviceaccount:shop:sa-1"}}}}`, "irsa.trust")})
	w.kinds = append(w.kinds, "bucket", "role", "role")
	u1 := user("u-1", w.principals[0].Policies...)
	u1.Boundary = w.principals[1].Boundary
	w.principals = append(w.principals, u1,
		&Principal{ID: "partner", Kind: PrincipalAccount, Account: partnerAccount},
		&Principal{ID: "own-account", Kind: PrincipalAccount, Account: acct},
		&Principal{ID: "ec2", Kind: PrincipalService, ARN: "ec2.amazonaws.com"},
		&Principal{ID: "sa-1", Kind: PrincipalFederated, ARN: oidcProvider, Context: Context{oidcIssuer + ":sub": {"system:serviceaccount:shop:sa-1"}}},
		&Principal{ID: "sa-unknown", Kind: PrincipalFederated, ARN: oidcProvider},
		&Principal{ID: "anon", Kind: PrincipalAnonymous})
	got := map[[2]int]Access{}
	for _, a := range Analyze(w.principals, w.resources, Options{Workers: 2}) {
		got[[2]int{a.Principal, a.Resource}] = a
	}
	checked := 0
	for pi, p := range w.principals {
		for ri, r := range w.resources {
			want := expectAccess(p, r)
			acc, ok := got[[2]int{pi, ri}]
			if !ok && want.Actions == nil {
				continue
			}
			checked++
			have := Access{Actions: acc.Actions, Statements: acc.Statements, Partial: acc.Partial, Assumptions: acc.Assumptions}
			if diff := cmp.Diff(summary(want), summary(have)); diff != "" {
				t.Errorf("%s on %s (-Evaluate +Analyze):\n%s", p.ID, r.ID, diff)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d pairs with access: the generated account exercises too little", checked)
	}
	for _, id := range []string{"user.u-1", "partner", "own-account", "ec2", "sa-1", "sa-unknown", "anon"} {
		if !hasAccess(got, w.principals, id) {
			t.Errorf("%s has no access at all: the generated account does not exercise it", id)
		}
	}
}

func hasAccess(got map[[2]int]Access, ps []*Principal, id string) bool {
	for k := range got {
		if ps[k[0]].ID == id {
			return true
		}
	}
	return false
}

// expectAccess asks Evaluate about every table action of each of the resource's types, and about the
// literal actions the generator uses that the table lacks.
func expectAccess(p *Principal, r *Resource) Access {
	var out Access
	var assumed bool
	types := []string{r.Type}
	if r.Type == "" {
		types[0] = ResourceTypeOf(r.ARN)
	}
	for _, c := range r.Contents {
		types = append(types, c.Type)
	}
	seen := map[string]bool{}
	try := func(action string) {
		d := Evaluate(Request{Principal: p, Action: action, Resource: r})
		if !d.Allowed {
			return
		}
		if _, known := LookupAction(action); !known && !allowedLiterally(p, r, d, action) {
			return
		}
		out.Actions = append(out.Actions, action)
		out.Statements = append(out.Statements, d.Allowing...)
		out.Partial = out.Partial || d.Partial
		assumed = assumed || len(d.Assumptions) > 0
	}
	for _, typ := range types {
		for _, a := range ExpandAction("*", typ) {
			if !seen[a.String()] {
				seen[a.String()] = true
				try(a.String())
			}
		}
	}
	// An action the table lacks counts when a statement names it literally; wildcards expand to the table.
	if r.Contents != nil {
		try("s3:PutObjectMagic")
	}
	sort.Strings(out.Actions)
	if assumed {
		out.Assumptions = []Assumption{{Text: "some"}}
	}
	return out
}

// allowedLiterally reports whether a statement that names action as written is among those that allowed it.
func allowedLiterally(p *Principal, r *Resource, d Decision, action string) bool {
	pols := append([]*Policy{r.Policy}, p.Policies...)
	for _, ref := range d.Allowing {
		for _, pol := range pols {
			if pol == nil || pol.Source.Node != ref.Source.Node {
				continue
			}
			for _, a := range pol.Statements[ref.Index].Actions {
				if a.String() == action {
					return true
				}
			}
		}
	}
	return false
}

type accessSummary struct {
	Actions    []string
	Statements []string
	Partial    bool
	Assumed    bool
}

func summary(a Access) accessSummary {
	s := accessSummary{Actions: a.Actions, Partial: a.Partial, Assumed: len(a.Assumptions) > 0}
	seen := map[string]bool{}
	for _, r := range a.Statements {
		k := fmt.Sprintf("%s#%d", r.Source.Node, r.Index)
		if !seen[k] {
			seen[k] = true
			s.Statements = append(s.Statements, k)
		}
	}
	sort.Strings(s.Statements)
	return s
}
