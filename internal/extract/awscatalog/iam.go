package awscatalog

import "github.com/seam-sec/seam/internal/model"

// Edge directions for IAM: a policy, attachment or membership is attached-to the identity or group it applies
// to; it references the managed policy it attaches; an instance profile, access key or pod identity uses-identity
// the role or user whose credentials it carries; a user is a member-of a group (through the membership
// resource, which cannot point from user to group itself).

// iamPolicy is the JSON attribute every IAM policy resource carries.
var iamPolicy = []string{"policy"}

// iamTypes are the IAM resources and data sources.
var iamTypes = []ResourceType{
	{Type: "aws_iam_role", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name", "name_prefix"},
		IDAttr: "name", JSONAttrs: []string{"assume_role_policy", "inline_policy.policy"},
		Refs: []Ref{rev("permissions_boundary", model.EdgeAttachedTo), rev("managed_policy_arns", model.EdgeAttachedTo)}},
	{Type: "aws_iam_instance_profile", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name", "name_prefix"},
		IDAttr: "name", Refs: []Ref{to("role", model.EdgeUsesIdentity)}},
	{Type: "aws_iam_policy", Kind: model.KindGrant, Service: "iam", NameAttrs: []string{"name", "name_prefix"},
		JSONAttrs: iamPolicy},
	{Type: "aws_iam_role_policy", Kind: model.KindGrant, Service: "iam", NameAttrs: []string{"name", "name_prefix"},
		JSONAttrs: iamPolicy, Refs: []Ref{to("role", model.EdgeAttachedTo)}},
	{Type: "aws_iam_role_policy_attachment", Kind: model.KindGrant, Service: "iam",
		Refs: []Ref{to("role", model.EdgeAttachedTo), to("policy_arn", model.EdgeReferences)}},
	{Type: "aws_iam_role_policies_exclusive", Kind: model.KindGrant, Service: "iam",
		Refs: []Ref{to("role_name", model.EdgeAttachedTo)}},
	{Type: "aws_iam_role_policy_attachments_exclusive", Kind: model.KindGrant, Service: "iam",
		Refs: []Ref{to("role_name", model.EdgeAttachedTo), to("policy_arns", model.EdgeReferences)}},
	{Type: "aws_iam_user", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name"}, IDAttr: "name",
		Refs: []Ref{rev("permissions_boundary", model.EdgeAttachedTo)}},
	{Type: "aws_iam_user_policy", Kind: model.KindGrant, Service: "iam", NameAttrs: []string{"name", "name_prefix"},
		JSONAttrs: iamPolicy, Refs: []Ref{to("user", model.EdgeAttachedTo)}},
	{Type: "aws_iam_user_policy_attachment", Kind: model.KindGrant, Service: "iam",
		Refs: []Ref{to("user", model.EdgeAttachedTo), to("policy_arn", model.EdgeReferences)}},
	{Type: "aws_iam_group", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name"}, IDAttr: "name"},
	{Type: "aws_iam_group_policy", Kind: model.KindGrant, Service: "iam", NameAttrs: []string{"name", "name_prefix"},
		JSONAttrs: iamPolicy, Refs: []Ref{to("group", model.EdgeAttachedTo)}},
	{Type: "aws_iam_group_policy_attachment", Kind: model.KindGrant, Service: "iam",
		Refs: []Ref{to("group", model.EdgeAttachedTo), to("policy_arn", model.EdgeReferences)}},
	{Type: "aws_iam_policy_attachment", Kind: model.KindGrant, Service: "iam", NameAttrs: []string{"name"},
		Refs: []Ref{to("roles", model.EdgeAttachedTo), to("users", model.EdgeAttachedTo),
			to("groups", model.EdgeAttachedTo), to("policy_arn", model.EdgeReferences)}},
	// A membership makes "user member-of membership" and "membership member-of group".
	{Type: "aws_iam_group_membership", Kind: model.KindGrant, Service: "iam", NameAttrs: []string{"name"},
		Refs: []Ref{rev("users", model.EdgeMemberOf), to("group", model.EdgeMemberOf)}},
	{Type: "aws_iam_user_group_membership", Kind: model.KindGrant, Service: "iam",
		Refs: []Ref{rev("user", model.EdgeMemberOf), to("groups", model.EdgeMemberOf)}},
	{Type: "aws_iam_access_key", Kind: model.KindIdentity, Service: "iam",
		Refs: []Ref{to("user", model.EdgeUsesIdentity)}},
	{Type: "aws_iam_user_login_profile", Kind: model.KindIdentity, Service: "iam",
		Refs: []Ref{to("user", model.EdgeUsesIdentity)}},
	{Type: "aws_iam_openid_connect_provider", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"url"}},
	{Type: "aws_iam_saml_provider", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name"}},
	{Type: "aws_iam_service_linked_role", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"aws_service_name"}},

	{Type: "aws_iam_policy_document", Data: true, Kind: model.KindGrant, Service: "iam",
		JSONAttrs: []string{"json", "minified_json", "source_policy_documents", "override_policy_documents"}},
	{Type: "aws_iam_role", Data: true, Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name"},
		IDAttr: "name", JSONAttrs: []string{"assume_role_policy"}},
	{Type: "aws_iam_policy", Data: true, Kind: model.KindGrant, Service: "iam", NameAttrs: []string{"name", "arn"},
		JSONAttrs: iamPolicy},
	{Type: "aws_iam_user", Data: true, Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"user_name"},
		IDAttr: "user_name"},
	{Type: "aws_iam_group", Data: true, Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"group_name"},
		IDAttr: "group_name"},
	{Type: "aws_iam_instance_profile", Data: true, Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name"},
		IDAttr: "name"},
	{Type: "aws_iam_openid_connect_provider", Data: true, Kind: model.KindIdentity, Service: "iam",
		NameAttrs: []string{"url", "arn"}},
	{Type: "aws_caller_identity", Data: true, Kind: model.KindAccount, Service: "sts"},
}
