package rbac

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sa(ns, name string) Subject { return Subject{Kind: ServiceAccount, Namespace: ns, Name: name} }
func user(name string) Subject   { return Subject{Kind: User, Name: name} }
func group(name string) Subject  { return Subject{Kind: Group, Name: name} }

func rule(verbs, groups, resources []string) Rule {
	return Rule{Verbs: verbs, APIGroups: groups, Resources: resources}
}

func list(s ...string) []string { return s }

// fixturePolicy is a small cluster:
//
//	Role shop/secret-reader (get secrets)         ← RoleBinding shop/api-secrets: ServiceAccount api (no namespace: shop's)
//	ClusterRole pod-reader (get, list pods)       ← RoleBinding shop/read-pods: ServiceAccount shop/ci
//	                                              ← ClusterRoleBinding prometheus: ServiceAccount monitoring/prom
//	ClusterRole widget-viewer (get widgets), labelled aggregate-to-view → part of view, edit and admin
//	ClusterRole monitoring (aggregates team=obs; lists rules of its own, overwritten) ← ClusterRoleBinding obs: Group obs
//	ClusterRole metrics-reader (team=obs: get nodes/metrics)   ClusterRole events-reader (team=obs: list events)
//	built-in view  ← RoleBinding shop/devs-view: Group devs
//	built-in edit  ← RoleBinding shop/deployer-edit: User system:serviceaccount:ci:deployer (a ServiceAccount by user name)
//	built-in admin ← RoleBinding billing/lead: User erin
//	cluster-admin  ← RoleBinding shop/break-glass: Group shop-oncall (namespaced!)
//	ClusterRole health ← ClusterRoleBinding anon-health: Group system:unauthenticated (nonResourceURLs /healthz)
//	ClusterRole namespace-lister (list namespaces) ← ClusterRoleBinding all-sa: Group system:serviceaccounts
//	ClusterRole configmap-reader ← RoleBinding shop/shop-sas: Group system:serviceaccounts:shop
//	ClusterRole whoami ← ClusterRoleBinding everyone: Group system:authenticated
//	broken: ClusterRoleBinding bad-ref → Role x; RoleBinding shop/ghost → Role shop/missing;
//	        ClusterRoleBinding sys → ClusterRole system:controller:foo
func fixturePolicy() *Policy {
	roles := []Role{
		{Namespace: "shop", Name: "secret-reader", Rules: []Rule{rule(list("get"), list(""), list("secrets"))}, Loc: Location{"rbac.yaml", 1}},
		{Name: "pod-reader", Rules: []Rule{rule(list("get", "list"), list(""), list("pods"))}, Loc: Location{"rbac.yaml", 10}},
		{Name: "widget-viewer", Labels: map[string]string{AggregateToView: "true"},
			Rules: []Rule{rule(list("get"), list("example.com"), list("widgets"))}, Loc: Location{"crd.yaml", 1}},
		{Name: "monitoring", Aggregation: []Selector{{MatchLabels: map[string]string{"team": "obs"}}},
			Rules: []Rule{rule(list("*"), list("*"), list("*"))}, Loc: Location{"obs.yaml", 1}},
		{Name: "metrics-reader", Labels: map[string]string{"team": "obs"}, Rules: []Rule{rule(list("get"), list(""), list("nodes/metrics"))}, Loc: Location{"obs.yaml", 10}},
		{Name: "events-reader", Labels: map[string]string{"team": "obs"}, Rules: []Rule{rule(list("list"), list(""), list("events"))}, Loc: Location{"obs.yaml", 20}},
		{Name: "health", Rules: []Rule{{Verbs: list("get"), NonResourceURLs: list("/healthz")}}},
		{Name: "namespace-lister", Rules: []Rule{rule(list("list"), list(""), list("namespaces"))}},
		{Name: "configmap-reader", Rules: []Rule{rule(list("get"), list(""), list("configmaps"))}},
		{Name: "whoami", Rules: []Rule{rule(list("create"), list("authentication.k8s.io"), list("selfsubjectreviews"))}},
	}
	crb := func(name, role string, s ...Subject) Binding {
		return Binding{Name: name, RoleRef: RoleRef{Kind: "ClusterRole", Name: role}, Subjects: s}
	}
	rb := func(ns, name, kind, role string, s ...Subject) Binding {
		return Binding{Namespace: ns, Name: name, RoleRef: RoleRef{Kind: kind, Name: role}, Subjects: s}
	}
	bindings := []Binding{
		rb("shop", "api-secrets", "Role", "secret-reader", Subject{Kind: ServiceAccount, Name: "api"}),
		rb("shop", "read-pods", "ClusterRole", "pod-reader", sa("shop", "ci")),
		crb("prometheus", "pod-reader", sa("monitoring", "prom")),
		crb("obs", "monitoring", group("obs")),
		rb("shop", "devs-view", "ClusterRole", "view", group("devs")),
		rb("shop", "deployer-edit", "ClusterRole", "edit", user("system:serviceaccount:ci:deployer")),
		rb("billing", "lead", "ClusterRole", "admin", user("erin")),
		rb("shop", "break-glass", "ClusterRole", "cluster-admin", group("shop-oncall")),
		crb("anon-health", "health", group(GroupUnauthenticated)),
		crb("all-sa", "namespace-lister", group(GroupServiceAccounts)),
		rb("shop", "shop-sas", "ClusterRole", "configmap-reader", group(ServiceAccountGroup("shop"))),
		crb("everyone", "whoami", group(GroupAuthenticated)),
		{Name: "bad-ref", RoleRef: RoleRef{Kind: "Role", Name: "x"}, Subjects: []Subject{sa("shop", "api")}},
		rb("shop", "ghost", "Role", "missing", sa("shop", "api")),
		crb("sys", "system:controller:foo", sa("kube-system", "foo")),
	}
	return NewPolicy(roles, bindings)
}

func get(res, ns, name string) Request {
	return Request{Verb: "get", Resource: res, Namespace: ns, Name: name}
}

// TestCan checks who may do what in the fixture, each case naming the RBAC rule it checks.
func TestCan(t *testing.T) {
	p := fixturePolicy()
	tests := []struct {
		name string
		id   Subject
		req  Request
		want bool
	}{
		{"a Role grants in its namespace; a subject without namespace takes the RoleBinding's",
			sa("shop", "api"), get("secrets", "shop", "db"), true},
		{"a Role grants nothing in another namespace", sa("shop", "api"), get("secrets", "billing", "db"), false},
		{"a RoleBinding to a ClusterRole grants within the binding's namespace",
			sa("shop", "ci"), Request{Verb: "list", Resource: "pods", Namespace: "shop"}, true},
		{"… and not in another namespace", sa("shop", "ci"), Request{Verb: "list", Resource: "pods", Namespace: "billing"}, false},
		{"… nor across all namespaces", sa("shop", "ci"), Request{Verb: "list", Resource: "pods"}, false},
		{"a ClusterRoleBinding grants in every namespace", sa("monitoring", "prom"), get("pods", "billing", "x"), true},
		{"… and across all namespaces", sa("monitoring", "prom"), Request{Verb: "list", Resource: "pods"}, true},
		{"aggregation: monitoring gets its members' rules", group("obs"), Request{Verb: "get", Resource: "nodes", Subresource: "metrics", Name: "n1"}, true},
		{"aggregation: the aggregating role's own rules are overwritten", group("obs"), get("secrets", "shop", "db"), false},
		{"built-in view reads pods", group("devs"), get("pods", "shop", "x"), true},
		{"built-in view does not read Secrets", group("devs"), get("secrets", "shop", "db"), false},
		{"built-in view aggregates ClusterRoles labelled aggregate-to-view", group("devs"),
			Request{Verb: "get", Group: "example.com", Resource: "widgets", Namespace: "shop", Name: "w"}, true},
		{"a User subject system:serviceaccount:<ns>:<name> is that ServiceAccount", sa("ci", "deployer"),
			Request{Verb: "create", Resource: "pods", Subresource: "exec", Namespace: "shop", Name: "api-1"}, true},
		{"built-in edit reads Secrets", sa("ci", "deployer"), get("secrets", "shop", "db"), true},
		{"built-in edit does not write RoleBindings", sa("ci", "deployer"),
			Request{Verb: "create", Group: "rbac.authorization.k8s.io", Resource: "rolebindings", Namespace: "shop"}, false},
		{"built-in edit includes view's aggregated rules (view is labelled aggregate-to-edit)", sa("ci", "deployer"),
			Request{Verb: "get", Group: "example.com", Resource: "widgets", Namespace: "shop", Name: "w"}, true},
		{"built-in admin writes RoleBindings of its namespace", user("erin"),
			Request{Verb: "create", Group: "rbac.authorization.k8s.io", Resource: "rolebindings", Namespace: "billing"}, true},
		{"built-in admin includes edit's rules", user("erin"), get("secrets", "billing", "db"), true},
		{"cluster-admin through a RoleBinding is admin of that namespace", group("shop-oncall"),
			Request{Verb: "delete", Group: "apps", Resource: "deployments", Namespace: "shop", Name: "api"}, true},
		{"… and nothing cluster-scoped", group("shop-oncall"), get("nodes", "", "n1"), false},
		{"system:unauthenticated covers the anonymous user", user(UserAnonymous), Request{Verb: "get", NonResource: true, Path: "/healthz"}, true},
		{"… and not ServiceAccounts, which are authenticated", sa("shop", "api"), Request{Verb: "get", NonResource: true, Path: "/healthz"}, false},
		{"system:serviceaccounts covers every ServiceAccount", sa("billing", "x"), Request{Verb: "list", Resource: "namespaces"}, true},
		{"… and not users", user("erin"), Request{Verb: "list", Resource: "namespaces"}, false},
		{"system:serviceaccounts:<ns> covers the ServiceAccounts of that namespace", sa("shop", "x"), get("configmaps", "shop", "c"), true},
		{"… and not those of another", sa("billing", "x"), get("configmaps", "shop", "c"), false},
		{"system:authenticated covers users", user("erin"),
			Request{Verb: "create", Group: "authentication.k8s.io", Resource: "selfsubjectreviews"}, true},
		{"system:authenticated covers ServiceAccounts", sa("billing", "x"),
			Request{Verb: "create", Group: "authentication.k8s.io", Resource: "selfsubjectreviews"}, true},
		{"system:authenticated does not cover the anonymous user", user(UserAnonymous),
			Request{Verb: "create", Group: "authentication.k8s.io", Resource: "selfsubjectreviews"}, false},
		{"a ClusterRoleBinding to a Role grants nothing", sa("shop", "api"), get("pods", "shop", "x"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(p.Can(tt.id, tt.req)) > 0; got != tt.want {
				t.Errorf("Can(%s, %+v) = %v, want %v", tt.id, tt.req, got, tt.want)
			}
		})
	}
}

func grantString(g Grant) string {
	s := fmt.Sprintf("%s → %s rule %d (%s) for %s", g.Binding, g.Role, g.Index, g.Scope, g.Subject)
	if g.From != g.Role {
		s += " from " + g.From.String()
	}
	return s
}

func grantStrings(gs []Grant) []string {
	var out []string
	for _, g := range gs {
		out = append(out, grantString(g))
	}
	return out
}

// TestWho checks who may read a Secret of shop, with the grant behind each subject.
func TestWho(t *testing.T) {
	p := fixturePolicy()
	got := grantStrings(p.Who(get("secrets", "shop", "db")))
	want := []string{
		"RoleBinding shop/api-secrets → Role shop/secret-reader rule 0 (namespace:shop) for ServiceAccount shop/api",
		"RoleBinding shop/break-glass → ClusterRole cluster-admin rule 0 (namespace:shop) for Group shop-oncall",
		"RoleBinding shop/deployer-edit → ClusterRole edit rule 0 (namespace:shop) for User system:serviceaccount:ci:deployer from ClusterRole system:aggregate-to-edit",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Who (-want +got):\n%s", diff)
	}
}

// TestPermissions lists what a ServiceAccount holds: its own Role, the groups it is in, the grant for each.
func TestPermissions(t *testing.T) {
	p := fixturePolicy()
	var got []string
	for _, pm := range p.Permissions(sa("shop", "api")) {
		got = append(got, grantString(pm.Grant))
	}
	want := []string{
		"ClusterRoleBinding all-sa → ClusterRole namespace-lister rule 0 (cluster) for Group system:serviceaccounts",
		"ClusterRoleBinding everyone → ClusterRole whoami rule 0 (cluster) for Group system:authenticated",
		"RoleBinding shop/api-secrets → Role shop/secret-reader rule 0 (namespace:shop) for ServiceAccount shop/api",
		"RoleBinding shop/shop-sas → ClusterRole configmap-reader rule 0 (namespace:shop) for Group system:serviceaccounts:shop",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Permissions (-want +got):\n%s", diff)
	}
	var unresolved []string
	for _, is := range p.Unresolved(sa("shop", "api")) {
		unresolved = append(unresolved, string(is.Kind)+": "+is.Binding.String())
	}
	wantU := []string{"invalid-role-ref: ClusterRoleBinding bad-ref", "missing-role: RoleBinding shop/ghost"}
	if diff := cmp.Diff(wantU, unresolved); diff != "" {
		t.Errorf("Unresolved (-want +got):\n%s", diff)
	}
}

// TestIssues checks what NewPolicy reports: aggregation overwriting rules, each kind of unresolved roleRef,
// and subjects the API server would refuse.
func TestIssues(t *testing.T) {
	p := NewPolicy(fixturePolicy().roleInputs(), append(fixtureBindings(), Binding{Name: "bad-subjects",
		RoleRef:  RoleRef{Kind: "ClusterRole", Name: "view"},
		Subjects: []Subject{{Kind: ServiceAccount, Name: "nons"}, {Kind: "Robot", Name: "r2"}, {Kind: User}}}))
	var got []string
	for _, is := range p.Issues() {
		got = append(got, string(is.Kind)+": "+is.Message)
	}
	want := []string{
		"aggregation-overwrites-rules: ClusterRole monitoring aggregates other ClusterRoles; the control plane replaces the 1 rules it lists with theirs",
		`invalid-role-ref: ClusterRoleBinding bad-ref references Role "x": a ClusterRoleBinding can only reference a ClusterRole`,
		`invalid-subject: ClusterRoleBinding bad-subjects: subject "nons" is a ServiceAccount without a namespace in a ClusterRoleBinding; skipped`,
		`invalid-subject: ClusterRoleBinding bad-subjects: subject "r2" is of unknown kind "Robot"; skipped`,
		`invalid-subject: ClusterRoleBinding bad-subjects: subject "" has no name; skipped`,
		"unknown-system-role: ClusterRoleBinding sys references ClusterRole system:controller:foo, a system role whose rules Seam does not know",
		"missing-role: RoleBinding shop/ghost references Role shop/missing, which is not defined in the scanned files",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Issues (-want +got):\n%s", diff)
	}
}

// roleInputs and fixtureBindings give the fixture's inputs back, so a test can extend them.
func (p *Policy) roleInputs() []Role {
	var out []Role
	for _, rr := range p.order {
		if !rr.role.Builtin {
			out = append(out, *rr.role)
		}
	}
	return out
}

func fixtureBindings() []Binding {
	var out []Binding
	for _, b := range fixturePolicy().bindings {
		out = append(out, *b.b)
	}
	return out
}

// TestRedefinedBuiltin: a scanned ClusterRole named like a built-in keeps the built-in's rules as well, as the
// API server reconciles them at start.
func TestRedefinedBuiltin(t *testing.T) {
	p := NewPolicy([]Role{{Name: "view", Rules: []Rule{rule(list("get"), list("example.com"), list("gadgets"))}, Loc: Location{"view.yaml", 3}}},
		[]Binding{{Namespace: "shop", Name: "v", RoleRef: RoleRef{Kind: "ClusterRole", Name: "view"}, Subjects: []Subject{user("u")}}})
	for _, req := range []Request{
		{Verb: "get", Group: "example.com", Resource: "gadgets", Namespace: "shop", Name: "g"},
		get("pods", "shop", "x"),
	} {
		if len(p.Can(user("u"), req)) == 0 {
			t.Errorf("redefined view: %+v refused", req)
		}
	}
	rules, _ := p.Rules("", "view")
	if rules[0].From.Loc != (Location{"view.yaml", 3}) {
		t.Errorf("first rule of redefined view comes from %+v, want the scanned file", rules[0].From.Loc)
	}
}

// TestAggregationCycle: two ClusterRoles aggregating each other terminate and share their rules.
func TestAggregationCycle(t *testing.T) {
	a := Role{Name: "a", Labels: map[string]string{"x": "a"}, Aggregation: []Selector{{MatchLabels: map[string]string{"x": "b"}}}}
	b := Role{Name: "b", Labels: map[string]string{"x": "b"}, Aggregation: []Selector{{MatchLabels: map[string]string{"x": "a"}}}}
	c := Role{Name: "c", Labels: map[string]string{"x": "b"}, Rules: []Rule{rule(list("get"), list(""), list("pods"))}}
	p := NewPolicy([]Role{a, b, c}, nil)
	ra, _ := p.Rules("", "a")
	if len(ra) != 1 || ra[0].From.Name != "c" {
		t.Errorf("a's rules = %+v, want c's one rule", ra)
	}
	if len(p.Issues()) != 0 {
		t.Errorf("issues: %+v", p.Issues())
	}
}
