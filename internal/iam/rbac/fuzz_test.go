package rbac

import (
	"strings"
	"testing"
)

// Small vocabularies the fuzzer picks from, so that inputs hit real matches rather than random strings.
var (
	fzVerbs      = []string{"get", "list", "create", "patch", "*", "impersonate", "bind", "escalate", "approve", "update"}
	fzGroups     = []string{"", "apps", "*", "rbac.authorization.k8s.io", "certificates.k8s.io", "batch"}
	fzResources  = []string{"pods", "pods/exec", "secrets", "*", "*/exec", "serviceaccounts", "serviceaccounts/token", "clusterroles", "nodes/proxy", "signers", "certificatesigningrequests/approval", "users", "groups", "deployments"}
	fzNames      = [][]string{nil, nil, {"a"}, {GroupMasters}, {"cluster-admin"}, {"kubernetes.io/*"}}
	fzNamespaces = []string{"", "a", "b"}
	fzRoleNames  = []string{"r0", "r1", "r2", "view", "edit", "admin", "cluster-admin", "system:x"}
)

// picker reads choices from fuzz input, cycling when it runs out.
type picker struct {
	data []byte
	i    int
}

func (p *picker) n(max int) int {
	if len(p.data) == 0 {
		return 0
	}
	b := p.data[p.i%len(p.data)]
	p.i++
	return int(b) % max
}

func (p *picker) pick(list []string) string { return list[p.n(len(list))] }

// fuzzInput turns bytes into roles and bindings.
func fuzzInput(data []byte) ([]Role, []Binding, []Subject) {
	p := &picker{data: data}
	var roles []Role
	for i := 0; i < 1+p.n(5); i++ {
		r := Role{Namespace: p.pick(fzNamespaces), Name: p.pick(fzRoleNames), Labels: map[string]string{"l": p.pick(fzNamespaces)}}
		if p.n(4) == 0 {
			r.Aggregation = []Selector{{MatchLabels: map[string]string{"l": p.pick(fzNamespaces)}}}
		}
		for j := 0; j < p.n(4); j++ {
			r.Rules = append(r.Rules, Rule{Verbs: []string{p.pick(fzVerbs)}, APIGroups: []string{p.pick(fzGroups)},
				Resources: []string{p.pick(fzResources), p.pick(fzResources)}, ResourceNames: fzNames[p.n(len(fzNames))]})
		}
		roles = append(roles, r)
	}
	ids := []Subject{sa("a", "x"), sa("b", "y"), user("u"), user(UserAnonymous), group(GroupAuthenticated), group(ServiceAccountGroup("a"))}
	var bindings []Binding
	for i := 0; i < 1+p.n(5); i++ {
		b := Binding{Namespace: p.pick(fzNamespaces), Name: p.pick(fzRoleNames),
			RoleRef: RoleRef{Kind: []string{"Role", "ClusterRole", "Other"}[p.n(3)], Name: p.pick(fzRoleNames)}}
		for j := 0; j < 1+p.n(3); j++ {
			b.Subjects = append(b.Subjects, ids[p.n(len(ids))])
		}
		bindings = append(bindings, b)
	}
	return roles, bindings, ids
}

// FuzzPolicy checks invariants of the evaluation over generated roles and bindings: nothing panics; every
// subject Who names for a request can make it; every held capability has grants, and only cluster-wide ones
// are cluster-admin equivalent.
func FuzzPolicy(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte("cluster-admin bound by a RoleBinding"))
	f.Add([]byte{4, 4, 4, 4, 2, 3, 1, 0, 9, 9, 13, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		roles, bindings, ids := fuzzInput(data)
		p := NewPolicy(roles, bindings)
		p2 := &picker{data: append([]byte{7}, data...)}
		res, sub, _ := strings.Cut(p2.pick(fzResources), "/")
		req := Request{Verb: p2.pick(fzVerbs), Group: p2.pick(fzGroups), Resource: res, Subresource: sub,
			Namespace: p2.pick(fzNamespaces), Name: p2.pick([]string{"", "a", GroupMasters})}
		for _, g := range p.Who(req) {
			if len(p.Can(g.Subject, req)) == 0 {
				t.Fatalf("Who names %s for %+v but Can refuses it", g.Subject, req)
			}
		}
		for _, id := range ids {
			perms := p.Permissions(id)
			for _, h := range Capabilities(perms) {
				if len(h.Grants) == 0 {
					t.Fatalf("%s holds %s with no grant", id, h.Capability.ID)
				}
				if h.AdminEquivalent && !h.Scope.IsCluster() {
					t.Fatalf("%s is admin-equivalent through a namespaced %s", id, h.Capability.ID)
				}
			}
			_ = p.Unresolved(id)
		}
	})
}
