package rbac

import "testing"

// TestRuleAllows checks the matching of one rule against one request, each case naming the RBAC rule it
// checks (kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources).
func TestRuleAllows(t *testing.T) {
	getSecrets := Rule{APIGroups: []string{""}, Resources: []string{"secrets"}, Verbs: []string{"get"}}
	tests := []struct {
		name string
		rule Rule
		req  Request
		want bool
	}{
		{"exact verb, group and resource", getSecrets,
			Request{Verb: "get", Resource: "secrets", Namespace: "shop", Name: "db"}, true},
		{"another verb is not granted", getSecrets,
			Request{Verb: "list", Resource: "secrets", Namespace: "shop"}, false},
		{"the core group is the empty string, not apps", getSecrets,
			Request{Verb: "get", Group: "apps", Resource: "secrets", Name: "db"}, false},
		{"'*' verbs match every verb, impersonate and escalate included",
			Rule{APIGroups: []string{"rbac.authorization.k8s.io"}, Resources: []string{"clusterroles"}, Verbs: []string{"*"}},
			Request{Verb: "escalate", Group: "rbac.authorization.k8s.io", Resource: "clusterroles", Name: "x"}, true},
		{"'*' apiGroups match any group",
			Rule{APIGroups: []string{"*"}, Resources: []string{"deployments"}, Verbs: []string{"create"}},
			Request{Verb: "create", Group: "apps", Resource: "deployments", Namespace: "shop"}, true},
		{"a resource does not match its subresources: pods is not pods/exec",
			Rule{APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"create"}},
			Request{Verb: "create", Resource: "pods", Subresource: "exec", Namespace: "shop", Name: "api-1"}, false},
		{"a subresource is named resource/subresource",
			Rule{APIGroups: []string{""}, Resources: []string{"pods/exec"}, Verbs: []string{"create"}},
			Request{Verb: "create", Resource: "pods", Subresource: "exec", Namespace: "shop", Name: "api-1"}, true},
		{"pods/exec does not grant the pod itself",
			Rule{APIGroups: []string{""}, Resources: []string{"pods/exec"}, Verbs: []string{"get"}},
			Request{Verb: "get", Resource: "pods", Namespace: "shop", Name: "api-1"}, false},
		{"'*/scale' matches the scale subresource of any resource",
			Rule{APIGroups: []string{"apps"}, Resources: []string{"*/scale"}, Verbs: []string{"update"}},
			Request{Verb: "update", Group: "apps", Resource: "deployments", Subresource: "scale", Namespace: "shop", Name: "api"}, true},
		{"'*' resources match subresources too",
			Rule{APIGroups: []string{""}, Resources: []string{"*"}, Verbs: []string{"get"}},
			Request{Verb: "get", Resource: "pods", Subresource: "log", Namespace: "shop", Name: "api-1"}, true},
		{"resourceNames admit a named object",
			Rule{APIGroups: []string{""}, Resources: []string{"secrets"}, ResourceNames: []string{"db"}, Verbs: []string{"get"}},
			Request{Verb: "get", Resource: "secrets", Namespace: "shop", Name: "db"}, true},
		{"resourceNames refuse other names",
			Rule{APIGroups: []string{""}, Resources: []string{"secrets"}, ResourceNames: []string{"db"}, Verbs: []string{"get"}},
			Request{Verb: "get", Resource: "secrets", Namespace: "shop", Name: "tls"}, false},
		{"resourceNames refuse a list without a metadata.name field selector",
			Rule{APIGroups: []string{""}, Resources: []string{"secrets"}, ResourceNames: []string{"db"}, Verbs: []string{"list"}},
			Request{Verb: "list", Resource: "secrets", Namespace: "shop"}, false},
		{"resourceNames cannot limit create: the request has no name",
			Rule{APIGroups: []string{""}, Resources: []string{"pods"}, ResourceNames: []string{"x"}, Verbs: []string{"create"}},
			Request{Verb: "create", Resource: "pods", Namespace: "shop"}, false},
		{"nonResourceURLs are ignored for object access",
			Rule{NonResourceURLs: []string{"*"}, Verbs: []string{"*"}},
			Request{Verb: "get", Resource: "secrets", Namespace: "shop", Name: "db"}, false},
		{"nonResourceURLs match their path",
			Rule{NonResourceURLs: []string{"/healthz"}, Verbs: []string{"get"}},
			Request{Verb: "get", NonResource: true, Path: "/healthz"}, true},
		{"a trailing '*' in nonResourceURLs is a prefix",
			Rule{NonResourceURLs: []string{"/metrics/*"}, Verbs: []string{"get"}},
			Request{Verb: "get", NonResource: true, Path: "/metrics/cadvisor"}, true},
		{"nonResourceURLs refuse other paths",
			Rule{NonResourceURLs: []string{"/healthz"}, Verbs: []string{"get"}},
			Request{Verb: "get", NonResource: true, Path: "/api"}, false},
		{"resource rules never match non-resource URLs",
			Rule{APIGroups: []string{"*"}, Resources: []string{"*"}, Verbs: []string{"*"}},
			Request{Verb: "get", NonResource: true, Path: "/healthz"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rule.Allows(tt.req); got != tt.want {
				t.Errorf("Allows(%+v) = %v, want %v", tt.req, got, tt.want)
			}
		})
	}
}

// TestSelector checks label selectors as aggregationRules use them.
func TestSelector(t *testing.T) {
	labels := map[string]string{"team": "obs", AggregateToView: "true"}
	tests := []struct {
		name string
		sel  Selector
		want bool
	}{
		{"empty selector matches everything", Selector{}, true},
		{"matchLabels all present", Selector{MatchLabels: map[string]string{"team": "obs"}}, true},
		{"matchLabels value differs", Selector{MatchLabels: map[string]string{"team": "shop"}}, false},
		{"In", Selector{MatchExpressions: []Expression{{Key: "team", Operator: "In", Values: []string{"obs", "sre"}}}}, true},
		{"NotIn with the key absent holds", Selector{MatchExpressions: []Expression{{Key: "tier", Operator: "NotIn", Values: []string{"x"}}}}, true},
		{"Exists", Selector{MatchExpressions: []Expression{{Key: AggregateToView, Operator: "Exists"}}}, true},
		{"DoesNotExist", Selector{MatchExpressions: []Expression{{Key: "team", Operator: "DoesNotExist"}}}, false},
		{"unknown operator matches nothing", Selector{MatchExpressions: []Expression{{Key: "team", Operator: "Like"}}}, false},
	}
	for _, tt := range tests {
		if got := tt.sel.Matches(labels); got != tt.want {
			t.Errorf("%s: Matches = %v, want %v", tt.name, got, tt.want)
		}
	}
}
