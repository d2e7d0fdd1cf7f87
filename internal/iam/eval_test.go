package iam

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The rules the cases cite are AWS's (docs.aws.amazon.com/IAM/latest/UserGuide/):
//   [logic]   reference_policies_evaluation-logic.html
//   [cross]   reference_policies_evaluation-logic-cross-account.html
//   [bound]   access_policies_boundaries.html
//   [notact]  reference_policies_elements_notaction.html, [notres] ..._notresource.html
//   [res]     reference_policies_elements_resource.html, [act] ..._action.html
//   [princ]   reference_policies_elements_principal.html, [notprinc] ..._notprincipal.html
//   [cond]    reference_policies_elements_condition_operators.html, [multi] ..._condition-single-vs-multi-valued-context-keys.html
//   [vars]    reference_policies_variables.html
//   [kms]     docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html and control-access.html
//   [trust]   id_roles_create_for-idp_oidc.html, id_roles_manage-assume.html
// and Seam's own: [seam-unknown] an unknown is never silently safe (an Allow's unknown holds, a Deny's does
// not apply, both listed); [seam-partial] an allow on part of a resource pattern is partial.

type evalWant struct {
	allowed, partial, uncertain, explicitDeny bool
	allowing, denying                         []string // "node#statement"
	assume                                    []string // each matches one assumption, as a substring; no others
	refused                                   []string // each matches one refusal's reason
}

type evalCase struct {
	name string
	req  Request
	want evalWant
}

func checkDecision(t *testing.T, tc evalCase) {
	t.Helper()
	d := Evaluate(tc.req)
	got := evalWant{allowed: d.Allowed, partial: d.Partial, uncertain: d.Uncertain, explicitDeny: d.ExplicitDeny,
		allowing: refs(d.Allowing), denying: refs(d.Denying)}
	w := tc.want
	w.assume, w.refused = nil, nil
	if diff := cmp.Diff(w, got, cmp.AllowUnexported(evalWant{})); diff != "" {
		t.Errorf("%s (-want +got):\n%s\nreason: %s", tc.name, diff, d.Reason)
	}
	var texts []string
	for _, a := range d.Assumptions {
		texts = append(texts, a.Text)
	}
	matchAll(t, tc.name+" assumptions", tc.want.assume, texts)
	var whys []string
	for _, r := range d.Refused {
		whys = append(whys, r.Why)
	}
	matchAll(t, tc.name+" refusals", tc.want.refused, whys)
	if d.Reason == "" {
		t.Errorf("%s: no reason", tc.name)
	}
}

// matchAll checks that every wanted substring matches a distinct text and that no text is left over.
func matchAll(t *testing.T, what string, want, got []string) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, g := range got {
			if !used[i] && strings.Contains(g, w) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s: none of %q contains %q", what, got, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: got %d (%q), want %d", what, len(got), got, len(want))
	}
}

func TestEvaluateIdentityPolicies(t *testing.T) {
	admin := policy(t, "admin", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
		{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}`)
	notIAM := policy(t, "poweruser", `{"Statement":{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}}`)
	notSecret := policy(t, "reader", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::docs/secret/*"}}`)
	tables := policy(t, "tables", `{"Statement":{"Effect":"Allow","Action":"DynamoDB:get*","Resource":"arn:aws:dynamodb:*:123456789012:table/orders*"}}`)
	logs := policy(t, "logs", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs-202?/*"}}`)
	obj := func(key string) *Resource { return &Resource{ARN: "arn:aws:s3:::" + key, Account: acct} }
	table := func(name string) *Resource {
		return &Resource{ARN: "arn:aws:dynamodb:eu-west-1:" + acct + ":table/" + name}
	}
	cases := []evalCase{
		// [logic] an explicit Deny in any applicable policy overrides any Allow.
		{"deny wins over allow", Request{Principal: role("app", admin), Action: "s3:DeleteObject", Resource: obj("docs/a")},
			evalWant{explicitDeny: true, denying: []string{"admin#1"}}},
		// [logic] the Allow still grants what the Deny does not name.
		{"allow beside a deny", Request{Principal: role("app", admin), Action: "s3:PutObject", Resource: obj("docs/a")},
			evalWant{allowed: true, allowing: []string{"admin#0"}}},
		// [logic] no statement allows: implicit deny.
		{"implicit deny", Request{Principal: role("app", admin), Action: "kms:Decrypt", Resource: &Resource{ARN: "arn:aws:kms:eu-west-1:" + acct + ":key/1", Policy: policy(t, "key", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}}`)}},
			evalWant{}},
		// [notact] NotAction with Allow grants every action the list does not name.
		{"NotAction allow grants everything else", Request{Principal: role("dev", notIAM), Action: "ec2:RunInstances", Resource: &Resource{ARN: "arn:aws:ec2:eu-west-1:" + acct + ":instance/*"}},
			evalWant{allowed: true, allowing: []string{"poweruser#0"}}},
		// [notact] ... and nothing the list names.
		{"NotAction allow excludes the list", Request{Principal: role("dev", notIAM), Action: "iam:CreateUser", Resource: &Resource{ARN: "arn:aws:iam::" + acct + ":user/x"}},
			evalWant{}},
		// [notres] NotResource applies to every resource but those listed.
		{"NotResource includes the rest", Request{Principal: role("r", notSecret), Action: "s3:GetObject", Resource: obj("docs/public/a")},
			evalWant{allowed: true, allowing: []string{"reader#0"}}},
		{"NotResource excludes the listed", Request{Principal: role("r", notSecret), Action: "s3:GetObject", Resource: obj("docs/secret/a")},
			evalWant{}},
		// [notres] + [seam-partial] a pattern that straddles the exclusion is allowed only in part.
		{"NotResource on a pattern is partial", Request{Principal: role("r", notSecret), Action: "s3:GetObject", Resource: obj("docs/*")},
			evalWant{allowed: true, partial: true, allowing: []string{"reader#0"}}},
		// [act] action names are case-insensitive, * matches within the name; [res] * and ? within ARN fields.
		{"wildcards in actions and ARNs", Request{Principal: role("t", tables), Action: "dynamodb:GetItem", Resource: table("orders-2024")},
			evalWant{allowed: true, allowing: []string{"tables#0"}}},
		{"wildcard ARN does not reach another table", Request{Principal: role("t", tables), Action: "dynamodb:GetItem", Resource: table("customers")},
			evalWant{}},
		// [res] an action that takes no resource is requested on "*": only Resource "*" covers it, and a
		// NotResource naming an ARN does not exclude it.
		{"no-resource action and an ARN pattern", Request{Principal: role("l", policy(t, "list-arn", `{"Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::*"}}`)), Action: "s3:ListAllMyBuckets", Resource: &Resource{ARN: "*"}},
			evalWant{}},
		{"no-resource action and Resource *", Request{Principal: role("l", policy(t, "list-any", `{"Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}}`)), Action: "s3:ListAllMyBuckets", Resource: &Resource{ARN: "*"}},
			evalWant{allowed: true, allowing: []string{"list-any#0"}}},
		{"no-resource action and NotResource", Request{Principal: role("l", notSecret), Action: "s3:GetObject", Resource: &Resource{ARN: "*"}},
			evalWant{allowed: true, allowing: []string{"reader#0"}}},
		// [seam-unknown] a principal whose account is unknown is taken to be in the resource's account (the
		// permissive reading), and that is said.
		{"principal without an account", Request{Principal: &Principal{Kind: PrincipalRole, ARN: "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/app", Policies: []*Policy{notSecret}}, Action: "s3:GetObject", Resource: &Resource{ARN: "arn:aws:s3:::docs/a", Account: acct}},
			evalWant{allowed: true, uncertain: true, allowing: []string{"reader#0"}, assume: []string{"account ${data.aws_caller_identity.current.account_id} of role arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/app is unknown: assumed to be the resource's account 123456789012"}}},
		{"principal without an ARN", Request{Principal: &Principal{Kind: PrincipalRole, Policies: []*Policy{notSecret}}, Action: "s3:GetObject", Resource: &Resource{ARN: "arn:aws:s3:::docs/a", Account: acct}},
			evalWant{allowed: true, uncertain: true, allowing: []string{"reader#0"}, assume: []string{"names no account: assumed to be in the resource's account 123456789012"}}},
		// [res] ? matches exactly one character.
		{"? matches one character", Request{Principal: role("l", logs), Action: "s3:GetObject", Resource: obj("logs-2024/x")},
			evalWant{allowed: true, allowing: []string{"logs#0"}}},
		{"? does not match two", Request{Principal: role("l", logs), Action: "s3:GetObject", Resource: obj("logs-20245/x")},
			evalWant{}},
	}
	for _, tc := range cases {
		checkDecision(t, tc)
	}
}

func TestEvaluateResourcePolicies(t *testing.T) {
	byARN := policy(t, "bp-role", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"}}`)
	byUser := policy(t, "bp-user", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"}}`)
	byRoot := policy(t, "bp-root", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"}}`)
	toPartner := policy(t, "bp-partner", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"999988887777"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"}}`)
	public := policy(t, "bp-public", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"}}`)
	onlyAdmin := policy(t, "bp-lock", `{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/admin"},"Action":"s3:*","Resource":"arn:aws:s3:::docs/*"}}`)
	readDocs := policy(t, "read-docs", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"}}`)
	getOnly := policy(t, "get-only", `{"Statement":{"Effect":"Allow","Action":"sts:*","Resource":"*"}}`)
	partner := &Principal{ID: "partner", Kind: PrincipalRole, ARN: "arn:aws:iam::999988887777:role/etl", Policies: []*Policy{readDocs}}
	partnerNoPolicy := &Principal{ID: "partner", Kind: PrincipalRole, ARN: "arn:aws:iam::999988887777:role/etl"}
	withBoundary := func(p *Principal) *Principal { p.Boundary = getOnly; return p }
	cases := []evalCase{
		// [logic] in one account, a resource policy naming the principal's ARN allows on its own.
		{"resource policy grants same-account", Request{Principal: role("reader"), Action: "s3:GetObject", Resource: bucket("docs", byARN)},
			evalWant{allowed: true, allowing: []string{"bp-role#0"}}},
		// [logic] a resource policy naming only the account delegates: the identity policy must allow.
		{"account-root principal delegates", Request{Principal: role("reader"), Action: "s3:GetObject", Resource: bucket("docs", byRoot)},
			evalWant{}},
		{"account-root delegation with identity allow", Request{Principal: role("reader", readDocs), Action: "s3:GetObject", Resource: bucket("docs", byRoot)},
			evalWant{allowed: true, allowing: []string{"read-docs#0"}}},
		// [cross] across accounts the identity policy alone does not allow...
		{"cross-account needs the resource policy", Request{Principal: partner, Action: "s3:GetObject", Resource: bucket("docs", nil)},
			evalWant{}},
		// [cross] ... nor the resource policy alone ...
		{"cross-account needs the identity policy", Request{Principal: partnerNoPolicy, Action: "s3:GetObject", Resource: bucket("docs", toPartner)},
			evalWant{}},
		// [cross] ... both together do.
		{"cross-account with both sides", Request{Principal: partner, Action: "s3:GetObject", Resource: bucket("docs", toPartner)},
			evalWant{allowed: true, allowing: []string{"bp-partner#0", "read-docs#0"}}},
		// [cross] the account principal stands for the partner account as a whole.
		{"account principal cross-account", Request{Principal: &Principal{Kind: PrincipalAccount, Account: "999988887777"}, Action: "s3:GetObject", Resource: bucket("docs", toPartner)},
			evalWant{allowed: true, uncertain: true, allowing: []string{"bp-partner#0"}, assume: []string{"stands for any identity"}}},
		// [princ] Principal "*" admits anyone, anonymous callers included.
		{"public bucket", Request{Principal: &Principal{Kind: PrincipalAnonymous}, Action: "s3:GetObject", Resource: bucket("docs", public)},
			evalWant{allowed: true, allowing: []string{"bp-public#0"}}},
		{"anonymous without a public policy", Request{Principal: &Principal{Kind: PrincipalAnonymous}, Action: "s3:GetObject", Resource: bucket("docs", byRoot)},
			evalWant{refused: []string{"Principal does not name an anonymous caller"}}},
		// [notprinc] Deny with NotPrincipal denies everyone not listed ...
		{"NotPrincipal deny", Request{Principal: role("reader", readDocs), Action: "s3:GetObject", Resource: bucket("docs", onlyAdmin)},
			evalWant{explicitDeny: true, denying: []string{"bp-lock#0"}}},
		// [notprinc] ... and not those listed.
		{"NotPrincipal spares the listed", Request{Principal: role("admin", readDocs), Action: "s3:GetObject", Resource: bucket("docs", onlyAdmin)},
			evalWant{allowed: true, allowing: []string{"read-docs#0"}}},
		// [logic]+[bound] a resource policy's grant to a role ARN is limited by the role's boundary ...
		{"boundary limits a resource-policy grant to a role", Request{Principal: withBoundary(role("reader")), Action: "s3:GetObject", Resource: bucket("docs", byARN)},
			evalWant{}},
		// [logic]+[bound] ... but not a grant to an IAM user's ARN.
		{"boundary does not limit a resource-policy grant to a user", Request{Principal: withBoundary(user("alice")), Action: "s3:GetObject", Resource: bucket("docs", byUser)},
			evalWant{allowed: true, allowing: []string{"bp-user#0"}}},
	}
	for _, tc := range cases {
		checkDecision(t, tc)
	}
}

func TestEvaluateBoundaries(t *testing.T) {
	boundary := policy(t, "boundary", fixture(t, "boundary.json"))
	all := policy(t, "all", `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)
	bounded := func(pols ...*Policy) *Principal { p := role("dev", pols...); p.Boundary = boundary; return p }
	key := &Resource{ID: "key.one", ARN: "arn:aws:kms:eu-west-1:" + acct + ":key/1", Type: "kms:key"}
	cases := []evalCase{
		// [bound] the effective permissions are the intersection of identity policy and boundary.
		{"boundary lets an identity grant through", Request{Principal: bounded(all), Action: "s3:PutObject", Resource: &Resource{ARN: "arn:aws:s3:::b/x", Account: acct}},
			evalWant{allowed: true, allowing: []string{"all#0"}}},
		{"boundary caps identity grants", Request{Principal: bounded(all), Action: "iam:CreateUser", Resource: &Resource{ARN: "arn:aws:iam::" + acct + ":user/x"}},
			evalWant{}},
		// [bound] an explicit deny in a boundary is an explicit deny.
		{"boundary deny", Request{Principal: bounded(all), Action: "iam:DeleteRolePermissionsBoundary", Resource: &Resource{ARN: "arn:aws:iam::" + acct + ":role/dev"}},
			evalWant{explicitDeny: true, denying: []string{"boundary#1"}}},
		// [bound] a boundary never grants by itself.
		{"boundary does not grant", Request{Principal: bounded(), Action: "s3:PutObject", Resource: &Resource{ARN: "arn:aws:s3:::b/x", Account: acct}},
			evalWant{}},
		// [bound]+[kms] through the default key policy the identity grant still meets the boundary.
		{"boundary and key", Request{Principal: bounded(all), Action: "kms:Decrypt", Resource: key},
			evalWant{allowed: true, uncertain: true, allowing: []string{"all#0", "key.one#0"}, assume: []string{"default key policy"}}},
	}
	for _, tc := range cases {
		checkDecision(t, tc)
	}
}

func TestEvaluateKeyPolicies(t *testing.T) {
	keyPolicy := policy(t, "key-policy", fixture(t, "kms-key-policy.json"))
	adminOnly := policy(t, "key-locked", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/key-admin"},"Action":"kms:*","Resource":"*"}}`)
	decrypt := policy(t, "decrypt", `{"Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}}`)
	key := func(pol *Policy) *Resource {
		return &Resource{ID: "key.docs", ARN: "arn:aws:kms:eu-west-1:" + acct + ":key/1", Policy: pol, At: Place{Node: "key.docs", File: "kms.tf", Line: 4}}
	}
	viaS3 := Context{"kms:ViaService": {"s3.eu-west-1.amazonaws.com"}}
	cases := []evalCase{
		// [kms] the key policy must allow: an identity policy is not enough when the key policy does not
		// delegate to the account.
		{"KMS key policy required", Request{Principal: role("app", decrypt), Action: "kms:Decrypt", Resource: key(adminOnly)},
			evalWant{refused: []string{"Principal does not name role"}}},
		// [kms] a key policy that names the account root delegates to IAM policies.
		{"key policy delegates to the account", Request{Principal: role("other", decrypt), Action: "kms:Decrypt", Resource: key(keyPolicy)},
			evalWant{allowed: true, allowing: []string{"decrypt#0", "key-policy#0"}}},
		// (statement 0 delegates, so it is not a refusal; statement 2 names another role.)
		{"delegation needs an identity policy", Request{Principal: role("other"), Action: "kms:Decrypt", Resource: key(keyPolicy)},
			evalWant{refused: []string{"Principal does not name role arn:aws:iam::123456789012:role/other"}}},
		// [kms] a key policy naming the role allows without an identity policy, under its condition.
		{"key policy names the role", Request{Principal: role("app"), Action: "kms:Decrypt", Resource: key(keyPolicy), Context: viaS3},
			evalWant{allowed: true, allowing: []string{"key-policy#2"}}},
		{"key policy condition fails", Request{Principal: role("app"), Action: "kms:Decrypt", Resource: key(keyPolicy), Context: Context{"kms:ViaService": {"ec2.eu-west-1.amazonaws.com"}}},
			evalWant{refused: []string{`Condition does not hold: StringEquals kms:ViaService ["s3.eu-west-1.amazonaws.com"], the request has "ec2.eu-west-1.amazonaws.com"`}}},
		// [kms] key administrators may administer the key...
		{"key admin administers", Request{Principal: role("key-admin"), Action: "kms:PutKeyPolicy", Resource: key(keyPolicy)},
			evalWant{allowed: true, allowing: []string{"key-policy#1"}}},
		// ... but not use it.
		{"key admin cannot decrypt", Request{Principal: role("key-admin"), Action: "kms:Decrypt", Resource: key(keyPolicy)},
			evalWant{refused: []string{"Principal does not name role arn:aws:iam::123456789012:role/key-admin"}}},
		// [kms] a key with no policy in the files gets AWS's default key policy, which delegates to the
		// account; that is an assumption.
		{"default key policy delegates", Request{Principal: role("app", decrypt), Action: "kms:Decrypt", Resource: key(nil)},
			evalWant{allowed: true, uncertain: true, allowing: []string{"decrypt#0", "key.docs#0"}, assume: []string{"AWS's default key policy is assumed"}}},
		{"default key policy still needs an identity policy", Request{Principal: role("app"), Action: "kms:Decrypt", Resource: key(nil)},
			evalWant{assume: []string{"AWS's default key policy is assumed"}}},
	}
	for _, tc := range cases {
		checkDecision(t, tc)
	}
}
