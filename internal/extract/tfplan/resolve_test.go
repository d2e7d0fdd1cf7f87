package tfplan

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// obj is shorthand for a JSON object in the inline fixtures below.
type obj = map[string]any

// res is a planned_values / values resource entry.
func res(addr, typ, name string, values obj) obj {
	mode := "managed"
	if len(addr) > 5 && addr[:5] == "data." {
		mode = "data"
	}
	return obj{"address": addr, "mode": mode, "type": typ, "name": name,
		"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": values,
		"sensitive_values": obj{}}
}

// create is a resource_changes entry that creates addr with after_unknown unknown.
func create(addr string, after, unknown obj) obj {
	return obj{"address": addr, "change": obj{"actions": []any{"create"}, "before": nil, "after": after,
		"after_unknown": unknown, "before_sensitive": false, "after_sensitive": obj{}}}
}

// refs is a configuration expression with references.
func refs(r ...string) obj { return obj{"references": r} }

// cres is a configuration resource block.
func cres(addr, typ, name string, exprs obj) obj {
	return obj{"address": addr, "mode": "managed", "type": typ, "name": name, "provider_config_key": "aws",
		"expressions": exprs, "schema_version": 0}
}

func plan(planned []any, changes []any, root obj) string {
	p := obj{"format_version": "1.2", "terraform_version": "1.9.5",
		"planned_values": obj{"root_module": obj{"resources": planned}}, "resource_changes": changes,
		"configuration": obj{"root_module": root}}
	b, _ := json.MarshalIndent(p, "", "  ")
	return string(b)
}

// unknownName is the after_unknown of a role whose name, ARN and id are not known before apply.
var unknownName = obj{"name": true, "arn": true, "id": true}

// resolutionTests are small plans, each with the edges its references should make.
var resolutionTests = []struct {
	name    string
	content string
	want    []edgeKey
}{{
	// module "app" { count = 2 }: each instance profile uses the role of its own module instance. Names are
	// unknown, so only the module instance keys can pair them.
	name: "sibling in the same module instance",
	content: plan([]any{
		res("module.app[0].aws_iam_instance_profile.p", "aws_iam_instance_profile", "p", obj{}),
		res("module.app[0].aws_iam_role.r", "aws_iam_role", "r", obj{}),
		res("module.app[1].aws_iam_instance_profile.p", "aws_iam_instance_profile", "p", obj{}),
		res("module.app[1].aws_iam_role.r", "aws_iam_role", "r", obj{}),
	}, []any{
		create("module.app[0].aws_iam_instance_profile.p", obj{}, obj{"role": true}),
		create("module.app[0].aws_iam_role.r", obj{}, unknownName),
		create("module.app[1].aws_iam_instance_profile.p", obj{}, obj{"role": true}),
		create("module.app[1].aws_iam_role.r", obj{}, unknownName),
	}, obj{"module_calls": obj{"app": obj{"source": "./app", "count_expression": obj{"constant_value": 2},
		"module": obj{"resources": []any{
			cres("aws_iam_instance_profile.p", "aws_iam_instance_profile", "p", obj{"role": refs("aws_iam_role.r.name", "aws_iam_role.r")}),
			cres("aws_iam_role.r", "aws_iam_role", "r", obj{}),
		}}}}}),
	want: []edgeKey{
		{"module.app[0].aws_iam_instance_profile.p", "uses-identity", "module.app[0].aws_iam_role.r"},
		{"module.app[1].aws_iam_instance_profile.p", "uses-identity", "module.app[1].aws_iam_role.r"},
	},
}, {
	// module "svc" { role = aws_iam_role.shared.name }; inside, role = var.role.
	name: "through a module input variable",
	content: plan([]any{
		res("aws_iam_role.shared", "aws_iam_role", "shared", obj{}),
		res("module.svc.aws_iam_instance_profile.p", "aws_iam_instance_profile", "p", obj{}),
	}, nil, obj{
		"resources": []any{cres("aws_iam_role.shared", "aws_iam_role", "shared", obj{})},
		"module_calls": obj{"svc": obj{"source": "./svc",
			"expressions": obj{"role": refs("aws_iam_role.shared.name", "aws_iam_role.shared")},
			"module": obj{"resources": []any{
				cres("aws_iam_instance_profile.p", "aws_iam_instance_profile", "p", obj{"role": refs("var.role")}),
			}, "variables": obj{"role": obj{}}}}}}),
	want: []edgeKey{{"module.svc.aws_iam_instance_profile.p", "uses-identity", "aws_iam_role.shared"}},
}, {
	// aws_eip.ip (count = 2): instance = aws_instance.web[count.index].id. The reference names the whole
	// resource; the known values pair each address with its own instance.
	name: "count to count by value",
	content: plan([]any{
		res("aws_eip.ip[0]", "aws_eip", "ip", obj{"instance": "i-0"}),
		res("aws_eip.ip[1]", "aws_eip", "ip", obj{"instance": "i-1"}),
		res("aws_instance.web[0]", "aws_instance", "web", obj{"id": "i-0"}),
		res("aws_instance.web[1]", "aws_instance", "web", obj{"id": "i-1"}),
	}, nil, obj{"resources": []any{
		cres("aws_eip.ip", "aws_eip", "ip", obj{"instance": refs("aws_instance.web")}),
		cres("aws_instance.web", "aws_instance", "web", obj{}),
	}}),
	want: []edgeKey{
		{"aws_eip.ip[0]", "exposes", "aws_instance.web[0]"},
		{"aws_eip.ip[1]", "exposes", "aws_instance.web[1]"},
	},
}, {
	// aws_eip.one: instance = aws_instance.web[1].id, a literal key, while the ids are still unknown.
	name: "literal instance key",
	content: plan([]any{
		res("aws_eip.one", "aws_eip", "one", obj{}),
		res("aws_instance.web[0]", "aws_instance", "web", obj{}),
		res("aws_instance.web[1]", "aws_instance", "web", obj{}),
	}, nil, obj{"resources": []any{
		cres("aws_eip.one", "aws_eip", "one", obj{"instance": refs("aws_instance.web[1].id", "aws_instance.web[1]", "aws_instance.web")}),
		cres("aws_instance.web", "aws_instance", "web", obj{}),
	}}),
	want: []edgeKey{{"aws_eip.one", "exposes", "aws_instance.web[1]"}},
}, {
	// role = local.role_name: plan JSON has no locals, so the known value "app" finds the role by name (and
	// not the instance profile that is also named "app").
	name: "through a local, by value",
	content: plan([]any{
		res("aws_iam_instance_profile.app", "aws_iam_instance_profile", "app", obj{"name": "app", "id": "app", "role": "app"}),
		res("aws_iam_role.app", "aws_iam_role", "app", obj{"name": "app", "id": "app"}),
	}, nil, obj{"resources": []any{
		cres("aws_iam_instance_profile.app", "aws_iam_instance_profile", "app", obj{"role": refs("local.role_name")}),
		cres("aws_iam_role.app", "aws_iam_role", "app", obj{}),
	}}),
	want: []edgeKey{{"aws_iam_instance_profile.app", "uses-identity", "aws_iam_role.app"}},
}, {
	// A plain name that is not a catalogued reference, and an ARN inside an IAM policy, make no edge; an ARN
	// in an uncatalogued attribute does.
	name: "value matching stays narrow",
	content: plan([]any{
		res("aws_iam_role.app", "aws_iam_role", "app", obj{"name": "app", "id": "app", "arn": "arn:aws:iam::1:role/app"}),
		res("aws_sns_topic_subscription.s", "aws_sns_topic_subscription", "s", obj{"endpoint": "app",
			"subscription_role_arn": "arn:aws:iam::1:role/app"}),
		res("aws_iam_policy.p", "aws_iam_policy", "p", obj{"policy": `{"Statement":[{"Resource":"arn:aws:iam::1:role/app"}]}`}),
	}, nil, obj{}),
	want: []edgeKey{{"aws_sns_topic_subscription.s", "references", "aws_iam_role.app"}},
}}

// TestReferenceResolution covers how configuration references and values become edges between instances.
func TestReferenceResolution(t *testing.T) {
	for _, tt := range resolutionTests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractOne(t, "tfplan.json", tt.content)
			if len(f.Diagnostics) > 0 {
				t.Errorf("diagnostics: %v", f.Diagnostics)
			}
			if diff := cmp.Diff(tt.want, edgeKeys(f.Edges)); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValues covers how values become attributes.
func TestValues(t *testing.T) {
	tests := []struct {
		name, file, content string
		id                  string
		want                map[string]any // a subset of the node's attributes
	}{{
		// A raw state's sensitive_attributes path through a list and a map key masks only that value.
		name: "raw sensitive path", file: "terraform.tfstate", id: "aws_lambda_function.f",
		content: `{"version": 4, "terraform_version": "1.7.0", "serial": 1, "lineage": "x", "outputs": {},
		  "resources": [{"mode": "managed", "type": "aws_lambda_function", "name": "f", "provider": "p",
		    "instances": [{"schema_version": 0, "attributes": {"function_name": "f",
		      "environment": [{"variables": {"SIGNING": "s3cr3t", "REGION": "eu-west-1"}}]},
		      "sensitive_attributes": [[{"type": "get_attr", "value": "environment"},
		        {"type": "index", "value": {"value": 0, "type": "number"}},
		        {"type": "get_attr", "value": "variables"},
		        {"type": "index", "value": {"value": "SIGNING", "type": "string"}}]]}]}]}`,
		want: map[string]any{"environment": []any{map[string]any{"variables": map[string]any{
			"SIGNING": masked, "REGION": "eu-west-1"}}}},
	}, {
		// An attribute named *policy* holding a JSON object string is parsed on any type; other strings, and
		// JSON that is not an object, stay strings.
		name: "policy-like JSON", file: "state.json", id: "aws_glacier_vault.v",
		content: `{"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {"resources": [
		  {"address": "aws_glacier_vault.v", "mode": "managed", "type": "aws_glacier_vault", "name": "v",
		   "provider_name": "aws", "schema_version": 0, "sensitive_values": {}, "values": {
		     "access_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
		     "policy_name": "vault-access", "notes": "{\"a\":1}", "lock_policy": "[1,2]",
		     "count_limit": 3, "ratio": 0.5, "big": 12345678901234567890}}]}}}`,
		want: map[string]any{"access_policy": map[string]any{"Version": "2012-10-17", "Statement": []any{}},
			"policy_name": "vault-access", "notes": `{"a":1}`, "lock_policy": "[1,2]",
			"count_limit": 3, "ratio": 0.5, "big": 1.2345678901234567e19},
	}, {
		// after_unknown marks one element of a list and a whole attribute absent from after.
		name: "unknown list element", file: "plan.json", id: "aws_security_group.sg",
		content: plan([]any{res("aws_security_group.sg", "aws_security_group", "sg", obj{})}, []any{
			create("aws_security_group.sg", obj{"name": "sg", "ingress": []any{obj{"cidr_blocks": []any{"10.0.0.0/8", nil}}}},
				obj{"id": true, "ingress": []any{obj{"cidr_blocks": []any{false, true}}}}),
		}, obj{}),
		want: map[string]any{"id": map[string]any{"$unknown": "known after apply"},
			"ingress": []any{map[string]any{"cidr_blocks": []any{"10.0.0.0/8", map[string]any{"$unknown": "known after apply"}}}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractOne(t, tt.file, tt.content)
			n, ok := nodeByID(f, tt.id)
			if !ok {
				t.Fatalf("no node %s; diagnostics %v", tt.id, f.Diagnostics)
			}
			got := map[string]any{}
			for k := range tt.want {
				got[k] = n.Attrs[k]
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("attrs (-want +got):\n%s", diff)
			}
		})
	}
}
