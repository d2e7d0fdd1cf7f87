package iam

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/seam-sec/seam/internal/model"
)

// stmtView is what a test compares of a parsed statement.
type stmtView struct {
	Index                            int
	Sid                              string
	Effect                           Effect
	Actions, Resources               []string
	NotAction, NotResource, NotPrinc bool
	Principals                       *PrincipalSet
	Conditions                       []string
	Assumed                          []string
}

func view(p Policy) []stmtView {
	var out []stmtView
	for _, st := range p.Statements {
		v := stmtView{Index: st.Index, Sid: st.Sid, Effect: st.Effect, NotAction: st.NotAction, NotResource: st.NotResource,
			NotPrinc: st.NotPrincipal, Principals: st.Principals, Assumed: st.Assumed}
		for _, a := range st.Actions {
			v.Actions = append(v.Actions, a.String())
		}
		for _, r := range st.Resources {
			v.Resources = append(v.Resources, r.String())
		}
		for _, c := range st.Conditions {
			v.Conditions = append(v.Conditions, c.Text())
		}
		out = append(out, v)
	}
	return out
}

func TestParsePolicy(t *testing.T) {
	tests := []struct {
		name string
		doc  any
		want []stmtView
	}{{
		// Statement as a single object; Federated principal as a string; two keys under one operator, sorted.
		name: "irsa trust", doc: fixture(t, "irsa-trust.json"),
		want: []stmtView{{Effect: Allow, Actions: []string{"sts:AssumeRoleWithWebIdentity"}, Resources: []string{"*"},
			Principals: &PrincipalSet{Federated: []string{"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"}},
			Conditions: []string{
				`StringEquals oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud ["sts.amazonaws.com"]`,
				`StringEquals oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub ["system:serviceaccount:shop:api"]`}}},
	}, {
		// "*" as the principal is anyone; an AWS principal as a string; Resource as a string and a list.
		name: "tls-only bucket policy", doc: fixture(t, "s3-tls-only.json"),
		want: []stmtView{
			{Index: 0, Sid: "ApiReadsInvoices", Effect: Allow, Actions: []string{"s3:GetObject"},
				Resources:  []string{"arn:aws:s3:::customer-documents/invoices/*"},
				Principals: &PrincipalSet{AWS: []string{"arn:aws:iam::123456789012:role/webshop-prod-api"}}},
			{Index: 1, Sid: "DenyInsecureTransport", Effect: Deny, Actions: []string{"s3:*"},
				Resources:  []string{"arn:aws:s3:::customer-documents", "arn:aws:s3:::customer-documents/*"},
				Principals: &PrincipalSet{Anyone: true}, Conditions: []string{`Bool aws:SecureTransport ["false"]`}},
		},
	}, {
		// NotAction, NotResource, NotPrincipal, {"AWS": "*"}, Service and CanonicalUser lists, numbers and
		// booleans as condition values.
		name: "not elements", doc: map[string]any{"Version": "2012-10-17", "Statement": []any{
			map[string]any{"Effect": "Deny", "NotAction": []any{"iam:*"}, "NotResource": "arn:aws:s3:::pub/*",
				"NotPrincipal": map[string]any{"AWS": []any{"arn:aws:iam::123456789012:role/admin", "123456789012"}}},
			map[string]any{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
				"Principal": map[string]any{"AWS": "*", "Service": []any{"cloudtrail.amazonaws.com"}, "CanonicalUser": "79a59df9"},
				"Condition": map[string]any{"NumericLessThan": map[string]any{"s3:max-keys": 10.0}, "Bool": map[string]any{"aws:SecureTransport": true}}},
		}},
		want: []stmtView{
			{Index: 0, Effect: Deny, Actions: []string{"iam:*"}, NotAction: true, Resources: []string{"arn:aws:s3:::pub/*"},
				NotResource: true, NotPrinc: true,
				Principals: &PrincipalSet{AWS: []string{"arn:aws:iam::123456789012:role/admin", "123456789012"}}},
			{Index: 1, Effect: Allow, Actions: []string{"s3:GetObject"}, Resources: []string{"*"},
				Principals: &PrincipalSet{Anyone: true, Service: []string{"cloudtrail.amazonaws.com"}, Canonical: []string{"79a59df9"}},
				Conditions: []string{`Bool aws:SecureTransport ["true"]`, `NumericLessThan s3:max-keys ["10"]`}},
		},
	}, {
		// Unknown leaves become ${expr} tokens with the default resolver; an unknown Effect is assumed Allow.
		name: "unknown leaves", doc: map[string]any{"Statement": map[string]any{
			"Effect": model.Unknown("var.effect"), "Action": "s3:GetObject",
			"Resource": []any{model.Unknown("${aws_s3_bucket.docs.arn}/*")}}},
		want: []stmtView{{Effect: Allow, Actions: []string{"s3:GetObject"}, Resources: []string{"${${aws_s3_bucket.docs.arn}/*}"},
			Assumed: []string{"Effect ${var.effect} is unknown: assumed Allow"}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := ParsePolicy(tt.doc, Source{}, nil)
			if len(probs) > 0 {
				t.Errorf("problems: %v", probs)
			}
			if diff := cmp.Diff(tt.want, view(p), cmpopts.IgnoreUnexported(PrincipalSet{})); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParsePolicyResolve checks that the caller's resolver is asked for every leaf, and that a leaf it
// cannot read becomes a token that may match anything, with a problem.
func TestParsePolicyResolve(t *testing.T) {
	arns := map[string]string{"aws_s3_bucket.docs.arn": "arn:aws:s3:::docs", "${aws_s3_bucket.docs.arn}/*": "arn:aws:s3:::docs/*"}
	resolve := func(v any) (string, bool) {
		if s, ok := v.(string); ok {
			return s, true
		}
		expr, ok := model.IsUnknown(v)
		if !ok {
			return "", false
		}
		if s, ok := arns[expr]; ok {
			return s, true
		}
		return "", false
	}
	doc := map[string]any{"Statement": map[string]any{"Effect": "Allow", "Action": "s3:GetObject",
		"Resource": []any{model.Unknown("aws_s3_bucket.docs.arn"), model.Unknown("${aws_s3_bucket.docs.arn}/*"), model.Unknown("var.other")}}}
	src := Source{Place: Place{Node: "pol", File: "iam.tf", Line: 7}}
	p, probs := ParsePolicy(doc, src, resolve)
	want := []stmtView{{Effect: Allow, Actions: []string{"s3:GetObject"},
		Resources: []string{"arn:aws:s3:::docs", "arn:aws:s3:::docs/*", "${unresolved}"}}}
	if diff := cmp.Diff(want, view(p)); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}
	wantProbs := []Problem{{Source: src, Statement: 0, Path: "Statement[0].Resource[2]", Message: "value could not be read; assumed it may match anything"}}
	if diff := cmp.Diff(wantProbs, probs); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if p.Source.File != "iam.tf" || p.Source.Line != 7 {
		t.Errorf("policy source %v", p.Source)
	}
}

// TestParsePolicyProblems checks that malformed documents give problems, keep what can be read, and never
// panic.
func TestParsePolicyProblems(t *testing.T) {
	tests := []struct {
		name    string
		doc     any
		unknown string
		stmts   int
		paths   []string
	}{
		{"malformed fixture", fixture(t, "malformed.json"), "", 3,
			[]string{"Statement[0]", "Statement[1].Effect", "Statement[2].Effect", "Statement[3].Action",
				"Statement[4].NotAction", "Statement[5].Condition.StringEqualsMaybe", "Statement[6].Sid"}},
		{"not json", `{"Statement": [`, "unparseable JSON", 0, []string{""}},
		{"unknown document", model.Unknown("var.policy_json"), "var.policy_json", 0, []string{""}},
		{"a list", []any{}, "not an object", 0, []string{""}},
		{"no statement", map[string]any{"Version": "2012-10-17"}, "", 0, []string{"Statement"}},
		{"statement a number", map[string]any{"Statement": 3.0}, "", 0, []string{"Statement"}},
		{"unknown statements", map[string]any{"Statement": model.Unknown("local.statements")}, "", 0, []string{"Statement"}},
		{"unknown element", map[string]any{"Statement": []any{}, "Versoin": "x"}, "", 0, []string{"Versoin"}},
		{"null action", map[string]any{"Statement": map[string]any{"Effect": "Allow", "Action": nil}}, "", 0,
			[]string{"Statement[0].Action", "Statement[0].Action"}},
		{"principal string", map[string]any{"Statement": map[string]any{"Effect": "Allow", "Action": "s3:*", "Principal": "123456789012"}}, "", 1,
			[]string{"Statement[0].Principal"}},
		{"condition not an object", map[string]any{"Statement": map[string]any{"Effect": "Allow", "Action": "s3:*", "Condition": "x"}}, "", 1,
			[]string{"Statement[0].Condition"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := ParsePolicy(tt.doc, Source{}, nil)
			var paths []string
			for _, pr := range probs {
				paths = append(paths, pr.Path)
			}
			if diff := cmp.Diff(tt.paths, paths); diff != "" {
				t.Errorf("problem paths (-want +got):\n%s\n%v", diff, probs)
			}
			if p.Unknown != tt.unknown || len(p.Statements) != tt.stmts {
				t.Errorf("Unknown %q with %d statements, want %q with %d", p.Unknown, len(p.Statements), tt.unknown, tt.stmts)
			}
		})
	}
}
