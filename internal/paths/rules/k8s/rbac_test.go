package k8s

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// grantAttr is one granted_by entry, as the rbac builder renders it.
func grantAttr(binding, role, scope string) map[string]any {
	return map[string]any{"binding": binding, "role": role, "scope": scope, "subject": "ServiceAccount ci/deployer",
		"file": "rbac.yaml", "line": 12, "role_file": "rbac.yaml", "role_line": 3, "rule": 0}
}

// can is a can edge of the rbac builder.
func can(from, to string, access []any, binding string) model.Edge {
	return edge(from, model.EdgeCan, to, map[string]any{"access": access, "verbs": []any{"create"},
		"granted_by": []any{grantAttr(binding, "k8s:prod/Role/deployer", "namespace:prod")},
		"evidence":   []any{map[string]any{"file": "rbac.yaml", "line": 14, "what": "RoleBinding names the subject"}}})
}

// dangerous is one entry of the derived rbac summary.
func dangerous(id, scope string, extra map[string]any) map[string]any {
	m := map[string]any{"id": id, "scope": scope, "verbs": []any{"create"},
		"granted_by": []any{grantAttr("k8s:prod/RoleBinding/ci-deploy", "k8s:prod/Role/deployer", scope)}}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// rbacGraph draws ServiceAccount ci/deployer with the can edges and dangerous capabilities given, beside
// namespace prod (two pods, one bare Pod, two Secrets, a ServiceAccount) and namespace dev (one pod, one
// Secret).
func rbacGraph(t *testing.T, edges []model.Edge, held []any, eks int) *paths.Context {
	dep, payments := sa("ci", "deployer", nil), sa("prod", "payments", nil)
	binding := node("k8s:prod/RoleBinding/ci-deploy", model.KindGrant, "RoleBinding", map[string]any{"namespace": "prod"})
	nodes := []model.Node{dep, payments, binding, pod("prod", "api", nil), pod("prod", "worker", nil),
		pod("prod", "debug", map[string]any{"$type": "Pod"}), pod("dev", "api", nil),
		secret("prod", "psp-key"), secret("prod", "tls"), secret("dev", "db")}
	for i := 0; i < eks; i++ {
		nodes = append(nodes, node("infra:aws_eks_cluster.c"+string(rune('a'+i)), model.KindCluster, "aws_eks_cluster", nil))
	}
	return build(t, nodes, edges, map[string]map[string]any{dep.ID: {"rbac": map[string]any{"dangerous": held}}})
}

func TestRBACEdges(t *testing.T) {
	const dep, payments = "k8s:ci/ServiceAccount/deployer", "k8s:prod/ServiceAccount/payments"
	const ctl = "rbac-binding:k8s:prod/RoleBinding/ci-deploy"
	psp := "k8s:prod/Secret/psp-key"
	tests := []struct {
		name  string
		rule  paths.Rule
		edges []model.Edge
		want  []string
	}{
		{"secret read", rbacSecretRead{}, []model.Edge{can(dep, psp, []any{"read"}, "k8s:prod/RoleBinding/ci-deploy")},
			[]string{"read(" + psp + ") 0.950 " + ctl}},
		{"run-as", rbacRunAs{}, []model.Edge{can(dep, payments, []any{"run-as"}, "k8s:prod/RoleBinding/ci-deploy")},
			[]string{"creds(" + payments + ") 0.850 " + ctl}},
		{"run-as is not a token", rbacToken{}, []model.Edge{can(dep, payments, []any{"run-as"}, "k8s:prod/RoleBinding/ci-deploy")}, nil},
		{"token", rbacToken{}, []model.Edge{can(dep, payments, []any{"token", "impersonate"}, "k8s:prod/RoleBinding/ci-deploy")},
			[]string{"creds(" + payments + ") 0.950 " + ctl}},
		{"impersonate", rbacImpersonate{}, []model.Edge{can(dep, payments, []any{"impersonate"}, "k8s:prod/RoleBinding/ci-deploy")},
			[]string{"creds(" + payments + ") 0.950 " + ctl}},
		// One edge, one binding, one control: the most likely way is enough.
		{"impersonate beside token on one edge: the token step covers it", rbacImpersonate{},
			[]model.Edge{can(dep, payments, []any{"token", "impersonate"}, "k8s:prod/RoleBinding/ci-deploy")}, nil},
		{"run-as beside token on one edge: the token step covers it", rbacRunAs{},
			[]model.Edge{can(dep, payments, []any{"run-as", "token"}, "k8s:prod/RoleBinding/ci-deploy")}, nil},
		{"a binding the scan lacks still names the control", rbacSecretRead{}, []model.Edge{can(dep, psp, []any{"read"}, "k8s:prod/RoleBinding/gone")},
			[]string{"read(" + psp + ") 0.950 rbac-binding:k8s:prod/RoleBinding/gone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := rbacGraph(t, tt.edges, nil, 0)
			got := run(c, tt.rule, creds(dep))
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			mustEvidence(t, got)
			if len(got) > 0 && got[0].Evidence[0].Line != 14 {
				t.Errorf("first evidence %+v, want the binding's subject line", got[0].Evidence[0])
			}
		})
	}
}

func TestRBACHeld(t *testing.T) {
	const dep = "k8s:ci/ServiceAccount/deployer"
	const ctl = "rbac-binding:k8s:prod/RoleBinding/ci-deploy"
	tests := []struct {
		name string
		rule paths.Rule
		held []any
		want []string
	}{
		{"exec in the pods of the namespace", rbacPodsExec{}, []any{dangerous("pods-exec", "namespace:prod", nil)}, []string{
			"exec(k8s:prod/Deployment/api) 0.900 " + ctl, "exec(k8s:prod/Deployment/worker) 0.900 " + ctl, "exec(k8s:prod/Pod/debug) 0.900 " + ctl}},
		{"exec cluster-wide, once per pod", rbacPodsExec{}, []any{dangerous("pods-exec", "cluster", nil), dangerous("pods-exec", "namespace:prod", nil)}, []string{
			"exec(k8s:dev/Deployment/api) 0.900 " + ctl, "exec(k8s:prod/Deployment/api) 0.900 " + ctl,
			"exec(k8s:prod/Deployment/worker) 0.900 " + ctl, "exec(k8s:prod/Pod/debug) 0.900 " + ctl}},
		{"exec by resourceNames reaches only the named bare Pod", rbacPodsExec{},
			[]any{dangerous("pods-exec", "namespace:prod", map[string]any{"resource_names": []any{"debug", "api"}})},
			[]string{"exec(k8s:prod/Pod/debug) 0.900 " + ctl}},
		{"another capability gives no exec", rbacPodsExec{}, []any{dangerous("pods-portforward", "namespace:prod", nil)}, nil},
		{"creating pods mounts the namespace's Secrets", rbacPodSecrets{}, []any{dangerous("workloads-create", "namespace:prod", nil)}, []string{
			"read(k8s:prod/Secret/psp-key) 0.850 " + ctl, "read(k8s:prod/Secret/tls) 0.850 " + ctl}},
		{"a Secret it may read under the same binding is the read rule's", rbacPodSecrets{}, []any{dangerous("workloads-create", "namespace:prod", nil)}, []string{
			"read(k8s:prod/Secret/tls) 0.850 " + ctl}},
		{"a read grant under another binding leaves the mount step", rbacPodSecrets{}, []any{dangerous("workloads-create", "namespace:prod", nil)}, []string{
			"read(k8s:prod/Secret/psp-key) 0.850 " + ctl, "read(k8s:prod/Secret/tls) 0.850 " + ctl}},
	}
	reads := map[string][]model.Edge{
		"a Secret it may read under the same binding is the read rule's": {can(dep, "k8s:prod/Secret/psp-key", []any{"read"}, "k8s:prod/RoleBinding/ci-deploy")},
		"a read grant under another binding leaves the mount step":       {can(dep, "k8s:prod/Secret/psp-key", []any{"read"}, "k8s:prod/RoleBinding/other")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(rbacGraph(t, reads[tt.name], tt.held, 0), tt.rule, creds(dep))
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			mustEvidence(t, got)
		})
	}
}

func TestRBACAdmin(t *testing.T) {
	const dep = "k8s:ci/ServiceAccount/deployer"
	const ctl = "rbac-binding:k8s:prod/RoleBinding/ci-deploy"
	rules := map[string]paths.Rule{}
	for _, r := range adminRules() {
		rules[r.Meta().ID] = r
	}
	admin := "admin(" + ImplicitCluster + ")"
	tests := []struct {
		name string
		rule string
		held []any
		eks  int
		want []string
	}{
		{"'*' on '*': admin", "k8s.rbac-cluster-admin", []any{dangerous("cluster-admin", "cluster", nil)}, 0,
			[]string{admin + " 0.950 " + ctl + " assumes=1"}},
		{"the only EKS cluster is the cluster", "k8s.rbac-cluster-admin", []any{dangerous("cluster-admin", "cluster", nil)}, 1,
			[]string{"admin(infra:aws_eks_cluster.ca) 0.950 " + ctl + " assumes=1"}},
		{"two EKS clusters: the implicit cluster", "k8s.rbac-cluster-admin", []any{dangerous("cluster-admin", "cluster", nil)}, 2,
			[]string{admin + " 0.950 " + ctl + " assumes=1"}},
		{"impersonating system:masters", "k8s.rbac-cluster-admin", []any{dangerous("impersonate", "cluster", map[string]any{"admin_equivalent": true})}, 0,
			[]string{admin + " 0.900 " + ctl + " assumes=1"}},
		{"impersonating others is the impersonate rule's", "k8s.rbac-cluster-admin", []any{dangerous("impersonate", "cluster", nil)}, 0, nil},
		{"bind confirmed admin-equivalent", "k8s.rbac-escalation", []any{dangerous("rbac-bind", "cluster", map[string]any{"admin_equivalent": true, "resource_names": []any{"cluster-admin"}})}, 0,
			[]string{admin + " 0.900 " + ctl + " assumes=1"}},
		{"bind limited to harmless roles", "k8s.rbac-escalation", []any{dangerous("rbac-bind", "cluster", map[string]any{"resource_names": []any{"view"}})}, 0, nil},
		{"bind without the binding create, assumed", "k8s.rbac-escalation", []any{dangerous("rbac-bind", "cluster", nil)}, 0,
			[]string{admin + " 0.500 " + ctl + " assumes=2"}},
		{"escalate in one namespace, lower still", "k8s.rbac-escalation", []any{dangerous("rbac-escalate", "namespace:prod", nil)}, 0,
			[]string{admin + " 0.300 " + ctl + " assumes=3"}},
		{"bindings-write alone", "k8s.rbac-escalation", []any{dangerous("bindings-write", "cluster", nil)}, 0,
			[]string{admin + " 0.250 " + ctl + " assumes=2"}},
		{"the best capability sets the likelihood and assumptions", "k8s.rbac-escalation",
			[]any{dangerous("bindings-write", "cluster", nil), dangerous("rbac-bind", "cluster", map[string]any{"admin_equivalent": true})}, 0,
			[]string{admin + " 0.900 " + ctl + " assumes=1"}},
		{"aws-auth", "k8s.rbac-escalation", []any{dangerous("aws-auth-write", "namespace:kube-system", nil)}, 0,
			[]string{admin + " 0.360 " + ctl + " assumes=3"}},
		{"nodes/proxy", "k8s.rbac-nodes-proxy", []any{dangerous("nodes-proxy", "cluster", nil)}, 0,
			[]string{admin + " 0.600 " + ctl + " assumes=2"}},
		{"CSR approval, admin-equivalent", "k8s.rbac-csr-approve", []any{dangerous("csr-approve", "cluster", map[string]any{"admin_equivalent": true})}, 0,
			[]string{admin + " 0.700 " + ctl + " assumes=1"}},
		{"CSR approval for other signers", "k8s.rbac-csr-approve", []any{dangerous("csr-approve", "cluster", nil)}, 0,
			[]string{admin + " 0.300 " + ctl + " assumes=2"}},
		{"mutating webhooks", "k8s.rbac-admission-webhook", []any{dangerous("mutating-webhooks-write", "cluster", nil)}, 0,
			[]string{admin + " 0.500 " + ctl + " assumes=2"}},
		{"validating webhooks are no admin", "k8s.rbac-admission-webhook", []any{dangerous("validating-webhooks-write", "cluster", nil)}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := rbacGraph(t, nil, tt.held, tt.eks)
			got := run(c, rules[tt.rule], creds(dep))
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			mustEvidence(t, got)
			if tt.eks != 1 && len(got) == 1 && !strings.Contains(strings.Join(got[0].Assumptions, " "), ImplicitCluster) {
				t.Errorf("the implicit cluster is not said: %v", got[0].Assumptions)
			}
		})
	}
}

func TestRBACNotAServiceAccount(t *testing.T) {
	// An IAM role that somehow carries an rbac summary and can edges: the Kubernetes rules leave it alone.
	role := node("aws_iam_role.admin", model.KindIdentity, "aws_iam_role", nil)
	psp := secret("prod", "psp-key")
	c := build(t, []model.Node{role, psp}, []model.Edge{can(role.ID, psp.ID, []any{"read"}, "k8s:prod/RoleBinding/x")},
		map[string]map[string]any{role.ID: {"rbac": map[string]any{"dangerous": []any{dangerous("cluster-admin", "cluster", nil)}}}})
	for _, r := range Rules() {
		for _, k := range r.Meta().From {
			if k != paths.Creds {
				continue
			}
			if got := r.Steps(c, creds(role.ID)); len(got) != 0 {
				t.Errorf("%s makes steps from an IAM role: %v", r.Meta().ID, summary(got))
			}
		}
	}
}
