package rbac

import "strings"

// Capability is a dangerous thing RBAC lets a subject do, with what it means for an attacker holding the
// subject's credentials. IDs are stable; techniques are MITRE ATT&CK ids (attack.mitre.org/techniques/…).
type Capability struct {
	ID            string
	Title         string
	Technique     string
	TechniqueName string
	Why           string
	// Namespace, when set, limits the capability to grants covering that namespace (pods of kube-system).
	Namespace string

	needs []need // every need must be held, in one scope
	admin []need // held together cluster-wide, these make the subject cluster-admin equivalent
	// literal: the capability is a rule of "*" verbs on "*" resources in "*" groups (no other probes).
	literal bool
	// namespaced: only held through a namespaced grant (a cluster-wide one is cluster-admin instead).
	namespaced bool
}

// need is held when any of its probes is.
type need []probe

// probe is one (verbs, group, resource) a rule may grant. names, when set, are the objects that matter: a
// rule limited to other names does not count.
type probe struct {
	verbs    []string
	group    string
	resource string // "pods", "pods/exec"
	names    []string
}

func pr(verbs []string, group, resource string, names ...string) probe {
	return probe{verbs: verbs, group: group, resource: resource, names: names}
}

// any builds a need from probes sharing verbs and group.
func anyOf(verbs []string, group string, resources ...string) need {
	n := make(need, len(resources))
	for i, r := range resources {
		n[i] = pr(verbs, group, r)
	}
	return n
}

var (
	vRead     = []string{"get", "list", "watch"}
	vCreate   = []string{"create"}
	vCreateGt = []string{"create", "get"}
	vWrite    = []string{"create", "update", "patch"}
	vModify   = []string{"update", "patch"}
)

const rbacGroup = "rbac.authorization.k8s.io"

// catalogue is every capability, in the order results list them.
var catalogue = []Capability{
	{ID: "cluster-admin", Title: "every verb on every resource in the cluster", Technique: "T1078", TechniqueName: "Valid Accounts",
		Why:     "'*' on '*' cluster-wide reads every Secret, runs any pod on any node and grants anything to anyone: whoever holds these credentials owns the cluster.",
		literal: true, needs: []need{{}}},
	{ID: "namespace-admin", Title: "every verb on every resource of a namespace", Technique: "T1078", TechniqueName: "Valid Accounts",
		Why:     "'*' on '*' in a namespace reads its Secrets, runs pods as any of its ServiceAccounts and writes its Roles and RoleBindings, so the namespace can be handed to anyone.",
		literal: true, namespaced: true, needs: []need{{}}},
	{ID: "secrets-read", Title: "read Secrets", Technique: "T1552.007", TechniqueName: "Unsecured Credentials: Container API",
		Why:   "Secrets hold passwords, keys and ServiceAccount tokens; get, and list and watch too, return their contents, so reading them hands over every credential stored there.",
		needs: []need{anyOf(vRead, "", "secrets")}},
	{ID: "pods-exec", Title: "run commands in running pods (exec, attach, ephemeral containers)", Technique: "T1609", TechniqueName: "Container Administration Command",
		Why: "exec, attach and ephemeral containers run commands inside a pod: its processes, mounted Secrets and ServiceAccount token. get counts too: API servers authorised exec over WebSocket with get before 1.30.",
		needs: []need{{pr(vCreateGt, "", "pods/exec"), pr(vCreateGt, "", "pods/attach"),
			pr(vModify, "", "pods/ephemeralcontainers")}}},
	{ID: "pods-portforward", Title: "tunnel to pod ports (port-forward, pod and service proxy)", Technique: "T1572", TechniqueName: "Protocol Tunneling",
		Why:   "port-forward and the pod and service proxies tunnel through the API server to any port of a pod, past NetworkPolicies and past the lack of any exposure.",
		needs: []need{{pr(vCreateGt, "", "pods/portforward"), pr(vCreateGt, "", "pods/proxy"), pr(vCreateGt, "", "services/proxy")}}},
	{ID: "workloads-create", Title: "create pods or workloads (run as any ServiceAccount of the namespace)", Technique: "T1610", TechniqueName: "Deploy Container",
		Why: "a new pod, or a workload's pod template, may name any ServiceAccount of its namespace and mount its token (and host paths or privileged mode where admission allows): the subject can act as every ServiceAccount there.",
		needs: []need{append(need{pr(vCreate, "", "pods"), pr(vWrite, "", "replicationcontrollers"),
			pr(vWrite, "batch", "jobs"), pr(vWrite, "batch", "cronjobs")},
			anyOf(vWrite, "apps", "deployments", "daemonsets", "statefulsets", "replicasets")...)}},
	{ID: "serviceaccount-token", Title: "mint ServiceAccount tokens (TokenRequest)", Technique: "T1528", TechniqueName: "Steal Application Access Token",
		Why:   "create on serviceaccounts/token mints a fresh token for a ServiceAccount: the subject can authenticate as it.",
		needs: []need{anyOf(vCreate, "", "serviceaccounts/token")}},
	{ID: "impersonate", Title: "impersonate users, groups or ServiceAccounts", Technique: "T1078", TechniqueName: "Valid Accounts",
		Why:   "impersonation makes requests as another user, group or ServiceAccount with its permissions; impersonating the group system:masters is cluster-admin.",
		needs: []need{anyOf([]string{"impersonate"}, "", "users", "groups", "serviceaccounts")},
		admin: []need{{pr([]string{"impersonate"}, "", "groups", GroupMasters)}}},
	{ID: "rbac-bind", Title: "bind roles it does not hold", Technique: "T1098.006", TechniqueName: "Account Manipulation: Additional Container Cluster Roles",
		Why:   "bind waives the RBAC escalation check when creating bindings: the subject can grant roles with permissions it does not have, to itself or anyone.",
		needs: []need{anyOf([]string{"bind"}, rbacGroup, "roles", "clusterroles")},
		admin: []need{{pr([]string{"bind"}, rbacGroup, "clusterroles", "cluster-admin")}, anyOf(vCreate, rbacGroup, "clusterrolebindings")}},
	{ID: "rbac-escalate", Title: "write roles beyond its own permissions", Technique: "T1098.006", TechniqueName: "Account Manipulation: Additional Container Cluster Roles",
		Why:   "escalate waives the RBAC escalation check when writing roles: on a role bound to the subject, that is any permission it cares to add.",
		needs: []need{anyOf([]string{"escalate"}, rbacGroup, "roles", "clusterroles")},
		admin: []need{anyOf([]string{"escalate"}, rbacGroup, "clusterroles"), anyOf(vModify, rbacGroup, "clusterroles")}},
	{ID: "bindings-write", Title: "create or change RoleBindings and ClusterRoleBindings", Technique: "T1098.006", TechniqueName: "Account Manipulation: Additional Container Cluster Roles",
		Why:   "writing bindings grants roles to any subject — persistence that survives rotating the subject's own credentials — up to the permissions the subject holds, or any with bind.",
		needs: []need{anyOf(vWrite, rbacGroup, "rolebindings", "clusterrolebindings")}},
	{ID: "nodes-proxy", Title: "reach the kubelet API (nodes/proxy)", Technique: "T1609", TechniqueName: "Container Administration Command",
		Why:   "nodes/proxy reaches every node's kubelet API, which runs commands in any pod on the node, without the API server's exec authorisation or audit of the command.",
		needs: []need{anyOf(vCreateGt, "", "nodes/proxy")}},
	{ID: "csr-approve", Title: "approve certificate signing requests", Technique: "T1649", TechniqueName: "Steal or Forge Authentication Certificates",
		Why:   "approving CSRs issues client certificates; one from the kube-apiserver-client signer may name any user and group, system:masters included.",
		needs: []need{anyOf(vModify, "certificates.k8s.io", "certificatesigningrequests/approval"), anyOf([]string{"approve"}, "certificates.k8s.io", "signers")},
		admin: []need{anyOf(vModify, "certificates.k8s.io", "certificatesigningrequests/approval"),
			{pr([]string{"approve"}, "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client", "kubernetes.io/*")},
			anyOf(vCreate, "certificates.k8s.io", "certificatesigningrequests")}},
	{ID: "mutating-webhooks-write", Title: "register or change mutating admission webhooks", Technique: "T1557", TechniqueName: "Adversary-in-the-Middle",
		Why:   "a mutating webhook is sent every object it registers for, Secrets included, and may rewrite pods as they are created: add a container, swap an image, mount a token.",
		needs: []need{anyOf(vWrite, "admissionregistration.k8s.io", "mutatingwebhookconfigurations")}},
	{ID: "validating-webhooks-write", Title: "change or remove validating webhooks and admission policies", Technique: "T1562.001", TechniqueName: "Impair Defenses: Disable or Modify Tools",
		Why: "validating webhooks and admission policies are how guardrails (Gatekeeper, Kyverno, policy bindings) refuse unsafe objects; whoever can change or delete them can switch the guardrails off.",
		needs: []need{anyOf(append(vWrite, "delete"), "admissionregistration.k8s.io", "validatingwebhookconfigurations",
			"validatingadmissionpolicies", "validatingadmissionpolicybindings")}},
	{ID: "nodes-patch", Title: "change nodes (labels, taints)", Technique: "T1528", TechniqueName: "Steal Application Access Token",
		Why:   "a node's labels and taints steer scheduling: taint the other nodes or label one the attacker controls, and pods with stronger ServiceAccounts land where their tokens can be read.",
		needs: []need{anyOf(vModify, "", "nodes")}},
	{ID: "kube-system-pods-read", Title: "read pods in kube-system", Technique: "T1613", TechniqueName: "Container and Resource Discovery",
		Namespace: "kube-system",
		Why:       "the pod specs of the control plane and add-ons show their images, ServiceAccounts, host mounts and environment, sometimes credentials: the map for the next step.",
		needs:     []need{anyOf(vRead, "", "pods")}},
	{ID: "persistentvolumes-create", Title: "create PersistentVolumes (hostPath)", Technique: "T1611", TechniqueName: "Escape to Host",
		Why:   "a PersistentVolume may be a hostPath; a pod claiming it mounts the node's file system, with the kubelet's credentials and other pods' tokens.",
		needs: []need{anyOf(vCreate, "", "persistentvolumes")}},
	{ID: "aws-auth-write", Title: "change the EKS aws-auth ConfigMap", Technique: "T1098.006", TechniqueName: "Account Manipulation: Additional Container Cluster Roles",
		Namespace: "kube-system",
		Why:       "on EKS, kube-system/aws-auth maps IAM roles and users to Kubernetes users and groups; writing it can map any AWS identity to system:masters.",
		needs:     []need{{pr(vModify, "", "configmaps", "aws-auth")}}},
}

// Catalogue returns every capability Seam checks, in a fixed order.
func Catalogue() []Capability {
	out := make([]Capability, len(catalogue))
	copy(out, catalogue)
	return out
}

// CapabilityByID returns the capability with an id.
func CapabilityByID(id string) (Capability, bool) {
	for _, c := range catalogue {
		if c.ID == id {
			return c, true
		}
	}
	return Capability{}, false
}

// capHit says that a rule grants one need (or admin need) of a capability.
type capHit struct {
	cap   int
	need  int
	admin bool
	verbs []string
	names []string // nil: not limited by resourceNames
	// namespaced: some matching probe names a namespaced resource, so a namespaced grant counts.
	namespaced bool
}

// ruleHits lists the needs of every capability one rule grants.
func ruleHits(r *Rule) []capHit {
	var out []capHit
	for ci := range catalogue {
		c := &catalogue[ci]
		if c.literal {
			if r.isAllWildcard() {
				out = append(out, capHit{cap: ci, verbs: []string{Wildcard}, namespaced: true})
			}
			continue
		}
		for ni, n := range c.needs {
			if h, ok := needHit(r, n, false); ok {
				h.cap, h.need = ci, ni
				out = append(out, h)
			}
		}
		for ni, n := range c.admin {
			if h, ok := needHit(r, n, true); ok {
				h.cap, h.need, h.admin = ci, ni, true
				out = append(out, h)
			}
		}
	}
	return out
}

// needHit matches a rule against the probes of a need. For an admin need, a rule limited by resourceNames
// counts only when the probe names the objects that matter and the rule grants one of them.
func needHit(r *Rule, n need, admin bool) (capHit, bool) {
	var h capHit
	found, unlimited := false, false
	for _, p := range n {
		verbs, names, ok := p.match(r)
		if !ok || (admin && names != nil && p.names == nil) {
			continue
		}
		found = true
		h.verbs = union(h.verbs, verbs)
		if names == nil {
			unlimited = true
		} else {
			h.names = union(h.names, names)
		}
		res, _, _ := strings.Cut(p.resource, "/")
		if !ClusterScoped(p.group, res) {
			h.namespaced = true
		}
	}
	if unlimited {
		h.names = nil
	}
	return h, found
}

// match reports the verbs of the probe the rule grants, and the names it is limited to (nil: any).
func (p probe) match(r *Rule) (verbs, names []string, ok bool) {
	res, sub, _ := strings.Cut(p.resource, "/")
	if len(r.Resources) == 0 || !contains(r.APIGroups, p.group) || !resourceMatches(r.Resources, res, sub) {
		return nil, nil, false
	}
	limited := len(r.ResourceNames) > 0
	if limited {
		names = r.ResourceNames
		if p.names != nil {
			names = intersect(r.ResourceNames, p.names)
			if len(names) == 0 {
				return nil, nil, false
			}
		}
	}
	for _, v := range p.verbs {
		// create and deletecollection cannot be limited by name: a limited rule never grants them.
		if contains(r.Verbs, v) && !(limited && (v == "create" || v == "deletecollection")) {
			verbs = append(verbs, v)
		}
	}
	if len(verbs) == 0 {
		return nil, nil, false
	}
	return verbs, names, true
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if containsLiteral(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// union adds the elements of b missing from a, keeping a's order.
func union(a, b []string) []string {
	for _, x := range b {
		if !containsLiteral(a, x) {
			a = append(a, x)
		}
	}
	return a
}
