// Package iam decides what an AWS principal can do to a resource from the IAM policies found in the scanned
// files, following AWS's documented policy evaluation logic
// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and
// reference_policies_evaluation-logic-cross-account.html). It knows nothing of Seam's graph: callers turn
// nodes into Policies, Principals and Resources and ask.
//
// # What it offers
//
//   - ParsePolicy reads a policy document (as extractors store it, or JSON text) into compiled Statements that
//     keep their index and Sid, so every answer can cite "policy X statement 2 (Sid Foo)", file and line.
//   - MatchAction, MatchResource, OverlapResources and CoverResources are the matchers: `*` and `?`
//     wildcards, ARNs field by field, and ${...} tokens (parts Seam could not know, policy variables the request
//     does not supply), which may match anything and make a match uncertain.
//   - LookupAction, Actions, ExpandAction and ResourceTypeOf read the curated action table (access level and
//     resource types of every action of the services Seam models, from the AWS Service Authorization
//     Reference).
//   - Evaluate decides one Request; WhoCan asks it for many principals.
//   - Analyzer (and Analyze) answers, for many principals and resources at once, every (principal, resource)
//     pair with any access: its access levels, actions, granting statements, partial flag and assumptions.
//
// # The rule
//
// An explicit Deny in any policy that applies (identity policy, permissions boundary, resource policy) wins.
// In one account, an identity policy or a resource-based policy naming the principal allows; a resource
// policy naming only the account (its id or arn:aws:iam::ACCOUNT:root) delegates to the identity policies.
// Across accounts, both the identity policy and the resource policy must allow. A permissions boundary limits
// what identity policies grant and never grants by itself. As AWS documents, a resource policy's grant to an
// IAM user's ARN in the same account is not limited by the user's boundary, while a grant to a role's ARN is
// limited by the role's boundary (Seam models roles, not individual role sessions). KMS keys are an exception
// to "either side allows": the key policy must allow, directly or by delegating to the account root; a key
// with no policy in the files gets AWS's default key policy, which delegates to the account, and the decision
// says so. Role trust policies work the same way for sts:AssumeRole*: the trust must admit the caller (a role
// or user ARN, an account, a service, a federated identity provider), and when it names only the account the
// caller's identity policy must allow the action too. A trust policy decides only sts actions on the role;
// iam:PassRole and the other iam actions on a role are decided by the caller's policies alone.
//
// Service control policies, resource control policies and session policies are not in the files a
// repository holds; this package does not invent them. Its answers are what the files allow, and an SCP may
// deny more. Version 2008-10-17 policies (without policy variables) are read as if they were 2012-10-17.
//
// # Unknowns
//
// Nothing unknown is silently safe. A condition on a key the request context does not supply is an
// assumption: on an Allow it is assumed to hold, on a Deny it is assumed not to apply, so a result never
// hides access; the same holds for a Resource, Action or Principal that matches only through a token. Every
// such assumption is listed on the Decision (or Access) with the statement it concerns. A document Seam could
// not read at all is not evaluated and is listed too. The resource's account, when neither it nor its ARN
// says (S3), is assumed to be the principal's.
//
// # Partial access
//
// A resource may be an ARN pattern (an S3 bucket's objects are arn:aws:s3:::bucket/*). A statement applies to
// some of it when the patterns overlap and to all of it when the statement's pattern covers it; an access is
// partial when no allowing statement covers the whole pattern (bucket/invoices/* of bucket/*) or a Deny
// removes part of it. Cover is exact for the shapes policies use and may answer "not all" in rare
// constructions where the truth is "all" (never the other way), so an access is at worst reported partial.
//
// # From the graph
//
// The access builder is the intended caller. A Principal is an identity node with its policies: inline
// (aws_iam_role_policy), attached managed (aws_iam_role_policy_attachment → aws_iam_policy) and its groups'
// (aws_iam_user_group_membership → group policies), each parsed with a Source whose Via names the
// attachment and membership, and the permissions_boundary policy. A Kubernetes ServiceAccount is a
// PrincipalFederated of the cluster's OIDC provider with the Context its token carries
// (<issuer>:sub = system:serviceaccount:<namespace>:<name>, <issuer>:aud = sts.amazonaws.com); an EC2
// instance profile's service is PrincipalService "ec2.amazonaws.com". A Resource is a data store, key or
// role node: an S3 bucket is arn:aws:s3:::NAME with Contents arn:aws:s3:::NAME/* (type s3:object) and its
// aws_s3_bucket_policy; a KMS key carries its policy (or nil, for AWS's default); a role carries its trust
// policy, so sts:AssumeRole* on it answers can-assume. Unknown Terraform values reach ParsePolicy as
// ${...} tokens through the caller's resolver.
//
// # Access levels
//
// Seam's levels are AWS's (list, read, write, permissions-management, tagging), plus admin when every action
// of the resource type's own service is allowed on the resource (s3:*, *), and unknown for an action the
// table does not have, which is still matched literally. Note that AWS classes kms:Decrypt as Write.
package iam
