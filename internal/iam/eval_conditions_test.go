package iam

import (
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

func TestEvaluateConditions(t *testing.T) {
	inVPC := policy(t, "in-vpc", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}}`)
	tlsOnly := policy(t, "tls-only", fixture(t, "s3-tls-only.json"))
	mfa := policy(t, "mfa", fixture(t, "notaction-mfa-deny.json"))
	tagging := policy(t, "tagging", `{"Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}},
		{"Effect":"Allow","Action":"ec2:DeleteTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}}]}`)
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
	}
	for _, tc := range cases {
		checkDecision(t, tc)
	}
}

func TestEvaluateTokensAndPartial(t *testing.T) {
	home := policy(t, "home", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}}`)
	inVPC := policy(t, "in-vpc", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}}`)
	tokenAllow := policy(t, "token-allow", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${var.bucket}/*"}}`)
	tokenDeny := policy(t, "token-deny", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::${var.bucket}/*"}]}`)
	workerPol := policy(t, "worker", fixture(t, "webshop-worker.json"))
	private := policy(t, "private", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/private/*"}]}`)
	unknown, _ := ParsePolicy(model.Unknown("var.policy_json"), Source{Place: Place{Node: "dyn"}}, nil)
	obj := func(key string) *Resource { return &Resource{ARN: "arn:aws:s3:::" + key, Account: acct} }
	cases := []evalCase{
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
