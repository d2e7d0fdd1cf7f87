package iam

// Resource is what a request is about.
type Resource struct {
	ID string // the caller's identifier (a graph node ID), echoed in results
	// ARN is the resource's ARN, or an ARN pattern ("arn:aws:s3:::bucket/*"); "*" for actions that take no
	// resource (compared as the literal string, as AWS does: only a statement's Resource "*" covers it).
	ARN string
	// Type is the table's resource type ("s3:bucket", "kms:key", "iam:role"); "" takes it from the ARN.
	Type string
	// Account is the account that owns the resource; "" takes it from the ARN, and when the ARN has none
	// (S3) the resource is assumed to be in the principal's account, which is listed as an assumption.
	Account string
	// Policy is the resource-based policy: a bucket, queue, topic, secret or repository policy, a KMS key
	// policy, a role's trust policy. nil when the files give none.
	Policy *Policy
	// Contents are further ARN patterns that belong to the resource and are evaluated with it: an S3
	// bucket's objects ("arn:aws:s3:::bucket/*", type "s3:object").
	Contents []Target
	// Context holds condition keys known for every request on the resource (aws:ResourceTag/...).
	Context Context
	// At is where the resource is defined, the evidence for assumptions about it (its default key policy).
	At Place
}

// Target is one ARN pattern of a resource with its resource type.
type Target struct {
	ARN  string
	Type string
}

// Request is one question: may Principal do Action to Resource, in Context.
type Request struct {
	Principal *Principal
	Action    string // "s3:GetObject"
	Resource  *Resource
	// Context holds the condition keys the caller knows for this request (a federated session's
	// <issuer>:sub, aws:SourceVpc). Keys it does not hold are unknown: see Context.
	Context Context
}

// Decision is the answer to a Request, with its evidence.
type Decision struct {
	Allowed bool
	// Partial is set when the allow covers only some of the resource pattern (bucket/invoices/* of
	// bucket/*), or a deny removes part of it.
	Partial bool
	// Uncertain is set when the allow rests on assumptions (listed in Assumptions).
	Uncertain bool
	// ExplicitDeny is set when a Deny statement decided.
	ExplicitDeny bool
	Allowing     []StatementRef // the statements that allowed, sorted
	Denying      []StatementRef // the Deny statements that apply, sorted
	Assumptions  []Assumption   // every assumption made, sorted
	// Refused lists, when the request is not allowed, the resource-based policy's Allow statements for the
	// action that did not admit it, and why (a trust for another ServiceAccount). Sorted by statement.
	Refused []Refusal
	Reason  string // one sentence a user can read
}

// Refusal is an Allow statement that did not apply, with the reason.
type Refusal struct {
	Statement StatementRef
	Why       string
}

// account returns the resource's account: the field, else the target ARN's account field.
func (r *Resource) account(tgt *ResourcePattern) string {
	if r.Account != "" {
		return r.Account
	}
	if a := tgt.account(); a != "" {
		return a
	}
	return arnAccount(r.ARN)
}

// targetFor picks, compiled, the ARN an action is about: the resource's own, or one of its Contents whose
// type the action applies to (s3:GetObject on a bucket resource is about its objects), with its type.
func (r *Resource) targetFor(info ActionInfo, known bool) (ResourcePattern, string) {
	if r.ARN == "*" {
		return CompileARN("*"), "" // the request is on "*" itself, as for actions that take no resource
	}
	main := CompileResource(r.ARN)
	typ := r.Type
	if typ == "" {
		typ = main.resourceType()
	}
	if !known || len(info.Resources) == 0 || containsString(info.Resources, typ) {
		return main, typ
	}
	for _, c := range r.Contents {
		ct := c.Type
		if ct == "" {
			ct = ResourceTypeOf(c.ARN)
		}
		if containsString(info.Resources, ct) {
			return CompileResource(c.ARN), ct
		}
	}
	return main, typ
}

func (r *Resource) label() string {
	if r.ID != "" {
		return r.ID
	}
	return r.ARN
}
