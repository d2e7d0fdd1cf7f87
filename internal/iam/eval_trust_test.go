package iam

import "testing"

// trustWorld holds the trust policies and principals of the trust tests.
type trustWorld struct {
	trustRole, trustAccount, trustPartner, trustEC2, trustIRSA, trustHCL, assume, passRole *Policy
	api, worker, partner                                                                   *Principal
	apiCtx, workerCtx                                                                      Context
}

func newTrustWorld(t *testing.T) *trustWorld {
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
	session := func(sub string) (*Principal, Context) {
		return &Principal{ID: "sa", Kind: PrincipalFederated, ARN: provider},
			Context{issuer + ":sub": {sub}, issuer + ":aud": {"sts.amazonaws.com"}}
	}
	api, apiCtx := session("system:serviceaccount:shop:api")
	worker, workerCtx := session("system:serviceaccount:shop:worker")
	partner := &Principal{Kind: PrincipalRole, ARN: "arn:aws:iam::999988887777:role/etl", Policies: []*Policy{assume}}
	return &trustWorld{trustRole: trustRole, trustAccount: trustAccount, trustPartner: trustPartner, trustEC2: trustEC2,
		trustIRSA: trustIRSA, trustHCL: trustHCL, assume: assume, passRole: passRole, api: api, worker: worker,
		partner: partner, apiCtx: apiCtx, workerCtx: workerCtx}
}

func trustTarget(name string, trust *Policy) *Resource {
	return &Resource{ID: "role." + name, ARN: "arn:aws:iam::" + acct + ":role/" + name, Policy: trust}
}

func TestEvaluateTrustAWSPrincipals(t *testing.T) {
	w := newTrustWorld(t)
	target, trustRole, trustAccount, trustPartner, trustEC2, assume, passRole, partner :=
		trustTarget, w.trustRole, w.trustAccount, w.trustPartner, w.trustEC2, w.assume, w.passRole, w.partner
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

func TestEvaluateTrustServicesAndFederation(t *testing.T) {
	w := newTrustWorld(t)
	target, trustEC2, trustIRSA, trustHCL, api, worker, apiCtx, workerCtx :=
		trustTarget, w.trustEC2, w.trustIRSA, w.trustHCL, w.api, w.worker, w.apiCtx, w.workerCtx
	cases := []evalCase{
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
	}
	for _, tc := range cases {
		checkDecision(t, tc)
	}
}
