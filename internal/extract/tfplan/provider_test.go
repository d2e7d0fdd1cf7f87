package tfplan

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
)

// TestProviderConfig: provider configurations of a plan's root module become the nodes the HCL extractor
// makes, with values from constants and from the root variables they reference.
func TestProviderConfig(t *testing.T) {
	const head = `{"format_version": "1.2", "planned_values": {"root_module": {}}, `
	tests := []struct {
		name   string
		plan   string
		want   map[string]map[string]any // node ID → attributes
		unknow []string                  // attributes with an assumption, as "id attribute"
	}{
		{
			name: "variables resolve, a sensitive one is masked, a list argument given one string",
			plan: head + `"variables": {"region": {"value": "eu-west-1"}, "acct": {"value": "111122223333"}, "p": {"value": "ops"}},
  "configuration": {"root_module": {"variables": {"p": {"sensitive": true}}},
    "provider_config": {"aws": {"name": "aws", "expressions": {
      "region": {"references": ["var.region"]},
      "allowed_account_ids": {"references": ["var.acct"]},
      "profile": {"references": ["var.p"]},
      "secret_key": {"constant_value": "must-not-be-read"}}}}}}`,
			want: map[string]map[string]any{"provider.aws": {"region": "eu-west-1", "allowed_account_ids": []any{"111122223333"},
				"profile": model.Redacted, "secret_key": nil, "tf_address": "provider.aws"}},
		},
		{
			name: "an unquoted account number, a reference through a local",
			plan: head + `"configuration": {"provider_config": {"aws.east": {"name": "aws", "alias": "east", "expressions": {
      "forbidden_account_ids": {"constant_value": [123456789012]},
      "region": {"references": ["local.region"]},
      "default_tags": [{"tags": {"references": ["local.tags"]}}]}}}}}`,
			want: map[string]map[string]any{"provider.aws.east": {"forbidden_account_ids": []any{"123456789012"},
				"region": model.Unknown("local.region"), "default_tags": model.Unknown("local.tags"), "alias": "east"}},
			unknow: []string{"provider.aws.east default_tags", "provider.aws.east region"},
		},
		{
			name: "other providers and child modules make no node",
			plan: head + `"configuration": {"provider_config": {
      "google": {"name": "google", "expressions": {"project": {"constant_value": "x"}}},
      "module.m:aws": {"name": "aws", "module_address": "module.m", "expressions": {}}}}}`,
			want: map[string]map[string]any{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractOne(t, "tfplan.json", tt.plan)
			got := map[string]map[string]any{}
			for _, n := range f.Nodes {
				if n.Kind != model.KindAccount || n.Type != providerType {
					t.Errorf("node %s: kind %s, type %s", n.ID, n.Kind, n.Type)
				}
				attrs := map[string]any{}
				for k := range tt.want[n.ID] {
					attrs[k] = n.Attrs[k]
				}
				got[n.ID] = attrs
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("provider nodes (-want +got):\n%s", diff)
			}
			var unknown []string
			for _, a := range f.Assumptions {
				unknown = append(unknown, a.Subject+" "+a.Attribute)
			}
			if diff := cmp.Diff(tt.unknow, unknown); diff != "" {
				t.Errorf("assumptions (-want +got):\n%s", diff)
			}
		})
	}
}
