// Package rbac holds the semantics of Kubernetes RBAC authorization: roles and bindings, what a subject may do
// and who may do a thing, and which of those permissions are dangerous (reading Secrets, running pods as
// another ServiceAccount, binding roles …). It knows nothing of Seam's graph: callers give it roles and
// bindings as plain values and get grants back, each pointing at the binding, role and rule behind it.
//
// The rules follow https://kubernetes.io/docs/reference/access-authn-authz/rbac/ (and, for the built-in
// identities, https://kubernetes.io/docs/reference/access-authn-authz/authentication/):
//
//   - permissions are purely additive; there are no deny rules;
//   - a Role grants within its namespace; a ClusterRole bound by a RoleBinding grants within the binding's
//     namespace only; a ClusterRole bound by a ClusterRoleBinding grants in every namespace and on
//     cluster-scoped resources and non-resource URLs;
//   - a ClusterRole with an aggregationRule gets the rules of every ClusterRole whose labels a selector
//     matches (transitively: view is aggregated into edit, edit into admin); the control plane overwrites
//     whatever rules the aggregating role itself lists;
//   - "*" in verbs, apiGroups or resources matches everything; a resource "pods" does not match the
//     subresource "pods/exec", "*/exec" matches the exec subresource of any resource;
//   - resourceNames limit a rule to the named objects; a request without a name (create, deletecollection,
//     list or watch without a metadata.name field selector) never matches such a rule;
//   - nonResourceURLs only ever match non-resource requests (/healthz, /metrics), never object access;
//   - a ServiceAccount authenticates as user system:serviceaccount:<ns>:<name> in groups
//     system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated; an anonymous request
//     is user system:anonymous in group system:unauthenticated.
package rbac

import "strings"

// Location is where a role, binding or subject is written: a slash path relative to the scanned root and a
// line. The zero Location stands for something no file defines (a built-in role).
type Location struct {
	File string
	Line int
}

// Rule is one PolicyRule of a Role or ClusterRole.
type Rule struct {
	APIGroups       []string
	Resources       []string // "pods", "pods/exec", "*/scale", "*"
	ResourceNames   []string
	Verbs           []string
	NonResourceURLs []string // "/healthz", "/metrics/*", "*"
}

// Role is a Role (Namespace set) or a ClusterRole (Namespace "").
type Role struct {
	Namespace string
	Name      string
	Rules     []Rule
	Labels    map[string]string
	// Aggregation holds the clusterRoleSelectors of a ClusterRole's aggregationRule; nil when it has none.
	Aggregation []Selector
	Loc         Location
	// Builtin marks a role every cluster has, as Seam summarises it (see Builtins).
	Builtin bool
}

// Kind returns "Role" or "ClusterRole".
func (r *Role) Kind() string {
	if r.Namespace == "" {
		return "ClusterRole"
	}
	return "Role"
}

// String names the role as people write it: "ClusterRole admin", "Role shop/secret-reader".
func (r *Role) String() string {
	if r.Namespace == "" {
		return "ClusterRole " + r.Name
	}
	return "Role " + r.Namespace + "/" + r.Name
}

// RoleRef is a binding's roleRef.
type RoleRef struct {
	Kind string // "Role" or "ClusterRole"
	Name string
}

// SubjectKind is the kind of a binding subject.
type SubjectKind string

// The subject kinds of the RBAC API.
const (
	ServiceAccount SubjectKind = "ServiceAccount"
	User           SubjectKind = "User"
	Group          SubjectKind = "Group"
)

// Subject is one subject of a binding, or the identity a question is asked about.
type Subject struct {
	Kind      SubjectKind
	Name      string
	Namespace string // ServiceAccounts only
	Loc       Location
}

// String names the subject: "ServiceAccount shop/api", "Group system:authenticated".
func (s Subject) String() string {
	if s.Kind == ServiceAccount {
		return "ServiceAccount " + s.Namespace + "/" + s.Name
	}
	return string(s.Kind) + " " + s.Name
}

// Built-in users and groups the API server assigns (kubernetes.io/docs/reference/access-authn-authz/rbac/
// #referring-to-subjects and …/authentication/#anonymous-requests).
const (
	GroupAuthenticated   = "system:authenticated"
	GroupUnauthenticated = "system:unauthenticated"
	GroupServiceAccounts = "system:serviceaccounts"
	UserAnonymous        = "system:anonymous"
	// GroupMasters is the group whose members are authorised for everything by the default
	// cluster-admin ClusterRoleBinding; impersonating it is cluster-admin.
	GroupMasters = "system:masters"
)

// ServiceAccountUser returns the user name a ServiceAccount authenticates as.
func ServiceAccountUser(namespace, name string) string {
	return "system:serviceaccount:" + namespace + ":" + name
}

// ServiceAccountGroup returns the group of every ServiceAccount of a namespace.
func ServiceAccountGroup(namespace string) string { return GroupServiceAccounts + ":" + namespace }

// ParseServiceAccountUser splits "system:serviceaccount:<ns>:<name>" into its parts.
func ParseServiceAccountUser(user string) (namespace, name string, ok bool) {
	rest, ok := strings.CutPrefix(user, "system:serviceaccount:")
	if !ok {
		return "", "", false
	}
	namespace, name, ok = strings.Cut(rest, ":")
	if !ok || namespace == "" || name == "" || strings.Contains(name, ":") {
		return "", "", false
	}
	return namespace, name, true
}

// Binding is a RoleBinding (Namespace set) or a ClusterRoleBinding (Namespace "").
type Binding struct {
	Namespace string
	Name      string
	RoleRef   RoleRef
	Subjects  []Subject
	Loc       Location
}

// Kind returns "RoleBinding" or "ClusterRoleBinding".
func (b *Binding) Kind() string {
	if b.Namespace == "" {
		return "ClusterRoleBinding"
	}
	return "RoleBinding"
}

// String names the binding: "ClusterRoleBinding ops-admin", "RoleBinding shop/api-secrets".
func (b *Binding) String() string {
	if b.Namespace == "" {
		return "ClusterRoleBinding " + b.Name
	}
	return "RoleBinding " + b.Namespace + "/" + b.Name
}

// Scope is where a grant applies: the whole cluster (Namespace "") or one namespace.
type Scope struct {
	Namespace string
}

// Cluster is the scope of a ClusterRoleBinding.
var Cluster = Scope{}

// IsCluster reports whether the scope is the whole cluster.
func (s Scope) IsCluster() bool { return s.Namespace == "" }

// String renders the scope as "cluster" or "namespace:<ns>".
func (s Scope) String() string {
	if s.Namespace == "" {
		return "cluster"
	}
	return "namespace:" + s.Namespace
}

// Covers reports whether a grant of scope s applies to a request in namespace ns ("" for a cluster-scoped
// request or one across all namespaces): a cluster grant covers everything, a namespaced one only its own
// namespace.
func (s Scope) Covers(ns string) bool { return s.Namespace == "" || s.Namespace == ns }

// Request is one API request as the authorizer sees it.
type Request struct {
	Verb string
	// Resource requests.
	Group       string
	Resource    string // "pods"
	Subresource string // "exec", "" for the object itself
	// Namespace is "" for cluster-scoped resources and requests across all namespaces; for the namespaces
	// resource it is the Namespace object's own name, as the API server sets it.
	Namespace string
	Name      string // "" for create, list and watch without a metadata.name field selector
	// NonResource marks a request for a URL path that is not an API object (/healthz); Path is the URL.
	NonResource bool
	Path        string
}
