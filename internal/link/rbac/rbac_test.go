package rbac

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

var _ link.Builder = (*Builder)(nil)

// canEdge is what a test checks of one can edge.
type canEdge struct {
	Access, Verbs, Capabilities []string
	Scope, Confidence           string
}

func strs(v any) []string {
	var out []string
	for _, x := range list(v) {
		out = append(out, str(x))
	}
	return out
}

// canEdges runs the builder over a fixture, adds its facts to the graph, and returns its can edges.
func canEdges(t *testing.T, fixture string) (*graph.Graph, model.Facts, map[string]canEdge) {
	t.Helper()
	g := linktest.Dir(t, "testdata/"+fixture)
	f := linktest.Apply(t, g, New())
	got := map[string]canEdge{}
	for _, e := range g.Edges() {
		if e.Kind != model.EdgeCan || e.Prov.Extractor != "link/rbac" {
			continue
		}
		got[e.Key()] = canEdge{Access: strs(e.Attrs["access"]), Verbs: strs(e.Attrs["verbs"]),
			Capabilities: strs(e.Attrs["capabilities"]), Scope: str(e.Attrs["scope"]), Confidence: str(e.Attrs["confidence_label"])}
	}
	return g, f, got
}

func key(from, to string) string { return from + " -can-> " + to }

// TestFixtureEdges checks every can edge the builder makes for each fixture — each fixture's header says
// why these and no others.
func TestFixtureEdges(t *testing.T) {
	read := func(verbs []string, scope, conf string) canEdge {
		return canEdge{Access: []string{"read"}, Verbs: verbs, Capabilities: []string{"secrets-read"}, Scope: scope, Confidence: conf}
	}
	all := []string{"get", "list", "watch"}
	runAs := canEdge{Access: []string{"run-as"}, Verbs: []string{"create", "patch", "update"},
		Capabilities: []string{"workloads-create"}, Scope: "namespace:apps", Confidence: "certain"}
	borrow := canEdge{Access: []string{"impersonate", "run-as", "token"}, Verbs: []string{"create", "impersonate", "patch", "update"},
		Capabilities: []string{"impersonate", "serviceaccount-token", "workloads-create"}, Scope: "namespace:team-a", Confidence: "high"}
	impersonate := canEdge{Access: []string{"impersonate"}, Verbs: []string{"impersonate"}, Capabilities: []string{"impersonate"},
		Scope: "cluster", Confidence: "certain"}
	tests := []struct {
		fixture string
		want    map[string]canEdge
	}{
		{"operator", map[string]canEdge{
			key("k8s:platform/ServiceAccount/secrets-sync", "k8s:billing/Secret/stripe-key"):        read(all, "cluster", "certain"),
			key("k8s:platform/ServiceAccount/secrets-sync", "k8s:platform/Secret/sync-webhook-tls"): read(all, "cluster", "certain"),
			key("k8s:platform/ServiceAccount/secrets-sync", "k8s:shop/Secret/orders-db"):            read(all, "cluster", "certain"),
		}},
		{"ci-deployer", map[string]canEdge{
			key("k8s:apps/ServiceAccount/deployer", "k8s:apps/ServiceAccount/api"):     runAs,
			key("k8s:apps/ServiceAccount/deployer", "k8s:apps/ServiceAccount/default"): runAs,
			key("k8s:apps/ServiceAccount/deployer", "k8s:apps/ServiceAccount/worker"):  runAs,
		}},
		{"edit", map[string]canEdge{
			key("k8s:argocd/ServiceAccount/application-controller", "k8s:team-a/Secret/app-db"):          read(all, "namespace:team-a", "high"),
			key("k8s:argocd/ServiceAccount/application-controller", "k8s:team-a/ServiceAccount/app"):     borrow,
			key("k8s:argocd/ServiceAccount/application-controller", "k8s:team-a/ServiceAccount/default"): borrow,
		}},
		{"groups", map[string]canEdge{
			key("k8s:jobs/ServiceAccount/reporter", "k8s:jobs/Secret/batch-creds"): read([]string{"get"}, "namespace:jobs", "certain"),
			key("k8s:jobs/ServiceAccount/runner", "k8s:jobs/Secret/batch-creds"):   read([]string{"get"}, "namespace:jobs", "certain"),
		}},
		{"minimal", map[string]canEdge{}},
		{"broken", map[string]canEdge{}},
		{"escalation", map[string]canEdge{
			key("k8s:ops/ServiceAccount/rbac-manager", "k8s:_cluster/ClusterRole/cluster-admin"): {Access: []string{"bind"},
				Verbs: []string{"bind"}, Capabilities: []string{"rbac-bind"}, Scope: "cluster", Confidence: "certain"},
			key("k8s:ops/ServiceAccount/support", "k8s:ops/ServiceAccount/rbac-manager"): impersonate,
			key("k8s:ops/ServiceAccount/support", "k8s:web/ServiceAccount/frontend"):     impersonate,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			_, _, got := canEdges(t, tt.fixture)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("can edges (-want +got):\n%s", diff)
			}
		})
	}
}

// summary is what a test checks of a derived rbac property.
type summary struct {
	Scopes, Capabilities []string
	ClusterAdmin         bool
	Permissions          int
	Unresolved           int
}

// TestDerived checks the derived rbac property of identities across the fixtures.
func TestDerived(t *testing.T) {
	edit := []string{"secrets-read", "pods-exec", "pods-portforward", "workloads-create", "serviceaccount-token", "impersonate"}
	tests := []struct {
		fixture, node string
		want          summary
	}{
		{"operator", "k8s:platform/ServiceAccount/secrets-sync", summary{Scopes: []string{"cluster"}, Capabilities: []string{"secrets-read"}, Permissions: 3}},
		{"operator", "k8s:shop/ServiceAccount/api", summary{}},
		{"ci-deployer", "k8s:apps/ServiceAccount/deployer", summary{Scopes: []string{"namespace:apps"}, Capabilities: []string{"workloads-create"}, Permissions: 3}},
		// edit, bound in team-a: every rule of view and edit, namespaced.
		{"edit", "k8s:argocd/ServiceAccount/application-controller", summary{Scopes: []string{"namespace:team-a"}, Capabilities: edit, Permissions: 21}},
		{"groups", "k8s:jobs/ServiceAccount/runner", summary{Scopes: []string{"namespace:jobs"}, Capabilities: []string{"secrets-read"}, Permissions: 1}},
		{"groups", "k8s:_cluster/Group/system:serviceaccounts:jobs", summary{Scopes: []string{"namespace:jobs"}, Capabilities: []string{"secrets-read"}, Permissions: 1}},
		// view in jobs: its eight rules plus the aggregated reports-viewer rule, nothing dangerous.
		{"groups", "k8s:ops/ServiceAccount/auditor", summary{Scopes: []string{"namespace:jobs"}, Permissions: 9}},
		{"minimal", "k8s:quiet/ServiceAccount/locked", summary{Scopes: []string{"namespace:quiet"}, Permissions: 1}},
		// auth-delegator's two rules; the missing Role, the unknown ClusterRole and the invalid roleRef are
		// unresolved; the aggregating monitoring role aggregates nothing.
		{"broken", "k8s:tools/ServiceAccount/vendor-agent", summary{Scopes: []string{"cluster"}, Permissions: 2, Unresolved: 3}},
		{"broken", "k8s:tools/ServiceAccount/ghost", summary{Unresolved: 1}},
		{"escalation", "k8s:ops/ServiceAccount/rbac-manager", summary{Scopes: []string{"cluster"}, Capabilities: []string{"rbac-bind", "bindings-write"}, ClusterAdmin: true, Permissions: 2}},
		{"escalation", "k8s:ops/ServiceAccount/support", summary{Scopes: []string{"cluster"}, Capabilities: []string{"impersonate"}, Permissions: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture+"/"+tt.node, func(t *testing.T) {
			g, _, _ := canEdges(t, tt.fixture)
			n, ok := g.Node(tt.node)
			if !ok {
				t.Fatalf("no node %s", tt.node)
			}
			d, ok := n.Derived[DerivedKey]
			if !ok {
				t.Fatalf("%s has no derived %q", tt.node, DerivedKey)
			}
			v := d.Value.(map[string]any)
			got := summary{Scopes: strs(v["scopes"]), Capabilities: strs(v["capabilities"]),
				ClusterAdmin: v["cluster_admin"] == true, Permissions: v["permissions"].(int), Unresolved: len(list(v["unresolved"]))}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("derived rbac (-want +got):\n%s", diff)
			}
			if d.Prov.File == "" || d.Prov.Line == 0 || d.Prov.Extractor != "link/rbac" {
				t.Errorf("derived rbac provenance %v lacks file:line", d.Prov)
			}
		})
	}
}

// TestEveryServiceAccountIsSummarised: every ServiceAccount of every fixture gets the derived property.
func TestEveryServiceAccountIsSummarised(t *testing.T) {
	for _, fx := range []string{"operator", "ci-deployer", "edit", "groups", "minimal", "broken", "escalation"} {
		g, _, _ := canEdges(t, fx)
		for _, n := range g.NodesOfKind(model.KindIdentity) {
			if _, ok := n.Derived[DerivedKey]; n.Type == "ServiceAccount" && !ok {
				t.Errorf("%s: %s has no derived rbac", fx, n.ID)
			}
		}
	}
}

// TestEvidence: every can edge carries file:line evidence for its binding, and every granted_by entry names
// the binding's file and line and, for a scanned role, the role's.
func TestEvidence(t *testing.T) {
	for _, fx := range []string{"operator", "ci-deployer", "edit", "groups", "escalation"} {
		g, _, _ := canEdges(t, fx)
		for _, e := range g.Edges() {
			if e.Prov.Extractor != "link/rbac" {
				continue
			}
			if e.Prov.File == "" || e.Prov.Line == 0 || len(list(e.Attrs["evidence"])) == 0 || e.Attrs["reason"] == "" {
				t.Errorf("%s: %s lacks evidence: %v", fx, e.Key(), e.Attrs)
			}
			for _, gb := range list(e.Attrs["granted_by"]) {
				m := gb.(map[string]any)
				if str(m["file"]) == "" || m["line"].(int) == 0 || str(m["binding"]) == "" || str(m["role"]) == "" {
					t.Errorf("%s: %s granted_by %v lacks binding file:line", fx, e.Key(), m)
				}
				if m["builtin_role"] != true && (str(m["role_file"]) == "" || m["role_line"].(int) == 0) {
					t.Errorf("%s: %s granted_by %v lacks role file:line", fx, e.Key(), m)
				}
			}
		}
	}
}

// TestGrantedBy checks one edge's grants in full: the group subject, the rule and both locations.
func TestGrantedBy(t *testing.T) {
	g, _, _ := canEdges(t, "groups")
	var got []any
	for _, e := range g.Out("k8s:jobs/ServiceAccount/runner") {
		if e.Kind == model.EdgeCan {
			got = list(e.Attrs["granted_by"])
		}
	}
	want := []any{map[string]any{
		"binding": "k8s:jobs/RoleBinding/all-jobs-read-creds", "file": "jobs.yaml", "line": 55,
		"role": "k8s:jobs/Role/batch-creds-reader", "role_file": "jobs.yaml", "role_line": 44, "rule": 0,
		"scope": "namespace:jobs", "subject": "Group system:serviceaccounts:jobs",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("granted_by (-want +got):\n%s", diff)
	}
}

// TestRefusedAndAssumed checks the refused links and assumptions of the broken fixture, and the built-in
// roles' assumptions elsewhere.
func TestRefusedAndAssumed(t *testing.T) {
	_, f, _ := canEdges(t, "broken")
	var broken []string
	for _, b := range f.Broken {
		broken = append(broken, b.From+" -"+string(b.Kind)+"-> "+b.To)
		if len(b.Evidence) == 0 || b.Prov.Line == 0 || b.Reason == "" {
			t.Errorf("refused link %s lacks evidence or reason", b.From)
		}
	}
	sort.Strings(broken)
	wantBroken := []string{
		"k8s:_cluster/ClusterRoleBinding/vendor-operator -references-> k8s:_cluster/ClusterRole/vendor-operator",
		"k8s:_cluster/ClusterRoleBinding/wrong-kind -references-> k8s:_cluster/Role/vendor-agent",
		"k8s:tools/RoleBinding/vendor-agent -references-> k8s:tools/Role/vendor-agent",
	}
	if diff := cmp.Diff(wantBroken, broken); diff != "" {
		t.Errorf("refused links (-want +got):\n%s", diff)
	}
	var assumed []string
	for _, a := range f.Assumptions {
		assumed = append(assumed, a.Subject)
	}
	sort.Strings(assumed)
	wantAssumed := []string{
		"k8s:_cluster/ClusterRoleBinding/metrics-auth",       // built-in system:auth-delegator
		"k8s:_cluster/ClusterRoleBinding/scheduler-extender", // unknown system role
		"k8s:_cluster/ClusterRoleBinding/vendor-operator",
		"k8s:_cluster/ClusterRoleBinding/wrong-kind",
		"k8s:tools/RoleBinding/vendor-agent",
	}
	if diff := cmp.Diff(wantAssumed, assumed); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
	if len(f.Diagnostics) != 1 || f.Diagnostics[0].Line != 88 || f.Diagnostics[0].Severity != model.SeverityInfo {
		t.Errorf("want one info diagnostic on the aggregating role at line 88, got %v", f.Diagnostics)
	}
}

// TestImplicitNodes: a binding naming a ServiceAccount that no node stands for makes the implicit node, and a
// bindable built-in role gets one too.
func TestImplicitNodes(t *testing.T) {
	// Drawn: ClusterRoleBinding admins (file crb.yaml:1) binds cluster-admin to ServiceAccount ops/robot;
	// there is no ServiceAccount node and no ClusterRole node.
	g := graph.New()
	g.Add(model.Facts{Nodes: []model.Node{{ID: "k8s:_cluster/ClusterRoleBinding/admins", Kind: model.KindGrant,
		Type: "ClusterRoleBinding", Name: "admins", Prov: model.Provenance{File: "crb.yaml", Line: 1, Extractor: "kubernetes"},
		Attrs: map[string]any{
			"role_ref": map[string]any{"kind": "ClusterRole", "name": "cluster-admin"},
			"subjects": []any{map[string]any{"kind": "ServiceAccount", "name": "robot", "namespace": "ops"}},
		}}}})
	g.Freeze()
	f := linktest.Apply(t, g, New())
	var nodes []string
	for _, n := range f.Nodes {
		nodes = append(nodes, n.ID)
		if !n.Implicit || n.Prov.File != "crb.yaml" {
			t.Errorf("node %s: implicit %v, provenance %v", n.ID, n.Implicit, n.Prov)
		}
	}
	if diff := cmp.Diff([]string{"k8s:ops/ServiceAccount/robot", "k8s:_cluster/ClusterRole/admin",
		"k8s:_cluster/ClusterRole/cluster-admin", "k8s:_cluster/ClusterRole/edit"}, nodes); diff != "" {
		t.Errorf("implicit nodes (-want +got):\n%s", diff)
	}
	robot, ok := g.Node("k8s:ops/ServiceAccount/robot")
	if !ok || robot.Derived[DerivedKey].Value.(map[string]any)["cluster_admin"] != true {
		t.Errorf("robot is not cluster-admin: %+v", robot)
	}
	if got := linktest.Out(g, "k8s:ops/ServiceAccount/robot", model.EdgeCan); len(got) != 3 {
		// cluster-admin may bind and escalate admin, cluster-admin and edit.
		t.Errorf("robot's can edges = %v, want the three built-in roles", got)
	}
}

// TestDeterministic: two runs over one graph give identical facts.
func TestDeterministic(t *testing.T) {
	g := linktest.Dir(t, "testdata/edit")
	a, b := linktest.Build(t, g, New()), linktest.Build(t, g, New())
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}
}
