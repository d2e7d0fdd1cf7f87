// Package awscatalog describes the AWS resource types Seam models: which node kind each Terraform resource or
// data source becomes, which attribute names it, and which of its attributes refer to other resources and as
// what kind of edge. The Terraform HCL and Terraform plan/state extractors share it so that both produce the same
// nodes and edges for the same resource.
//
// The entries live in one file per AWS area (iam.go, storage.go, network.go, compute.go, gateway.go); the edge
// directions follow the conventions table in docs/design/graph-foundation.md.
package awscatalog

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

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
	// JSONAttrs are attributes (dotted paths, like Refs) whose string values are JSON documents: IAM policies,
	// ECS container definitions. Extractors store them parsed (an object or a list), not as strings, so later
	// analyses can read statements and containers.
	JSONAttrs []string
	// SecretAttrs are attributes whose values are secrets (passwords, secret strings). Extractors never store
	// their values; see also SecretName for attribute and map-key names that look secret on any type.
	SecretAttrs []string
	// IDAttr is the configuration attribute that the resource's "id" equals when the provider sets the id from
	// it ("bucket" for aws_s3_bucket, "name" for aws_iam_role); empty when the id is generated. It lets the HCL
	// extractor resolve "aws_s3_bucket.logs.id" without a plan.
	IDAttr string
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

// NodeType returns the Node.Type both Terraform extractors give a resource: the Terraform type for a managed
// resource ("aws_s3_bucket"), and "data.<type>" for a data source ("data.aws_iam_policy_document"), so a
// lookup of an existing bucket is never mistaken for a bucket the configuration manages.
func NodeType(tfType string, data bool) string {
	if data {
		return "data." + tfType
	}
	return tfType
}

// RefFor returns the catalogued reference for an attribute path of a type. The path is dotted, without
// instance or block indices ("vpc_config.security_group_ids"); see NormalizePath.
func RefFor(tfType string, data bool, attrPath string) (Ref, bool) {
	rt, ok := Lookup(tfType, data)
	if !ok {
		return Ref{}, false
	}
	for _, r := range rt.Refs {
		if r.Attr == attrPath {
			return r, true
		}
	}
	return Ref{}, false
}

// genericJSONAttrs are attribute names that hold IAM policy JSON on any AWS type, catalogued or not
// (aws_sqs_queue_policy.policy, aws_ecr_repository_policy.policy, aws_opensearch_domain.access_policies).
var genericJSONAttrs = map[string]bool{"policy": true, "assume_role_policy": true, "access_policies": true}

// IsJSONAttr reports whether the attribute at attrPath (dotted, see NormalizePath) of a type holds a JSON
// document that extractors should store parsed: the type's JSONAttrs, or on any "aws_" type an attribute named
// policy, assume_role_policy or access_policies.
func IsJSONAttr(tfType string, data bool, attrPath string) bool {
	if rt, ok := Lookup(tfType, data); ok {
		for _, a := range rt.JSONAttrs {
			if a == attrPath {
				return true
			}
		}
	}
	return strings.HasPrefix(tfType, "aws_") && genericJSONAttrs[lastSegment(attrPath)]
}

// IsSecretAttr reports whether the value of the attribute at attrPath (dotted, see NormalizePath) of a type
// must never be stored: the type's SecretAttrs, or any attribute whose own name looks secret (SecretName).
func IsSecretAttr(tfType string, data bool, attrPath string) bool {
	if rt, ok := Lookup(tfType, data); ok {
		for _, a := range rt.SecretAttrs {
			if a == attrPath {
				return true
			}
		}
	}
	return SecretName(lastSegment(attrPath))
}

var (
	secretWords = regexp.MustCompile(`(?i)password|passwd|secret|token|api_?key|apikey|private_?key|credential|auth_?key`)
	// notSecretSuffix marks names that refer to a secret rather than hold one (secret_arn, kms_key_id,
	// password_length, token_validity) or configure it.
	notSecretSuffix = regexp.MustCompile(`(?i)(_arns?|_ids?|_names?|_type|_enabled|_length|_policy|_units|_validity|_count|_ttl|_expiration|_version|_prefix|_rotation|_wo_version|_kms_key|_config|_configuration|_required|_strategy|_days|_window)$`)
	// notSecretPrefix marks switches about a secret (manage_master_user_password, enable_token_auth).
	notSecretPrefix = regexp.MustCompile(`(?i)^(manage|enable|create|use|require|rotate|disable)_`)
	// notSecretNames are settings whose names happen to contain a secret word.
	notSecretNames = map[string]bool{"http_tokens": true}
)

// SecretName reports whether an attribute or map key name looks like it holds a secret value ("password",
// "master_password", "DB_PASSWORD", "api_key", "secret_string"), as opposed to naming one ("secret_arn",
// "kms_key_id", "password_length").
func SecretName(name string) bool {
	lower := strings.ToLower(name)
	if !strings.Contains(lower, "pass") && !strings.Contains(lower, "secret") && !strings.Contains(lower, "token") &&
		!strings.Contains(lower, "key") && !strings.Contains(lower, "credential") {
		return false // the common case, without a regular expression
	}
	return secretWords.MatchString(name) && !notSecretSuffix.MatchString(name) && !notSecretPrefix.MatchString(name) &&
		!notSecretNames[name]
}

// NormalizePath turns an attribute path with indices ("vpc_config[0].security_group_ids[1]",
// `environment[0].variables["A"]`) into the dotted form the catalogue uses ("vpc_config.security_group_ids",
// "environment.variables"): indices are dropped.
func NormalizePath(p string) string {
	if !strings.Contains(p, "[") {
		return p
	}
	var b strings.Builder
	depth, quoted, escaped := 0, false, false
	for _, r := range p {
		switch {
		case depth > 0 && quoted:
			switch {
			case escaped:
				escaped = false
			case r == '\\':
				escaped = true
			case r == '"':
				quoted = false
			}
		case depth > 0 && r == '"':
			quoted = true
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func lastSegment(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[i+1:]
	}
	return p
}

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

// types is the catalogue: every area's entries, sorted by (data, type).
var types = func() []ResourceType {
	var all []ResourceType
	for _, area := range [][]ResourceType{iamTypes, storageTypes, networkTypes, computeTypes, gatewayTypes} {
		all = append(all, area...)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Data != all[j].Data {
			return !all[i].Data
		}
		return all[i].Type < all[j].Type
	})
	return all
}()

// to returns a Ref whose edge runs from the referring resource to the referenced one.
func to(attr string, edge model.EdgeKind) Ref { return Ref{Attr: attr, Edge: edge} }

// rev returns a Ref whose edge runs from the referenced resource to the referring one.
func rev(attr string, edge model.EdgeKind) Ref { return Ref{Attr: attr, Edge: edge, Reverse: true} }

// NameOf returns a resource's name: the value of the first of the type's NameAttrs (a dotted path such as
// "tags.Name") that holds a known, non-empty string or an integer in attrs. A withheld value
// (model.Redacted) is not a name.
func (rt ResourceType) NameOf(attrs map[string]any) (string, bool) {
	for _, na := range rt.NameAttrs {
		switch v := attrAt(attrs, na).(type) {
		case string:
			if v != "" && v != model.Redacted {
				return v, true
			}
		case int:
			return strconv.Itoa(v), true
		}
	}
	return "", false
}

// attrAt reads a dotted path ("tags.Name") from attributes.
func attrAt(attrs map[string]any, p string) any {
	var cur any = attrs
	for _, part := range strings.Split(p, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}
