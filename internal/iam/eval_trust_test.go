package iam

import (
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

func TestEvaluateTrust(t *testing.T) {
	const provider = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
	const issuer = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
	trustRole := policy(t, "trust-ci", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/ci"},"Action":"sts:AssumeRole"}}`)
	trustAccount := policy(t, "trust-acct", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}}`)
	trustPartner := policy(t, "trust-partner", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}}`)
	trustEC2 := policy(t, "trust-ec2", `{"Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`)
	trustIRSA := policy(t, "trust-irsa", fixture(t, "irsa-trust.json"))
	// The webshop's trust as Seam reads it from HCL: the provider ARN and the issuer host are unknown.
	trustHCL := policy(t, "trust-hcl", `{"Statement":[{"Action":["sts:AssumeRoleWithWebIdentity"],"Effect":"Allow",
		"Principal":{"Federated":["${aws_iam_openid_connect_provider.eks.arn}"]},
		"Condition":{"StringEquals":{"${var.oidc_issuer_host}:aud":["sts.amazonaws.com"],"${var.oidc_issuer_host}:sub":["system:serviceaccount:shop:api"]}}}]}`)
	assume := policy(t, "may-assume", `{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/*"}}`)
	passRole := policy(t, "may-pass", `{"Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}}`)
	target := func(name string, trust *Policy) *Resource {
		return &Resource{ID: "role." + name, ARN: "arn:aws:iam::" + acct + ":role/" + name, Policy: trust}
	}
	session := func(sub string) (*Principal, Context) {
		return &Principal{ID: "sa", Kind: PrincipalFederated, ARN: provider},
			Context{issuer + ":sub": {sub}, issuer + ":aud": {"sts.amazonaws.com"}}
	}
	api, apiCtx := session("system:serviceaccount:shop:api")
	worker, workerCtx := session("system:serviceaccount:shop:worker")
	partner := &Principal{Kind: PrincipalRole, ARN: "arn:aws:iam::999988887777:role/etl", Policies: []*Policy{assume}}
	cases := []evalCase{
		// [trust]+[logic] a trust policy naming the role's ARN lets it assume the role in the same account,
		// without an identity policy.
		{"trust admits role ARN", Request{Principal: role("ci"), Action: "sts:AssumeRole", Resource: target("deploy", trustRole)},
			evalWant{allowed: true, allowing: []string{"trust-ci#0"}}},
		{"trust names another role", Request{Principal: role("web", assume), Action: "sts:AssumeRole", Resource: target("deploy", trustRole)},
			evalWant{refused: []string{"Principal does not name role arn:aws:iam::123456789012:role/web"}}},
		// [trust] a trust naming the account delegates: the caller's identity policy must allow the action.
		{"trust admits account, no identity policy", Request{Principal: role("ci"), Action: "sts:AssumeRole", Resource: target("deploy", trustAccount)},
			evalWant{}},
		{"trust admits account", Request{Principal: role("ci", assume), Action: "sts:AssumeRole", Resource: target("deploy", trustAccount)},
			evalWant{allowed: true, allowing: []string{"may-assume#0", "trust-acct#0"}}},
		// [cross] another account's role needs the trust to admit its account and its own policy to allow.
		{"trust admits another account", Request{Principal: partner, Action: "sts:AssumeRole", Resource: target("deploy", trustPartner)},
			evalWant{allowed: true, allowing: []string{"may-assume#0", "trust-partner#0"}}},
		{"trust admits another account, no identity policy", Request{Principal: &Principal{Kind: PrincipalRole, ARN: "arn:aws:iam::999988887777:role/etl"}, Action: "sts:AssumeRole", Resource: target("deploy", trustPartner)},
			evalWant{}},
		// [trust] a service principal.
		{"trust admits service", Request{Principal: &Principal{Kind: PrincipalService, ARN: "ec2.amazonaws.com"}, Action: "sts:AssumeRole", Resource: target("node", trustEC2)},
			evalWant{allowed: true, allowing: []string{"trust-ec2#0"}}},
		{"trust refuses another service", Request{Principal: &Principal{Kind: PrincipalService, ARN: "lambda.amazonaws.com"}, Action: "sts:AssumeRole", Resource: target("node", trustEC2)},
			evalWant{refused: []string{"Principal does not name service lambda.amazonaws.com"}}},
		// [trust] IRSA: the provider, with the token's sub and aud.
		{"trust admits federated with sub and aud", Request{Principal: api, Action: "sts:AssumeRoleWithWebIdentity", Resource: target("api", trustIRSA), Context: apiCtx},
			evalWant{allowed: true, allowing: []string{"trust-irsa#0"}}},
		// [trust]+[cond] a token for another ServiceAccount fails the sub condition.
		{"trust for a different ServiceAccount refuses", Request{Principal: worker, Action: "sts:AssumeRoleWithWebIdentity", Resource: target("api", trustIRSA), Context: workerCtx},
			evalWant{refused: []string{`:sub ["system:serviceaccount:shop:api"], the request has "system:serviceaccount:shop:worker"`}}},
		// [seam-unknown] without the claims the conditions are assumptions.
		{"trust with unknown claims", Request{Principal: api, Action: "sts:AssumeRoleWithWebIdentity", Resource: target("api", trustIRSA)},
			evalWant{allowed: true, uncertain: true, allowing: []string{"trust-irsa#0"}, assume: []string{":aud", ":sub"}}},
		// [seam-unknown] the webshop's trust: unknown provider ARN and issuer host match by assumption, and a
		// condition key with a token matches the context key with the same suffix.
		{"trust with tokens admits the right ServiceAccount", Request{Principal: api, Action: "sts:AssumeRoleWithWebIdentity", Resource: target("api", trustHCL), Context: apiCtx},
			evalWant{allowed: true, uncertain: true, allowing: []string{"trust-hcl#0"},
				assume: []string{"assumed to be named by Principal ${aws_iam_openid_connect_provider.eks.arn}", "${var.oidc_issuer_host}:aud", "${var.oidc_issuer_host}:sub"}}},
		{"trust with tokens refuses another ServiceAccount", Request{Principal: worker, Action: "sts:AssumeRoleWithWebIdentity", Resource: target("api", trustHCL), Context: workerCtx},
			evalWant{refused: []string{`StringEquals ${var.oidc_issuer_host}:sub ["system:serviceaccount:shop:api"]`}}},
		// [trust] the trust decides only sts actions on the role: iam:PassRole is the caller's policy alone.
		{"PassRole ignores the trust", Request{Principal: role("ci"), Action: "iam:PassRole", Resource: target("deploy", trustRole)},
			evalWant{}},
		{"PassRole by identity policy", Request{Principal: role("web", passRole), Action: "iam:PassRole", Resource: target("node", trustEC2)},
			evalWant{allowed: true, allowing: []string{"may-pass#0"}}},
	}
	for _, tc := range cases {
		checkDecision(t, tc)
	}
}

func TestEvaluateConditionsTokensPartial(t *testing.T) {
	inVPC := policy(t, "in-vpc", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}}`)
	tlsOnly := policy(t, "tls-only", fixture(t, "s3-tls-only.json"))
	mfa := policy(t, "mfa", fixture(t, "notaction-mfa-deny.json"))
	tagging := policy(t, "tagging", `{"Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}},
		{"Effect":"Allow","Action":"ec2:DeleteTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}}]}`)
	tokenAllow := policy(t, "token-allow", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${var.bucket}/*"}}`)
	tokenDeny := policy(t, "token-deny", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::${var.bucket}/*"}]}`)
	workerPol := policy(t, "worker", fixture(t, "webshop-worker.json"))
	private := policy(t, "private", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/private/*"}]}`)
	home := policy(t, "home", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}}`)
	unknown, _ := ParsePolicy(model.Unknown("var.policy_json"), Source{Place: Place{Node: "dyn"}}, nil)
	api := role("webshop-prod-api")
	obj := func(key string) *Resource { return &Resource{ARN: "arn:aws:s3:::" + key, Account: acct} }
	instance := &Resource{ARN: "arn:aws:ec2:eu-west-1:" + acct + ":instance/i-1"}
	cases := []evalCase{
		// [seam-unknown] an Allow's condition on a key the request does not carry is assumed to hold.
		{"condition-as-assumption on Allow", Request{Principal: role("app", inVPC), Action: "s3:GetObject", Resource: obj("b/x")},
			evalWant{allowed: true, uncertain: true, allowing: []string{"in-vpc#0"}, assume: []string{`StringEquals aws:SourceVpc ["vpc-1"]`}}},
		// [cond] ... and decides when it does.
		{"condition known false", Request{Principal: role("app", inVPC), Action: "s3:GetObject", Resource: obj("b/x"), Context: Context{"aws:SourceVpc": {"vpc-2"}}},
			evalWant{}},
		// [seam-unknown] a Deny's condition on an unknown key is assumed not to apply (the TLS-only deny).
		{"condition-as-assumption on Deny", Request{Principal: api, Action: "s3:GetObject", Resource: bucket("customer-documents", tlsOnly)},
			evalWant{allowed: true, uncertain: true, partial: true, allowing: []string{"tls-only#0"}, assume: []string{`Deny assumed not to apply: condition Bool aws:SecureTransport ["false"]`}}},
		// [cond] with the key known false the deny applies.
		{"TLS deny applies", Request{Principal: api, Action: "s3:GetObject", Resource: bucket("customer-documents", tlsOnly), Context: Context{"aws:SecureTransport": {"false"}}},
			evalWant{explicitDeny: true, denying: []string{"tls-only#1"}}},
		// [res]+[seam-partial] the bucket policy allows invoices/*, a part of the bucket's objects.
		{"TLS known true: partial", Request{Principal: api, Action: "s3:GetObject", Resource: bucket("customer-documents", tlsOnly), Context: Context{"aws:SecureTransport": {"true"}}},
			evalWant{allowed: true, partial: true, allowing: []string{"tls-only#0"}}},
		// [cond] IfExists: with the key absent BoolIfExists holds, so the MFA deny applies...
		{"IfExists holds on an absent key", Request{Principal: user("admin", mfa), Action: "s3:GetObject", Resource: obj("b/x"), Context: Context{"aws:MultiFactorAuthPresent": {}}},
			evalWant{explicitDeny: true, denying: []string{"mfa#1"}}},
		// [notact] ... except for the actions its NotAction lists.
		{"NotAction deny spares its list", Request{Principal: user("admin", mfa), Action: "iam:ListMFADevices", Resource: &Resource{ARN: "arn:aws:iam::" + acct + ":user/admin"}, Context: Context{"aws:MultiFactorAuthPresent": {"false"}}},
			evalWant{allowed: true, allowing: []string{"mfa#0"}}},
		{"IfExists with the key true", Request{Principal: user("admin", mfa), Action: "s3:GetObject", Resource: obj("b/x"), Context: Context{"aws:MultiFactorAuthPresent": {"true"}}},
			evalWant{allowed: true, allowing: []string{"mfa#0"}}},
		{"IfExists with the key unknown", Request{Principal: user("admin", mfa), Action: "s3:GetObject", Resource: obj("b/x")},
			evalWant{allowed: true, uncertain: true, allowing: []string{"mfa#0"}, assume: []string{"Deny assumed not to apply: condition BoolIfExists aws:MultiFactorAuthPresent"}}},
		// [multi] ForAllValues on an empty set is true (no value fails) ...
		{"ForAllValues on empty", Request{Principal: role("tagger", tagging), Action: "ec2:CreateTags", Resource: instance, Context: Context{"aws:TagKeys": {}}},
			evalWant{allowed: true, allowing: []string{"tagging#0"}}},
		// [multi] ... ForAnyValue on an empty set is false.
		{"ForAnyValue on empty", Request{Principal: role("tagger", tagging), Action: "ec2:DeleteTags", Resource: instance, Context: Context{"aws:TagKeys": {}}},
			evalWant{}},
		// [seam-unknown] a token in a Resource may match anything: allowed, uncertain, the token named.
		{"tokens matched uncertainly", Request{Principal: role("app", tokenAllow), Action: "s3:GetObject", Resource: obj("docs/a")},
			evalWant{allowed: true, uncertain: true, allowing: []string{"token-allow#0"}, assume: []string{"assumed to match arn:aws:s3:::${var.bucket}/* (assuming ${var.bucket})"}}},
		// [seam-unknown] a Deny that matches only through a token is assumed not to apply.
		{"token in a deny", Request{Principal: role("app", tokenDeny), Action: "s3:GetObject", Resource: obj("docs/a")},
			evalWant{allowed: true, uncertain: true, allowing: []string{"token-deny#0"}, assume: []string{"Deny assumed not to apply: resource arn:aws:s3:::docs/a assumed to match"}}},
		// [seam-partial] the worker may read uploads/* only: partial coverage of the bucket's objects.
		{"partial coverage of an S3 object prefix", Request{Principal: role("worker", workerPol), Action: "s3:GetObject", Resource: bucket("customer-documents", nil)},
			evalWant{allowed: true, partial: true, allowing: []string{"worker#1"}}},
		{"ListBucket with an s3:prefix condition", Request{Principal: role("worker", workerPol), Action: "s3:ListBucket", Resource: bucket("customer-documents", nil)},
			evalWant{allowed: true, uncertain: true, allowing: []string{"worker#0"}, assume: []string{`StringLike s3:prefix ["uploads/*"]`}}},
		// [logic]+[seam-partial] a Deny on part of the pattern leaves the rest allowed.
		{"deny removes part", Request{Principal: role("app", private), Action: "s3:GetObject", Resource: obj("docs/*")},
			evalWant{allowed: true, partial: true, allowing: []string{"private#0"}, denying: []string{"private#1"}}},
		// [vars] a policy variable the request supplies (aws:username of an IAM user) is substituted.
		{"policy variable supplied", Request{Principal: user("alice", home), Action: "s3:GetObject", Resource: obj("home/alice/notes")},
			evalWant{allowed: true, allowing: []string{"home#0"}}},
		{"policy variable for another user", Request{Principal: user("alice", home), Action: "s3:GetObject", Resource: obj("home/bob/notes")},
			evalWant{}},
		// [seam-unknown] a policy document Seam cannot read is listed, never silently ignored.
		{"unknown policy document", Request{Principal: role("app", &unknown, inVPC), Action: "s3:GetObject", Resource: obj("b/x"), Context: Context{"aws:SourceVpc": {"vpc-1"}}},
			evalWant{allowed: true, uncertain: true, allowing: []string{"in-vpc#0"}, assume: []string{"policy dyn is unknown (var.policy_json)"}}},
		{"unknown policy document on a denial", Request{Principal: role("app", &unknown), Action: "s3:GetObject", Resource: obj("b/x")},
			evalWant{assume: []string{"policy dyn is unknown (var.policy_json)"}}},
	}
	for _, tc := range cases {
		checkDecision(t, tc)
	}
}
