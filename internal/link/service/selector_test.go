package service

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSelector(t *testing.T) {
	tests := []struct {
		in      string
		want    string // canonical form; "" when an error is wanted
		matches map[string]string
		match   bool
	}{
		{"app=search,tier in (web)", "app=search,tier in (web)", map[string]string{"app": "search", "tier": "web"}, true},
		{"app=search,tier in (web)", "app=search,tier in (web)", map[string]string{"app": "search", "tier": "batch"}, false},
		{"app==api, env!=dev", "app=api,env!=dev", map[string]string{"app": "api"}, true}, // != holds without the label
		{"app==api, env!=dev", "app=api,env!=dev", map[string]string{"app": "api", "env": "dev"}, false},
		{"team notin (b, a),!legacy,canary", "team notin (a,b),!legacy,canary", map[string]string{"canary": ""}, true},
		{"team notin (b, a),!legacy,canary", "team notin (a,b),!legacy,canary", map[string]string{"canary": "", "legacy": "1"}, false},
		{"example.com/part-of=shop", "example.com/part-of=shop", map[string]string{"example.com/part-of": "shop"}, true},
		{"app=", "app=", map[string]string{"app": ""}, true},
		{"", "", nil, false},             // empty: would select everything
		{"a=b,,c=d", "", nil, false},     // empty requirement
		{"app=(x)", "", nil, false},      // parentheses in a value
		{"key in a,b", "", nil, false},   // set without parentheses
		{"tier in (web", "", nil, false}, // unclosed
		{"a b=c", "", nil, false},        // space in a key
		{"/app=x", "", nil, false},       // empty prefix
	}
	for _, tt := range tests {
		sel, err := ParseSelector(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseSelector(%q) = %v, want an error", tt.in, sel)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseSelector(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, sel.String()); diff != "" {
			t.Errorf("ParseSelector(%q) (-want +got):\n%s", tt.in, diff)
		}
		if got := sel.Matches(tt.matches); got != tt.match {
			t.Errorf("%q matches %v = %v, want %v", tt.in, tt.matches, got, tt.match)
		}
	}
}

func TestParseLocation(t *testing.T) {
	tests := []struct {
		in, catalog string
		want        Location
		err         bool
	}{
		{"url:https://github.com/acme/webshop/tree/main/services/api", "catalog-info.yaml",
			Location{Repository: "github.com/acme/webshop", Dir: "services/api"}, false},
		{"url:https://github.com/acme/webshop/tree/main/", "catalog-info.yaml",
			Location{Repository: "github.com/acme/webshop"}, false},
		{"url:https://GitHub.com/acme/webshop/blob/v1/services/api/main.go", "x.yaml",
			Location{Repository: "github.com/acme/webshop", Dir: "services/api/main.go"}, false},
		{"url:https://gitlab.com/acme/platform/shop/-/tree/main/services/api", "x.yaml",
			Location{Repository: "gitlab.com/acme/platform/shop", Dir: "services/api"}, false},
		{"url:https://bitbucket.org/acme/shop/src/main/billing/", "x.yaml",
			Location{Repository: "bitbucket.org/acme/shop", Dir: "billing"}, false},
		{"url:https://dev.azure.com/acme/shop/_git/shop?path=/services/api&version=GBmain", "x.yaml",
			Location{Repository: "dev.azure.com/acme/shop/_git/shop", Dir: "services/api"}, false},
		{"url:https://github.com/acme/webshop", "x.yaml", Location{Repository: "github.com/acme/webshop"}, false},
		{"url:https://github.com/acme/webshop/tree/main/a/../../..", "x.yaml", Location{}, true},
		{"url:https://github.com/acme", "x.yaml", Location{}, true},
		{"url:ftp://example.com/a/b", "x.yaml", Location{}, true},
		{"dir:./billing", "services/catalog-info.yaml", Location{Dir: "services/billing"}, false},
		{"dir:.", "catalog-info.yaml", Location{}, false},
		{"dir:../outside", "catalog-info.yaml", Location{}, true},
		{"dir:/absolute", "catalog-info.yaml", Location{}, true},
		{"services/api", "catalog-info.yaml", Location{}, true},
	}
	for _, tt := range tests {
		got, err := ParseLocation(tt.in, tt.catalog)
		if (err != nil) != tt.err {
			t.Errorf("ParseLocation(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" && !tt.err {
			t.Errorf("ParseLocation(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
