package rbac

import "strings"

// The verbs the built-in roles use, grouped the way the Kubernetes documentation describes them.
var (
	readVerbs  = []string{"get", "list", "watch"}
	writeVerbs = []string{"create", "delete", "deletecollection", "patch", "update"}
	allVerbs   = []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}
)

// allow builds one rule of a built-in role.
func allow(verbs []string, group string, resources ...string) Rule {
	return Rule{Verbs: verbs, APIGroups: []string{group}, Resources: resources}
}

// withSub lists each resource followed by its subresource sub ("status", "scale").
func withSub(sub string, resources ...string) []string {
	out := make([]string, 0, 2*len(resources))
	for _, r := range resources {
		out = append(out, r, r+"/"+sub)
	}
	return out
}

// Labels that chain the user-facing roles together: a ClusterRole carrying one of them is aggregated into
// view, edit or admin (kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings).
const (
	AggregateToView  = "rbac.authorization.k8s.io/aggregate-to-view"
	AggregateToEdit  = "rbac.authorization.k8s.io/aggregate-to-edit"
	AggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin"
)

// viewRules: read-only access to most objects of a namespace; no Secrets (their contents include
// ServiceAccount credentials), no Roles or RoleBindings.
func viewRules() []Rule {
	return []Rule{
		allow(readVerbs, "", "pods", "pods/log", "pods/status", "services", "services/status", "endpoints",
			"configmaps", "persistentvolumeclaims", "persistentvolumeclaims/status", "replicationcontrollers",
			"replicationcontrollers/scale", "replicationcontrollers/status", "serviceaccounts", "events",
			"limitranges", "resourcequotas", "resourcequotas/status", "namespaces", "namespaces/status", "bindings"),
		allow(readVerbs, "apps", append(withSub("status", "deployments", "daemonsets", "replicasets", "statefulsets"),
			"deployments/scale", "replicasets/scale", "statefulsets/scale", "controllerrevisions")...),
		allow(readVerbs, "batch", withSub("status", "jobs", "cronjobs")...),
		allow(readVerbs, "autoscaling", withSub("status", "horizontalpodautoscalers")...),
		allow(readVerbs, "networking.k8s.io", "ingresses", "ingresses/status", "networkpolicies"),
		allow(readVerbs, "policy", withSub("status", "poddisruptionbudgets")...),
		allow(readVerbs, "discovery.k8s.io", "endpointslices"),
		allow(readVerbs, "extensions", "daemonsets", "deployments", "replicasets", "ingresses", "networkpolicies"),
	}
}

// editRules: what edit adds to view — read and write of most objects of a namespace, Secrets included, and
// running pods as any ServiceAccount of the namespace (create pods, impersonate ServiceAccounts, request
// their tokens); still no Roles or RoleBindings.
func editRules() []Rule {
	podAccess := []string{"pods/attach", "pods/exec", "pods/portforward", "pods/proxy"}
	return []Rule{
		allow(readVerbs, "", append([]string{"secrets", "services/proxy"}, podAccess...)...),
		allow(writeVerbs, "", append([]string{"pods"}, podAccess...)...),
		allow([]string{"create"}, "", "pods/eviction", "serviceaccounts/token"),
		allow([]string{"impersonate"}, "", "serviceaccounts"),
		allow(writeVerbs, "", "configmaps", "events", "persistentvolumeclaims", "replicationcontrollers",
			"replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"),
		allow(writeVerbs, "apps", withSub("scale", "deployments", "replicasets", "statefulsets")...),
		allow(writeVerbs, "apps", "daemonsets", "deployments/rollback"),
		allow(writeVerbs, "batch", "jobs", "cronjobs"),
		allow(writeVerbs, "autoscaling", "horizontalpodautoscalers"),
		allow(writeVerbs, "networking.k8s.io", "ingresses", "networkpolicies"),
		allow(writeVerbs, "policy", "poddisruptionbudgets"),
		allow(writeVerbs, "extensions", "daemonsets", "deployments", "replicasets", "ingresses", "networkpolicies"),
		allow(allVerbs, "coordination.k8s.io", "leases"),
	}
}

// adminRules: what admin adds to edit — Roles and RoleBindings of the namespace, so an admin can grant
// within it; still not the namespace object or its resource quotas.
func adminRules() []Rule {
	return []Rule{
		allow(allVerbs, "rbac.authorization.k8s.io", "roles", "rolebindings"),
		allow([]string{"create"}, "authorization.k8s.io", "localsubjectaccessreviews"),
	}
}

// Builtins returns the ClusterRoles every cluster has that manifests commonly bind without defining,
// summarised from kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles and
// #discovery-roles (facts, in Seam's own grouping; a cluster's exact rules vary a little by version):
//
//   - cluster-admin: every verb on every resource and non-resource URL;
//   - view, edit, admin: aggregating roles, as in a real cluster, so a ClusterRole labelled
//     rbac.authorization.k8s.io/aggregate-to-view adds to view (and through it to edit and admin); their
//     own rules live in the system:aggregate-to-view/-edit/-admin roles they aggregate;
//   - system:auth-delegator, system:basic-user, system:discovery, system:public-info-viewer: the small
//     system roles bound by many add-ons.
func Builtins() []Role {
	agg := func(label string) []Selector { return []Selector{{MatchLabels: map[string]string{label: "true"}}} }
	label := func(l string) map[string]string { return map[string]string{l: "true"} }
	health := []string{"/healthz", "/livez", "/readyz", "/version", "/version/"}
	roles := []Role{
		{Name: "cluster-admin", Rules: []Rule{
			{Verbs: []string{Wildcard}, APIGroups: []string{Wildcard}, Resources: []string{Wildcard}},
			{Verbs: []string{Wildcard}, NonResourceURLs: []string{Wildcard}},
		}},
		{Name: "view", Aggregation: agg(AggregateToView), Labels: label(AggregateToEdit)},
		{Name: "edit", Aggregation: agg(AggregateToEdit), Labels: label(AggregateToAdmin)},
		{Name: "admin", Aggregation: agg(AggregateToAdmin)},
		{Name: "system:aggregate-to-view", Rules: viewRules(), Labels: label(AggregateToView)},
		{Name: "system:aggregate-to-edit", Rules: editRules(), Labels: label(AggregateToEdit)},
		{Name: "system:aggregate-to-admin", Rules: adminRules(), Labels: label(AggregateToAdmin)},
		{Name: "system:auth-delegator", Rules: []Rule{
			allow([]string{"create"}, "authentication.k8s.io", "tokenreviews"),
			allow([]string{"create"}, "authorization.k8s.io", "subjectaccessreviews"),
		}},
		{Name: "system:basic-user", Rules: []Rule{
			allow([]string{"create"}, "authorization.k8s.io", "selfsubjectaccessreviews", "selfsubjectrulesreviews"),
			allow([]string{"create"}, "authentication.k8s.io", "selfsubjectreviews"),
		}},
		{Name: "system:discovery", Rules: []Rule{{Verbs: []string{"get"},
			NonResourceURLs: append([]string{"/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*"}, health...)}}},
		{Name: "system:public-info-viewer", Rules: []Rule{{Verbs: []string{"get"}, NonResourceURLs: health}}},
	}
	for i := range roles {
		roles[i].Builtin = true
	}
	return roles
}

// builtinNames are the names of Builtins.
var builtinNames = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range Builtins() {
		m[r.Name] = true
	}
	return m
}()

// IsBuiltinName reports whether a ClusterRole name is one Seam knows as built in (see Builtins).
func IsBuiltinName(name string) bool { return builtinNames[name] }

// isSystemName reports whether a ClusterRole name is in the system: namespace of names the control plane
// reserves; such roles exist in a cluster even though no manifest defines them.
func isSystemName(name string) bool { return strings.HasPrefix(name, "system:") }

// clusterScoped lists the resources (by API group) that have no namespace: a Role or RoleBinding granting
// them grants nothing. It covers the resources the dangerous capabilities name and the common others.
var clusterScoped = map[string]map[string]bool{
	"": {"nodes": true, "namespaces": true, "persistentvolumes": true, "componentstatuses": true,
		"users": true, "groups": true, "uids": true},
	"rbac.authorization.k8s.io":    {"clusterroles": true, "clusterrolebindings": true},
	"certificates.k8s.io":          {"certificatesigningrequests": true, "signers": true, "clustertrustbundles": true},
	"admissionregistration.k8s.io": {"mutatingwebhookconfigurations": true, "validatingwebhookconfigurations": true, "validatingadmissionpolicies": true, "validatingadmissionpolicybindings": true},
	"apiextensions.k8s.io":         {"customresourcedefinitions": true},
	"apiregistration.k8s.io":       {"apiservices": true},
	"storage.k8s.io":               {"storageclasses": true, "csidrivers": true, "csinodes": true, "volumeattachments": true},
	"scheduling.k8s.io":            {"priorityclasses": true},
	"node.k8s.io":                  {"runtimeclasses": true},
	"networking.k8s.io":            {"ingressclasses": true},
	"authentication.k8s.io":        {"tokenreviews": true, "selfsubjectreviews": true, "userextras": true},
	"authorization.k8s.io":         {"subjectaccessreviews": true, "selfsubjectaccessreviews": true, "selfsubjectrulesreviews": true},
}

// ClusterScoped reports whether a resource (without subresource) of an API group is known to be
// cluster-scoped.
func ClusterScoped(group, resource string) bool {
	resource, _, _ = strings.Cut(resource, "/")
	return clusterScoped[group][resource]
}
