// Package awscatalog describes the AWS resource types Seam models: which node kind each Terraform resource or
// data source becomes, which attribute names it, and which of its attributes refer to other resources and as
// what kind of edge. The Terraform HCL and Terraform plan/state extractors share it so that both produce the same
// nodes and edges for the same resource.
package awscatalog

import "github.com/seam-sec/seam/internal/model"

// ResourceType is what Seam knows about one Terraform resource or data source type.
type ResourceType struct {
	Type    string         // Terraform type, "aws_iam_role"
	Data    bool           // true for a data source (data.aws_iam_policy_document)
	Kind    model.NodeKind // node kind the resource becomes
	Service string         // AWS service, "iam", "s3", "ec2"
	// NameAttrs are the attributes that give the resource's name, tried in order ("name", "bucket").
	NameAttrs []string
	// Refs are the attributes whose values refer to other resources, and the edge each becomes.
	Refs []Ref
}

// Ref says that an attribute (a top-level name or a dotted path into nested blocks, such as
// "vpc_config.security_group_ids") refers to other resources, and which edge that makes.
type Ref struct {
	Attr string
	Edge model.EdgeKind
	// Reverse makes the edge run from the referenced resource to this one (a policy attachment makes
	// "policy attached-to role", written on the attachment).
	Reverse bool
}

// Lookup returns the catalogue entry for a resource (data=false) or data source (data=true) type.
func Lookup(tfType string, data bool) (ResourceType, bool) {
	rt, ok := index[key{tfType, data}]
	return rt, ok
}

// KindOf returns the node kind for a type, KindResource for a type the catalogue does not know.
func KindOf(tfType string, data bool) model.NodeKind {
	if rt, ok := Lookup(tfType, data); ok {
		return rt.Kind
	}
	return model.KindResource
}

// Types lists every catalogued type, sorted by (data, type).
func Types() []ResourceType { return append([]ResourceType(nil), types...) }

type key struct {
	typ  string
	data bool
}

var index = func() map[key]ResourceType {
	m := make(map[key]ResourceType, len(types))
	for _, t := range types {
		m[key{t.Type, t.Data}] = t
	}
	return m
}()

// types is the catalogue.
// TODO(#2): complete the catalogue for every type the Terraform issue lists.
var types = []ResourceType{
	{Type: "aws_iam_role", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name", "name_prefix"}},
	{Type: "aws_iam_instance_profile", Kind: model.KindIdentity, Service: "iam", NameAttrs: []string{"name"},
		Refs: []Ref{{Attr: "role", Edge: model.EdgeUsesIdentity}}},
	{Type: "aws_iam_role_policy_attachment", Kind: model.KindGrant, Service: "iam",
		Refs: []Ref{{Attr: "role", Edge: model.EdgeAttachedTo}, {Attr: "policy_arn", Edge: model.EdgeReferences}}},
	{Type: "aws_instance", Kind: model.KindWorkload, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{{Attr: "iam_instance_profile", Edge: model.EdgeUsesIdentity},
			{Attr: "vpc_security_group_ids", Edge: model.EdgeProtectedBy}, {Attr: "subnet_id", Edge: model.EdgeMemberOf}}},
	{Type: "aws_s3_bucket", Kind: model.KindDataStore, Service: "s3", NameAttrs: []string{"bucket", "bucket_prefix"}},
	{Type: "aws_iam_policy_document", Data: true, Kind: model.KindGrant, Service: "iam"},
}
