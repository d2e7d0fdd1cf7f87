package rbac

import (
	"fmt"
	"testing"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// Scale of the generated cluster (the task's figures): 50 namespaces.
const (
	benchNamespaces = 50
	benchSAs        = 5000 // 100 per namespace
	benchSecrets    = 2000 // 40 per namespace
	benchRoles      = 800  // Roles, 16 per namespace
	benchCRoles     = 200  // ClusterRoles
	benchRBs        = 2700 // RoleBindings, 54 per namespace
	benchCRBs       = 300  // ClusterRoleBindings
)

func benchRule(verbs, groups, resources, names []string) map[string]any {
	l := func(s []string) []any {
		if s == nil {
			return nil
		}
		out := make([]any, len(s))
		for i, v := range s {
			out[i] = v
		}
		return out
	}
	return map[string]any{"verbs": l(verbs), "api_groups": l(groups), "resources": l(resources),
		"resource_names": l(names), "non_resource_urls": nil}
}

// benchRoleRules gives each generated Role one of sixteen typical rule sets. Most are what an application
// needs (its ConfigMaps, one named Secret, leases, pods and logs, services); one in sixteen reads every
// Secret of its namespace, one execs into pods, one deploys (create pods and Deployments), one
// impersonates a ServiceAccount. With heavy, half of them are one of the dangerous four.
func benchRoleRules(i int, heavy bool) []any {
	s := func(v ...string) []string { return v }
	k := i % 16
	if heavy {
		k = []int{0, 1, 2, 3, 9, 10, 11, 12}[i%8]
	}
	switch k {
	case 0:
		return []any{benchRule(s("get", "list"), s(""), s("configmaps"), nil)}
	case 1:
		return []any{benchRule(s("get"), s(""), s("secrets"), s(fmt.Sprintf("secret-%02d", i%40)))}
	case 2:
		return []any{benchRule(s("get", "list", "watch"), s(""), s("pods", "pods/log"), nil)}
	case 3:
		return []any{benchRule(s("get", "list"), s(""), s("services", "endpoints"), nil)}
	case 9:
		return []any{benchRule(s("get", "list", "watch"), s(""), s("secrets"), nil)}
	case 10:
		return []any{benchRule(s("create"), s(""), s("pods/exec"), nil)}
	case 11:
		return []any{benchRule(s("create", "update", "patch"), s("apps"), s("deployments"), nil),
			benchRule(s("create"), s(""), s("pods"), nil)}
	case 12:
		return []any{benchRule(s("impersonate"), s(""), s("serviceaccounts"), s(fmt.Sprintf("sa-%03d", i%100)))}
	}
	return []any{benchRule(s("get", "create", "update"), s("coordination.k8s.io"), s("leases"), nil)}
}

// benchClusterRoleRules: mostly cluster-wide reading of pods and nodes; one in twenty reads every Secret;
// one in fifty is '*' on '*'.
func benchClusterRoleRules(j int) []any {
	s := func(v ...string) []string { return v }
	switch {
	case j%50 == 7:
		return []any{benchRule(s("*"), s("*"), s("*"), nil)}
	case j%20 == 4:
		return []any{benchRule(s("get", "list", "watch"), s(""), s("secrets"), nil)}
	}
	return []any{benchRule(s("get", "list", "watch"), s(""), s("pods", "nodes", "namespaces"), nil)}
}

// benchGen generates the cluster as the Kubernetes extractor would have put it in the graph.
type benchGen struct {
	f     model.Facts
	heavy bool
}

func benchNS(i int) string { return fmt.Sprintf("ns-%02d", i%benchNamespaces) }

func (b *benchGen) node(ns, kind string, mk model.NodeKind, name, file string, line int, attrs map[string]any) {
	if ns != "" {
		attrs["namespace"] = ns
	}
	b.f.Nodes = append(b.f.Nodes, model.Node{ID: model.K8sID(ns, kind, name), Kind: mk, Type: kind, Name: name,
		Attrs: attrs, Prov: model.Provenance{File: file, Line: line, Extractor: "kubernetes"}})
}

// binding adds a binding and the attached-to edges the extractor makes to its subjects.
func (b *benchGen) binding(ns, kind, name, file string, line int, refKind, ref string, subjects []any, ids []string) {
	b.node(ns, kind, model.KindGrant, name, file, line, map[string]any{
		"role_ref": map[string]any{"kind": refKind, "name": ref, "api_group": "rbac.authorization.k8s.io"}, "subjects": subjects})
	for k, to := range ids {
		b.f.Edges = append(b.f.Edges, model.Edge{From: model.K8sID(ns, kind, name), To: to, Kind: model.EdgeAttachedTo,
			Prov: model.Provenance{File: file, Line: line + 6 + k*3, Extractor: "kubernetes"}})
	}
}

func saSubject(ns string, k int) (map[string]any, string) {
	name := fmt.Sprintf("sa-%03d", k%100)
	return map[string]any{"kind": "ServiceAccount", "name": name, "namespace": ns}, model.K8sID(ns, "ServiceAccount", name)
}

// objects adds the ServiceAccounts, Secrets, Roles and ClusterRoles.
func (b *benchGen) objects() {
	for i := 0; i < benchSAs; i++ {
		ns := benchNS(i / 100)
		b.node(ns, "ServiceAccount", model.KindIdentity, fmt.Sprintf("sa-%03d", i%100), ns+"/sa.yaml", 1+i%100*5, map[string]any{})
	}
	for i := 0; i < benchSecrets; i++ {
		ns := benchNS(i / 40)
		b.node(ns, "Secret", model.KindDataStore, fmt.Sprintf("secret-%02d", i%40), ns+"/secrets.yaml", 1+i%40*8, map[string]any{"keys": []any{"password"}})
	}
	for i := 0; i < benchRoles; i++ {
		ns := benchNS(i / 16)
		b.node(ns, "Role", model.KindGrant, fmt.Sprintf("role-%02d", i%16), ns+"/rbac.yaml", 1+i%16*12, map[string]any{"rules": benchRoleRules(i, b.heavy)})
	}
	for j := 0; j < benchCRoles; j++ {
		b.node("", "ClusterRole", model.KindGrant, fmt.Sprintf("cluster-role-%03d", j), "cluster/rbac.yaml", 1+j*12, map[string]any{"rules": benchClusterRoleRules(j)})
	}
}

// bindings adds the RoleBindings (one ServiceAccount each, every fifth two, every 97th also the namespace's
// ServiceAccount group; one in nine names a ClusterRole, mostly view) and the ClusterRoleBindings.
func (b *benchGen) bindings() {
	for j := 0; j < benchRBs; j++ {
		ns := benchNS(j / 54)
		s1, id1 := saSubject(ns, j*7)
		subjects, ids := []any{s1}, []string{id1}
		if b.heavy || j%5 == 0 {
			s2, id2 := saSubject(ns, j*7+3)
			subjects, ids = append(subjects, s2), append(ids, id2)
		}
		if j%97 == 0 {
			g := "system:serviceaccounts:" + ns
			subjects, ids = append(subjects, map[string]any{"kind": "Group", "name": g}), append(ids, model.K8sID("", "Group", g))
			b.node("", "Group", model.KindIdentity, g, ns+"/bindings.yaml", 1, map[string]any{})
		}
		refKind, ref := "Role", fmt.Sprintf("role-%02d", j%16)
		if j%9 == 0 {
			refKind, ref = "ClusterRole", []string{"view", "view", fmt.Sprintf("cluster-role-%03d", j%200), "view", "edit", "view"}[j%6]
			if b.heavy {
				ref = []string{"view", "edit", fmt.Sprintf("cluster-role-%03d", j%200)}[j%3]
			}
		}
		b.binding(ns, "RoleBinding", fmt.Sprintf("rb-%02d", j%54), ns+"/bindings.yaml", 1+j%54*14, refKind, ref, subjects, ids)
	}
	for k := 0; k < benchCRBs; k++ {
		s1, id1 := saSubject(benchNS(k*13), k*31)
		b.binding("", "ClusterRoleBinding", fmt.Sprintf("crb-%03d", k), "cluster/bindings.yaml", 1+k*14, "ClusterRole",
			fmt.Sprintf("cluster-role-%03d", (k*7)%200), []any{s1}, []string{id1})
	}
}

// benchGraph generates the cluster and returns its frozen graph.
func benchGraph(tb testing.TB, heavy bool) *graph.Graph {
	tb.Helper()
	b := &benchGen{heavy: heavy}
	b.objects()
	b.bindings()
	g := graph.New()
	g.Add(b.f)
	g.Freeze()
	return g
}

// BenchmarkBuild evaluates RBAC over the generated cluster: 5,000 ServiceAccounts, 1,000 roles, 3,000
// bindings, 2,000 Secrets, with a realistic share of dangerous grants.
func BenchmarkBuild(b *testing.B) { benchBuild(b, false) }

// BenchmarkBuildHeavy is the same cluster where half the Roles are dangerous and every RoleBinding names
// two ServiceAccounts: several times the edges.
func BenchmarkBuildHeavy(b *testing.B) { benchBuild(b, true) }

func benchBuild(b *testing.B, heavy bool) {
	g := benchGraph(b, heavy)
	var f model.Facts
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		f = linktest.Build(b, g, New())
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(f.Edges)), "edges")
	b.ReportMetric(float64(len(f.Derived)), "derived")
}

// BenchmarkBuildAndExtend adds what the builder made to the graph, as the engine does.
func BenchmarkBuildAndExtend(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		g := benchGraph(b, false)
		b.StartTimer()
		g.Extend(linktest.Build(b, g, New()))
	}
}

// TestBenchGraphShape keeps the generator honest: the counts the benchmark claims, and a builder run that
// finds the dangerous grants it plants.
func TestBenchGraphShape(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 13,000 nodes")
	}
	g := benchGraph(t, false)
	count := map[string]int{}
	for _, n := range g.Nodes() {
		count[n.Type]++
	}
	want := map[string]int{"ServiceAccount": benchSAs, "Secret": benchSecrets, "Role": benchRoles, "ClusterRole": benchCRoles,
		"RoleBinding": benchRBs, "ClusterRoleBinding": benchCRBs, "Group": 28}
	for k, v := range want {
		if count[k] != v {
			t.Errorf("%d %s nodes, want %d", count[k], k, v)
		}
	}
	f := linktest.Build(t, g, New())
	if len(f.Derived) != benchSAs+28 || len(f.Edges) == 0 || len(f.Broken) != 0 {
		t.Errorf("derived %d, edges %d, broken %d", len(f.Derived), len(f.Edges), len(f.Broken))
	}
}
