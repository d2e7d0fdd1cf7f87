package k8s

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// held is one dangerous capability of a ServiceAccount, from the rbac builder's derived "rbac" summary.
type held struct {
	id, scope, namespace string // scope "cluster" or "namespace:<ns>"
	verbs, names         []string
	grants, adminGrants  []grant
	adminEq              bool
}

func (h held) cluster() bool { return h.scope == "cluster" }

// where renders the scope for reasons: "the whole cluster" or "namespace x".
func (h held) where() string {
	if h.cluster() {
		return "the whole cluster"
	}
	return "namespace " + h.namespace
}

// heldOf returns the dangerous capabilities of a ServiceAccount with one of the ids, in the summary's order.
func heldOf(sa *model.Node, ids ...string) []held {
	d, ok := sa.Derived["rbac"]
	if !ok {
		return nil
	}
	m, _ := d.Value.(map[string]any)
	var out []held
	for _, x := range list(m["dangerous"]) {
		id := str(x["id"])
		if !contains(ids, id) {
			continue
		}
		h := held{id: id, scope: str(x["scope"]), verbs: strs(x["verbs"]), names: strs(x["resource_names"]),
			grants: grantsOf(x["granted_by"]), adminGrants: grantsOf(x["admin_granted_by"])}
		h.adminEq, _ = boolAttr(x["admin_equivalent"])
		h.namespace = strings.TrimPrefix(h.scope, "namespace:")
		out = append(out, h)
	}
	return out
}

// allPods returns every Kubernetes workload, sorted by ID.
func allPods(c *paths.Context) []*model.Node {
	return c.Cached("k8s.pods", func() any {
		var out []*model.Node
		for _, w := range c.Graph.NodesOfKind(model.KindWorkload) {
			if isPod(w) {
				out = append(out, w)
			}
		}
		return out
	}).([]*model.Node)
}

// rbacPodsExec: exec, attach or ephemeral containers in the pods a grant covers.
type rbacPodsExec struct{}

func (rbacPodsExec) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.rbac-pods-exec", Title: "A ServiceAccount execs into pods",
		Technique: "T1609", TechniqueName: "Container Administration Command",
		// kubectl exec needs a shell in the image; an ephemeral container or attach brings or needs none.
		Likelihood: 0.9,
		Rationale:  "pods/exec, pods/attach and pods/ephemeralcontainers run commands inside running pods, with their Secrets and tokens",
		Control:    "remove pods/exec, pods/attach and pods/ephemeralcontainers from the binding",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Exec}}
}

func (rbacPodsExec) Steps(c *paths.Context, s paths.State) []paths.Step {
	sa := c.Node(s.Node)
	if !isServiceAccount(sa) {
		return nil
	}
	seen := map[string]bool{}
	var out []paths.Step
	for _, h := range heldOf(sa, "pods-exec") {
		pods := podsByNamespace(c)[h.namespace]
		if h.cluster() {
			pods = allPods(c)
		}
		ctl := bindingControl(c, sa, h.grants)
		for _, w := range pods {
			// resourceNames name pods; only a bare Pod has a name known in advance.
			if seen[w.ID] || h.names != nil && (w.Type != "Pod" || !contains(h.names, w.Name)) {
				continue
			}
			seen[w.ID] = true
			out = append(out, paths.Step{To: paths.State{Kind: paths.Exec, Node: w.ID}, Control: ctl,
				Reason: fmt.Sprintf("ServiceAccount %s/%s may exec into pods in %s (%s), among them those of %s",
					namespaceOf(sa), sa.Name, h.where(), strings.Join(h.verbs, ", "), c.Name(w.ID)),
				Evidence: grantEvidence(h.grants)})
		}
	}
	return out
}

// rbacPodSecrets: whoever creates pods in a namespace mounts any of its Secrets into one.
type rbacPodSecrets struct{}

func (rbacPodSecrets) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.rbac-pod-secret-mount", Title: "A ServiceAccount starts a pod that mounts a Secret",
		Technique: "T1610", TechniqueName: "Deploy Container",
		// A pod with a secret volume is an ordinary pod; admission does not check which Secret it names.
		Likelihood: 0.85,
		Rationale:  "a pod may mount any Secret of its namespace as a volume or env: create on pods or workloads reads every Secret of the namespace without get on secrets",
		Control:    "remove create on pods and workloads from the binding",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Read}}
}

func (rbacPodSecrets) Steps(c *paths.Context, s paths.State) []paths.Step {
	sa := c.Node(s.Node)
	if !isServiceAccount(sa) {
		return nil
	}
	seen := map[string]bool{}
	var out []paths.Step
	for _, h := range heldOf(sa, "workloads-create") {
		var secrets []*model.Node
		if h.cluster() {
			for _, n := range c.Graph.NodesOfKind(model.KindDataStore) {
				if n.Type == "Secret" && isK8s(n) {
					secrets = append(secrets, n)
				}
			}
		} else {
			secrets = secretsByNamespace(c)[h.namespace]
		}
		ctl := bindingControl(c, sa, h.grants)
		readable := readableSecrets(c, sa, ctl.ID)
		for _, sec := range secrets {
			if seen[sec.ID] || readable[sec.ID] {
				continue // a read grant under the same binding makes the better step (k8s.rbac-secret-read)
			}
			seen[sec.ID] = true
			out = append(out, paths.Step{To: paths.State{Kind: paths.Read, Node: sec.ID}, Control: ctl,
				Reason: fmt.Sprintf("ServiceAccount %s/%s may create pods in %s (%s); a pod there mounts Secret %s/%s",
					namespaceOf(sa), sa.Name, h.where(), strings.Join(h.verbs, ", "), namespaceOf(sec), sec.Name),
				Evidence: grantEvidence(h.grants)})
		}
	}
	return out
}

// readableSecrets are the Secrets a ServiceAccount may read through a can edge whose control is ctl.
func readableSecrets(c *paths.Context, sa *model.Node, ctl string) map[string]bool {
	out := map[string]bool{}
	for _, e := range c.Graph.Out(sa.ID) {
		if e.Kind == model.EdgeCan && contains(strs(e.Attrs["access"]), "read") &&
			bindingControl(c, sa, grantsOf(e.Attrs["granted_by"])).ID == ctl {
			out[e.To] = true
		}
	}
	return out
}

// judge decides what one held capability is worth towards administrative control: a likelihood (0: none)
// and what it had to assume.
type judge func(h held) (float64, []string)

// adminRule makes Creds(SA) → Admin(cluster) from the capabilities it judges.
type adminRule struct {
	meta  paths.Meta
	caps  []string
	judge judge
}

func (r adminRule) Meta() paths.Meta { return r.meta }

// candidate is one capability's case for administrative control.
type candidate struct {
	h           held
	likelihood  float64
	assumptions []string
}

func (r adminRule) Steps(c *paths.Context, s paths.State) []paths.Step {
	sa := c.Node(s.Node)
	if !isServiceAccount(sa) {
		return nil
	}
	var cs []candidate
	for _, h := range heldOf(sa, r.caps...) {
		if l, a := r.judge(h); l > 0 {
			cs = append(cs, candidate{h: h, likelihood: l, assumptions: a})
		}
	}
	if len(cs) == 0 {
		return nil
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].likelihood > cs[j].likelihood })
	cl := clusterOf(c)
	var what, assumed []string
	var ev []model.Evidence
	for _, x := range cs {
		what = append(what, fmt.Sprintf("%s in %s (%s)", x.h.id, x.h.where(), strings.Join(x.h.verbs, ", ")))
		gs := x.h.grants
		if x.h.adminEq && len(x.h.adminGrants) > 0 {
			gs = x.h.adminGrants
		}
		ev = append(ev, grantEvidence(gs)...)
	}
	// The step's likelihood is the best capability's, so are its assumptions; the others are in the reason.
	assumed = append(assumed, cs[0].assumptions...)
	best := cs[0].h.grants
	if cs[0].h.adminEq && len(cs[0].h.adminGrants) > 0 {
		best = cs[0].h.adminGrants
	}
	return []paths.Step{{To: paths.State{Kind: paths.Admin, Node: cl.id}, Likelihood: cs[0].likelihood,
		Reason: fmt.Sprintf("ServiceAccount %s/%s holds %s: administrative control of %s",
			namespaceOf(sa), sa.Name, strings.Join(what, "; "), cl.name),
		Evidence: append(ev, cl.evidence...), Control: bindingControl(c, sa, best),
		Assumptions: uniqueSorted(append(assumed, cl.assumption))}}
}

// namespaced is the assumption of a grant limited to one namespace.
func namespaced(h held) string {
	return fmt.Sprintf("%s is granted only in namespace %s: control of the whole cluster needs a further step from there (a privileged pod, the token of a stronger ServiceAccount in a Secret of the namespace)", h.id, h.namespace)
}

// adminRules are the rules from RBAC capabilities to administrative control of the cluster.
func adminRules() []adminRule {
	return []adminRule{
		{meta: adminMeta("k8s.rbac-cluster-admin", "A ServiceAccount is cluster-admin", "T1078", "Valid Accounts", 0.95,
			"'*' on '*' cluster-wide, or impersonating system:masters, is administrative control already: one API call away",
			"remove the ServiceAccount from the binding to cluster-admin (or the impersonation of system:masters)"),
			caps: []string{"cluster-admin", "impersonate"}, judge: judgeClusterAdmin},
		{meta: adminMeta("k8s.rbac-escalation", "A ServiceAccount grants itself more roles", "T1098.006",
			"Account Manipulation: Additional Container Cluster Roles", 0.9,
			"bind and escalate waive RBAC's escalation check, writing bindings grants roles to anyone, and on EKS the aws-auth ConfigMap maps IAM identities to system:masters: each is a way to cluster-admin",
			"remove bind, escalate and write access to (Cluster)RoleBindings and aws-auth from the binding, or limit bind by resourceNames to harmless roles"),
			caps: []string{"rbac-bind", "rbac-escalate", "bindings-write", "aws-auth-write"}, judge: judgeEscalation},
		{meta: adminMeta("k8s.rbac-nodes-proxy", "A ServiceAccount reaches the kubelets", "T1609", "Container Administration Command", 0.6,
			"nodes/proxy reaches every kubelet's API, which runs commands in any pod on its node — system add-ons with cluster-wide tokens among them — past the API server's exec authorisation and audit",
			"remove nodes/proxy from the binding"),
			caps: []string{"nodes-proxy"}, judge: fixed(0.6, "some pod on the nodes holds cluster-admin-equivalent credentials (system add-ons usually do)")},
		{meta: adminMeta("k8s.rbac-csr-approve", "A ServiceAccount approves its own client certificate", "T1649",
			"Steal or Forge Authentication Certificates", 0.7,
			"approving a certificate signing request from the kube-apiserver-client signer issues a client certificate for any user and group, system:masters included",
			"remove approve on signers and update on certificatesigningrequests/approval from the binding"),
			caps: []string{"csr-approve"}, judge: judgeCSR},
		{meta: adminMeta("k8s.rbac-admission-webhook", "A ServiceAccount registers a mutating webhook", "T1557", "Adversary-in-the-Middle", 0.5,
			"a mutating admission webhook sees and rewrites every object it registers for: it adds a privileged container or a strong ServiceAccount to each new pod",
			"remove write access to mutatingwebhookconfigurations from the binding"),
			caps: []string{"mutating-webhooks-write"}, judge: fixed(0.5, "the attacker serves the webhook from an HTTPS endpoint the API server reaches")},
	}
}

func adminMeta(id, title, tech, techName string, like float64, rationale, control string) paths.Meta {
	return paths.Meta{ID: id, Title: title, Technique: tech, TechniqueName: techName, Likelihood: like,
		Rationale: rationale, Control: control, From: []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Admin}}
}

// judgeClusterAdmin: '*' on '*' cluster-wide is admin (0.95); impersonation counts only when it reaches
// system:masters (the rbac builder's admin_equivalent), else the impersonate rule handles it.
func judgeClusterAdmin(h held) (float64, []string) {
	switch {
	case h.id == "cluster-admin":
		return 0.95, nil
	case h.adminEq:
		return 0.9, nil
	}
	return 0, nil
}

// judgeEscalation weighs bind, escalate, bindings-write and aws-auth by what the rbac evaluation confirmed.
func judgeEscalation(h held) (float64, []string) {
	var like float64
	var assumed []string
	switch {
	case h.adminEq:
		return 0.9, nil // bind on cluster-admin with create on bindings, or escalate with update: confirmed
	case h.id == "aws-auth-write":
		// Mapping an IAM identity needs credentials of one: an assumption, not a fact of the files.
		like, assumed = 0.6, []string{"the attacker also holds credentials of an IAM identity to map to system:masters in aws-auth"}
	case h.id == "bindings-write":
		like, assumed = 0.25, []string{"bindings-write alone binds only roles whose permissions the subject already holds (RBAC's escalation check): assumed it holds, or can bind, a role worth more"}
	case h.names != nil:
		return 0, nil // bind or escalate limited by resourceNames to roles the evaluation does not find admin-equivalent
	default:
		like, assumed = 0.5, []string{fmt.Sprintf("%s is granted without the matching create on bindings (or update on roles) Seam could find: assumed the attacker obtains it", h.id)}
	}
	if !h.cluster() {
		like *= 0.6
		assumed = append(assumed, namespaced(h))
	}
	return like, assumed
}

// judgeCSR: approving is admin when the evaluation found the signer that issues any identity.
func judgeCSR(h held) (float64, []string) {
	if h.adminEq {
		return 0.7, nil
	}
	return 0.3, []string{"approval is granted for signers Seam cannot tie to cluster-admin certificates: assumed one of them issues a client certificate the API server accepts for a privileged group"}
}

// fixed judges every holder of a capability alike, with one assumption.
func fixed(like float64, assumption string) judge {
	return func(h held) (float64, []string) {
		l, a := like, []string{assumption}
		if !h.cluster() && h.namespace != "" {
			l, a = l*0.6, append(a, namespaced(h))
		}
		return l, a
	}
}
