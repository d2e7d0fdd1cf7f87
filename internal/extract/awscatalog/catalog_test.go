package awscatalog

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seam-sec/seam/internal/model"
)

// required lists every type the Terraform issue asks the catalogue to cover (data sources prefixed "data.").
var required = []string{
	"aws_instance", "aws_launch_template", "aws_autoscaling_group",
	"aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_user",
	"aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_group", "aws_iam_group_policy",
	"aws_iam_group_policy_attachment", "aws_iam_group_membership", "aws_iam_access_key", "aws_iam_instance_profile",
	"data.aws_iam_policy_document",
	"aws_s3_bucket", "aws_s3_bucket_policy", "aws_s3_bucket_acl", "aws_s3_bucket_public_access_block",
	"aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning", "aws_s3_bucket_logging",
	"aws_s3_object",
	"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
	"aws_vpc_security_group_egress_rule", "aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_route_table",
	"aws_route_table_association", "aws_route",
	"aws_lb", "aws_alb", "aws_lb_listener", "aws_alb_listener", "aws_lb_target_group", "aws_alb_target_group",
	"aws_lb_target_group_attachment", "aws_alb_target_group_attachment", "aws_lb_listener_rule",
	"aws_lambda_function", "aws_lambda_function_url", "aws_lambda_permission",
	"aws_db_instance", "aws_rds_cluster", "aws_dynamodb_table",
	"aws_secretsmanager_secret", "aws_secretsmanager_secret_version", "aws_ssm_parameter", "aws_kms_key",
	"aws_eks_cluster", "aws_eks_node_group", "aws_eks_pod_identity_association", "aws_iam_openid_connect_provider",
	"aws_ecs_cluster", "aws_ecs_task_definition", "aws_ecs_service", "aws_cloudtrail", "aws_flow_log",
	"aws_api_gateway_rest_api", "aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration",
	"aws_api_gateway_deployment", "aws_api_gateway_stage", "aws_api_gateway_authorizer",
	"aws_apigatewayv2_api", "aws_apigatewayv2_route", "aws_apigatewayv2_integration", "aws_apigatewayv2_stage",
	"aws_apigatewayv2_authorizer",
}

func TestRequiredTypesPresent(t *testing.T) {
	for _, name := range required {
		typ, data := name, false
		if len(name) > 5 && name[:5] == "data." {
			typ, data = name[5:], true
		}
		if _, ok := Lookup(typ, data); !ok {
			t.Errorf("%s is not in the catalogue", name)
		}
	}
}

// TestCatalogueWellFormed checks every entry: valid kinds and edges, no duplicates, sorted order, and Refs,
// JSONAttrs and SecretAttrs that name attributes.
func TestCatalogueWellFormed(t *testing.T) {
	all := Types()
	if !sort.SliceIsSorted(all, func(i, j int) bool {
		if all[i].Data != all[j].Data {
			return !all[i].Data
		}
		return all[i].Type < all[j].Type
	}) {
		t.Error("Types() is not sorted by (data, type)")
	}
	seen := map[key]bool{}
	for _, rt := range all {
		k := key{rt.Type, rt.Data}
		if seen[k] {
			t.Errorf("%s (data=%v) is listed twice", rt.Type, rt.Data)
		}
		seen[k] = true
		if !rt.Kind.Valid() || rt.Kind.Layer() != model.LayerInfrastructure {
			t.Errorf("%s: kind %q is not an infrastructure kind", rt.Type, rt.Kind)
		}
		if rt.Service == "" {
			t.Errorf("%s: no service", rt.Type)
		}
		attrs := map[string]bool{}
		for _, r := range rt.Refs {
			if r.Attr == "" || !r.Edge.Valid() {
				t.Errorf("%s: bad ref %+v", rt.Type, r)
			}
			if attrs[r.Attr] {
				t.Errorf("%s: attribute %s has two refs", rt.Type, r.Attr)
			}
			attrs[r.Attr] = true
		}
		for _, a := range append(append([]string(nil), rt.JSONAttrs...), rt.SecretAttrs...) {
			if a == "" || NormalizePath(a) != a {
				t.Errorf("%s: attribute path %q is not in dotted form", rt.Type, a)
			}
		}
	}
}

func TestKindOfAndNodeType(t *testing.T) {
	tests := []struct {
		typ      string
		data     bool
		kind     model.NodeKind
		nodeType string
	}{
		{"aws_iam_role", false, model.KindIdentity, "aws_iam_role"},
		{"aws_iam_policy_document", true, model.KindGrant, "data.aws_iam_policy_document"},
		{"aws_s3_bucket", true, model.KindDataStore, "data.aws_s3_bucket"},
		{"aws_ecs_task_definition", false, model.KindWorkload, "aws_ecs_task_definition"},
		{"random_password", false, model.KindResource, "random_password"},
		{"aws_ami", true, model.KindResource, "data.aws_ami"},
	}
	for _, tt := range tests {
		if got := KindOf(tt.typ, tt.data); got != tt.kind {
			t.Errorf("KindOf(%s, %v) = %s, want %s", tt.typ, tt.data, got, tt.kind)
		}
		if got := NodeType(tt.typ, tt.data); got != tt.nodeType {
			t.Errorf("NodeType(%s, %v) = %s, want %s", tt.typ, tt.data, got, tt.nodeType)
		}
	}
}

func TestRefFor(t *testing.T) {
	got, ok := RefFor("aws_lambda_function", false, "vpc_config.security_group_ids")
	if want := (Ref{Attr: "vpc_config.security_group_ids", Edge: model.EdgeProtectedBy}); !ok || !cmp.Equal(got, want) {
		t.Errorf("RefFor lambda vpc_config = %+v, %v; want %+v", got, ok, want)
	}
	got, ok = RefFor("aws_lb_listener", false, "load_balancer_arn")
	if !ok || !got.Reverse || got.Edge != model.EdgeRoutesTo {
		t.Errorf("RefFor listener load_balancer_arn = %+v, %v; want a reversed routes-to", got, ok)
	}
	if _, ok := RefFor("aws_lambda_function", false, "description"); ok {
		t.Error("description is not a reference")
	}
}

func TestNormalizePath(t *testing.T) {
	tests := map[string]string{
		"role":                                "role",
		"vpc_config[0].security_group_ids[1]": "vpc_config.security_group_ids",
		`environment[0].variables["A.B[0]"]`:  "environment.variables",
		`tags["x\"]y"].z`:                     "tags.z",
		"policy.Statement[0].Resource":        "policy.Statement.Resource",
	}
	for in, want := range tests {
		if got := NormalizePath(in); got != want {
			t.Errorf("NormalizePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSecretName(t *testing.T) {
	tests := map[string]bool{
		"password": true, "master_password": true, "DB_PASSWORD": true, "secret_string": true, "api_key": true,
		"GITHUB_TOKEN": true, "private_key": true, "auth_token": true,
		"secret_arn": false, "kms_key_id": false, "password_length": false, "token_validity_units": false,
		"name": false, "secret_id": false, "manage_master_user_password": false, "key_name": false,
		"master_user_secret_kms_key_id": false, "http_tokens": false, "password_reset_required": false,
	}
	for name, want := range tests {
		if got := SecretName(name); got != want {
			t.Errorf("SecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestAttrClassification(t *testing.T) {
	tests := []struct {
		typ          string
		data         bool
		path         string
		json, secret bool
	}{
		{"aws_iam_role", false, "assume_role_policy", true, false},
		{"aws_iam_role", false, "inline_policy.policy", true, false},
		{"aws_sqs_queue_policy", false, "policy", true, false},
		{"aws_ecs_task_definition", false, "container_definitions", true, false},
		{"aws_iam_policy_document", true, "json", true, false},
		{"google_storage_bucket_iam_policy", false, "policy", false, false},
		{"aws_ssm_parameter", false, "value", false, true},
		{"aws_db_instance", false, "password", false, true},
		{"aws_lambda_function", false, "environment.variables", false, false},
		{"aws_iam_role_policy_attachment", false, "policy_arn", false, false},
	}
	for _, tt := range tests {
		if got := IsJSONAttr(tt.typ, tt.data, tt.path); got != tt.json {
			t.Errorf("IsJSONAttr(%s, %s) = %v, want %v", tt.typ, tt.path, got, tt.json)
		}
		if got := IsSecretAttr(tt.typ, tt.data, tt.path); got != tt.secret {
			t.Errorf("IsSecretAttr(%s, %s) = %v, want %v", tt.typ, tt.path, got, tt.secret)
		}
	}
}
