package rbac

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// heldStrings renders capabilities as "id@scope", with "[names=…]" when limited by resourceNames and
// "[admin]" when cluster-admin equivalent.
func heldStrings(hs []Held) []string {
	var out []string
	for _, h := range hs {
		s := h.Capability.ID + "@" + h.Scope.String()
		if h.ResourceNames != nil {
			s += "[names=" + strings.Join(h.ResourceNames, ",") + "]"
		}
		if h.AdminEquivalent {
			s += "[admin]"
		}
		out = append(out, s)
	}
	return out
}

// capsOf binds the rules (as a ClusterRole; through a RoleBinding in namespace ns when ns is set, else a
// ClusterRoleBinding) to ServiceAccount test/sa, or binds the named built-in ClusterRole, and returns its
// capabilities.
func capsOf(ns, builtin string, rules ...Rule) []string {
	role := "under-test"
	var roles []Role
	if builtin != "" {
		role = builtin
	} else {
		roles = []Role{{Name: role, Rules: rules}}
	}
	b := Binding{Namespace: ns, Name: "b", RoleRef: RoleRef{Kind: "ClusterRole", Name: role}, Subjects: []Subject{sa("test", "sa")}}
	p := NewPolicy(roles, []Binding{b})
	return heldStrings(Capabilities(p.Permissions(sa("test", "sa"))))
}

var everyCapability = func() []string {
	var out []string
	for _, c := range Catalogue() {
		if c.ID == "namespace-admin" {
			continue
		}
		s := c.ID + "@cluster"
		if c.ID == "cluster-admin" || c.ID == "impersonate" || c.ID == "rbac-bind" || c.ID == "rbac-escalate" || c.ID == "csr-approve" {
			s += "[admin]"
		}
		out = append(out, s)
	}
	return out
}()

// TestCapabilities checks which dangerous capabilities rules add up to; each case names the rule it checks.
func TestCapabilities(t *testing.T) {
	core := list("")
	tests := []struct {
		name    string
		ns      string // "" binds with a ClusterRoleBinding
		builtin string
		rules   []Rule
		want    []string
	}{
		{name: "get secrets in a namespace reads Secrets there", ns: "shop",
			rules: []Rule{rule(list("get"), core, list("secrets"))}, want: list("secrets-read@namespace:shop")},
		{name: "'*' on '*' in '*' cluster-wide expands to every capability, cluster-admin equivalent",
			rules: []Rule{rule(list("*"), list("*"), list("*"))}, want: everyCapability},
		{name: "'*' on '*' through a RoleBinding is namespace-admin and only the namespaced capabilities", ns: "shop",
			rules: []Rule{rule(list("*"), list("*"), list("*"))},
			want: list("namespace-admin@namespace:shop", "secrets-read@namespace:shop", "pods-exec@namespace:shop",
				"pods-portforward@namespace:shop", "workloads-create@namespace:shop", "serviceaccount-token@namespace:shop",
				"impersonate@namespace:shop", "rbac-bind@namespace:shop", "rbac-escalate@namespace:shop", "bindings-write@namespace:shop")},
		{name: "… in kube-system adds the kube-system capabilities", ns: "kube-system",
			rules: []Rule{rule(list("get", "list", "patch"), core, list("pods", "configmaps"))},
			want:  list("kube-system-pods-read@namespace:kube-system", "aws-auth-write@namespace:kube-system")},
		{name: "get on every core resource expands to the get-based capabilities",
			rules: []Rule{rule(list("get"), core, list("*"))},
			want: list("secrets-read@cluster", "pods-exec@cluster", "pods-portforward@cluster", "nodes-proxy@cluster",
				"kube-system-pods-read@cluster")},
		{name: "'*/exec' grants exec in pods", ns: "shop",
			rules: []Rule{rule(list("create"), core, list("*/exec"))}, want: list("pods-exec@namespace:shop")},
		{name: "resourceNames limit reading Secrets to those names", ns: "shop",
			rules: []Rule{{Verbs: list("get"), APIGroups: core, Resources: list("secrets"), ResourceNames: list("tls", "db")}},
			want:  list("secrets-read@namespace:shop[names=db,tls]")},
		{name: "resourceNames cannot limit create: no pod can be created", ns: "shop",
			rules: []Rule{{Verbs: list("create"), APIGroups: core, Resources: list("pods"), ResourceNames: list("x")}}},
		{name: "patching one Deployment still runs as any ServiceAccount", ns: "shop",
			rules: []Rule{{Verbs: list("patch"), APIGroups: list("apps"), Resources: list("deployments"), ResourceNames: list("api")}},
			want:  list("workloads-create@namespace:shop[names=api]")},
		{name: "pods alone does not grant pods/exec", ns: "shop", rules: []Rule{rule(list("get", "list"), core, list("pods"))}},
		{name: "nonResourceURLs are ignored for object access",
			rules: []Rule{{Verbs: list("*"), NonResourceURLs: list("*")}}},
		{name: "cluster-scoped resources through a RoleBinding grant nothing", ns: "shop",
			rules: []Rule{rule(list("*"), list("admissionregistration.k8s.io", ""), list("mutatingwebhookconfigurations", "nodes", "nodes/proxy", "persistentvolumes"))}},
		{name: "cluster-scoped resources through a ClusterRoleBinding",
			rules: []Rule{rule(list("create", "patch"), list("admissionregistration.k8s.io", ""), list("mutatingwebhookconfigurations", "nodes", "persistentvolumes"))},
			want:  list("mutating-webhooks-write@cluster", "nodes-patch@cluster", "persistentvolumes-create@cluster")},
		{name: "impersonating system:masters is cluster-admin",
			rules: []Rule{{Verbs: list("impersonate"), APIGroups: core, Resources: list("groups"), ResourceNames: list(GroupMasters)}},
			want:  list("impersonate@cluster[names=system:masters][admin]")},
		{name: "impersonating users only is not", rules: []Rule{rule(list("impersonate"), core, list("users"))},
			want: list("impersonate@cluster")},
		{name: "impersonating ServiceAccounts of a namespace", ns: "shop",
			rules: []Rule{rule(list("impersonate"), core, list("serviceaccounts"))}, want: list("impersonate@namespace:shop")},
		{name: "impersonating users through a RoleBinding grants nothing (users are cluster-scoped)", ns: "shop",
			rules: []Rule{rule(list("impersonate"), core, list("users"))}},
		{name: "bind on cluster-admin plus create clusterrolebindings is cluster-admin",
			rules: []Rule{{Verbs: list("bind"), APIGroups: list(rbacGroup), Resources: list("clusterroles"), ResourceNames: list("cluster-admin")},
				rule(list("create"), list(rbacGroup), list("clusterrolebindings"))},
			want: list("rbac-bind@cluster[names=cluster-admin][admin]", "bindings-write@cluster")},
		{name: "bind alone is not", rules: []Rule{rule(list("bind"), list(rbacGroup), list("clusterroles"))},
			want: list("rbac-bind@cluster")},
		{name: "escalate and update on clusterroles is cluster-admin",
			rules: []Rule{rule(list("escalate", "update"), list(rbacGroup), list("clusterroles"))},
			want:  list("rbac-escalate@cluster[admin]")},
		{name: "CSR approval needs the approval subresource and a signer",
			rules: []Rule{rule(list("update"), list("certificates.k8s.io"), list("certificatesigningrequests/approval"))}},
		{name: "approving kubelet-serving certificates is not cluster-admin",
			rules: []Rule{rule(list("update"), list("certificates.k8s.io"), list("certificatesigningrequests/approval")),
				{Verbs: list("approve"), APIGroups: list("certificates.k8s.io"), Resources: list("signers"), ResourceNames: list("kubernetes.io/kubelet-serving")}},
			want: list("csr-approve@cluster[names=kubernetes.io/kubelet-serving]")},
		{name: "creating and approving kube-apiserver-client certificates is cluster-admin",
			rules: []Rule{rule(list("create"), list("certificates.k8s.io"), list("certificatesigningrequests")),
				rule(list("update"), list("certificates.k8s.io"), list("certificatesigningrequests/approval")),
				{Verbs: list("approve"), APIGroups: list("certificates.k8s.io"), Resources: list("signers"), ResourceNames: list("kubernetes.io/*")}},
			want: list("csr-approve@cluster[names=kubernetes.io/*][admin]")},
		{name: "the aws-auth capability needs that ConfigMap's name", ns: "kube-system",
			rules: []Rule{{Verbs: list("patch"), APIGroups: core, Resources: list("configmaps"), ResourceNames: list("coredns")}}},
		{name: "built-in view holds nothing dangerous", ns: "shop", builtin: "view"},
		{name: "built-in edit reads Secrets and runs as any ServiceAccount of the namespace", ns: "shop", builtin: "edit",
			want: list("secrets-read@namespace:shop", "pods-exec@namespace:shop", "pods-portforward@namespace:shop",
				"workloads-create@namespace:shop", "serviceaccount-token@namespace:shop", "impersonate@namespace:shop")},
		{name: "built-in admin adds writing RoleBindings", ns: "shop", builtin: "admin",
			want: list("secrets-read@namespace:shop", "pods-exec@namespace:shop", "pods-portforward@namespace:shop",
				"workloads-create@namespace:shop", "serviceaccount-token@namespace:shop", "impersonate@namespace:shop",
				"bindings-write@namespace:shop")},
		{name: "built-in cluster-admin cluster-wide is everything", builtin: "cluster-admin", want: everyCapability},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := capsOf(tt.ns, tt.builtin, tt.rules...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("capabilities (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCapabilityClusterCoversNamespace: a capability held cluster-wide is not repeated for a namespace, and
// its grants list every rule behind it.
func TestCapabilityClusterCoversNamespace(t *testing.T) {
	roles := []Role{{Name: "r", Rules: []Rule{rule(list("get"), list(""), list("secrets")), rule(list("list"), list(""), list("secrets"))}}}
	bindings := []Binding{
		{Name: "c", RoleRef: RoleRef{Kind: "ClusterRole", Name: "r"}, Subjects: []Subject{sa("a", "b")}},
		{Namespace: "a", Name: "n", RoleRef: RoleRef{Kind: "ClusterRole", Name: "r"}, Subjects: []Subject{sa("a", "b")}},
	}
	hs := Capabilities(NewPolicy(roles, bindings).Permissions(sa("a", "b")))
	if diff := cmp.Diff(list("secrets-read@cluster"), heldStrings(hs)); diff != "" {
		t.Fatalf("capabilities (-want +got):\n%s", diff)
	}
	want := list("ClusterRoleBinding c → ClusterRole r rule 0 (cluster) for ServiceAccount a/b",
		"ClusterRoleBinding c → ClusterRole r rule 1 (cluster) for ServiceAccount a/b")
	if diff := cmp.Diff(want, grantStrings(hs[0].Grants)); diff != "" {
		t.Errorf("grants (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(list("get", "list"), hs[0].Verbs); diff != "" {
		t.Errorf("verbs (-want +got):\n%s", diff)
	}
}

// TestCatalogue checks every capability describes itself: a unique kebab-case id, an ATT&CK technique id,
// a title and a reason, and at least one probe.
func TestCatalogue(t *testing.T) {
	id := regexp.MustCompile(`^[a-z][a-z0-9-]+$`)
	tech := regexp.MustCompile(`^T\d{4}(\.\d{3})?$`)
	seen := map[string]bool{}
	for _, c := range Catalogue() {
		if !id.MatchString(c.ID) || seen[c.ID] {
			t.Errorf("bad or duplicate id %q", c.ID)
		}
		seen[c.ID] = true
		if !tech.MatchString(c.Technique) || c.TechniqueName == "" || c.Title == "" || c.Why == "" {
			t.Errorf("%s: incomplete description %+v", c.ID, c)
		}
		if len(c.needs) == 0 {
			t.Errorf("%s: no needs", c.ID)
		}
		if got, ok := CapabilityByID(c.ID); !ok || got.ID != c.ID {
			t.Errorf("CapabilityByID(%q) = %v, %v", c.ID, got.ID, ok)
		}
	}
}
