// Package k8s holds the attack-path rules of Kubernetes: what code running in a pod, or reading its files,
// gets from the pod (its ServiceAccount token, its Secrets, the node under it after an escape), what a node
// gives over the pods that share it, what a ServiceAccount's RBAC lets it take next (Secrets, other
// ServiceAccounts, exec in pods, the cluster), where a Secret's credentials lead, and which pods and stores a
// pod reaches over the network. Rules read the Kubernetes extractor's attributes and the link stage's edges
// (runs-on, can with granted_by, the derived rbac summary, connects-to with credentials_from,
// network-reach, reachable_from_cluster); see docs/design/links-and-iam.md.
//
// Decisions where the platform leaves a choice:
//   - The token of a pod whose ServiceAccount is not in the scanned files is assumed mounted (the Kubernetes
//     default), with a lower likelihood and the assumption. An explicit projected serviceAccountToken volume
//     without an audience is a mounted API token even when automounting is off; one with an audience (Vault,
//     sts.amazonaws.com) is not accepted by the API server and gives nothing here.
//   - The automount control is on the ServiceAccount (one change covers every pod that runs as it) unless the
//     pod itself sets automountServiceAccountToken: true, which only the pod can undo.
//   - A pod with no runs-on edge (no cluster in the scan, or several) escapes to the implicit host
//     k8s:_cluster/Node/default, "the nodes of the cluster", and shares it with every other such pod; a pod
//     on a Fargate profile has no node to escape to.
//   - Administrative control of "the cluster" is the EKS cluster when the scan has exactly one, else the
//     implicit node k8s:_cluster/Cluster/default; either way the step says which and why.
//   - Lateral movement reaches pods only where they have an application foothold (a code flaw, a known
//     vulnerability): every rule from a reach state needs one, and a flat pod network would otherwise make a
//     step from every pod to every pod. Reach to data stores (security groups) is kept as it is.
//   - RBAC controls are on the binding that grants the permission (the first in granted_by, naming the others
//     in the title); removing the subject there breaks every step resting on that binding.
package k8s

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// Rules returns the Kubernetes rules, in a fixed order.
func Rules() []paths.Rule {
	out := []paths.Rule{saToken{}, saTokenFile{}, podSecrets{}, containerEscape{}, nodePodTokens{}, nodePodExec{},
		rbacSecretRead{}, rbacRunAs{}, rbacToken{}, rbacImpersonate{}, rbacPodsExec{}, rbacPodSecrets{}}
	for _, r := range adminRules() {
		out = append(out, r)
	}
	return append(out, secretDatabase{}, lateral{})
}

// podKinds are the Kubernetes kinds whose pods run on nodes (as the identity builder reads them).
var podKinds = map[string]bool{"Pod": true, "Deployment": true, "StatefulSet": true, "DaemonSet": true,
	"ReplicaSet": true, "Job": true, "CronJob": true, "ReplicationController": true}

// isPod reports whether n is a Kubernetes workload: something that runs pods.
func isPod(n *model.Node) bool {
	return n != nil && n.Kind == model.KindWorkload && podKinds[n.Type] && strings.HasPrefix(n.ID, "k8s:")
}

// podOf returns the workload of a state's node, or nil when it is not a Kubernetes workload.
func podOf(c *paths.Context, id string) *model.Node {
	if n := c.Node(id); isPod(n) {
		return n
	}
	return nil
}

// serviceAccountOf returns a pod's ServiceAccount and the uses-identity edge to it.
func serviceAccountOf(c *paths.Context, w *model.Node) (*model.Node, *model.Edge) {
	for _, e := range c.Graph.Out(w.ID) {
		if e.Kind != model.EdgeUsesIdentity {
			continue
		}
		if sa := c.Node(e.To); sa != nil && sa.Type == "ServiceAccount" {
			return sa, e
		}
	}
	return nil, nil
}

// isServiceAccount reports whether a node is a Kubernetes ServiceAccount.
func isServiceAccount(n *model.Node) bool {
	return n != nil && n.Kind == model.KindIdentity && n.Type == "ServiceAccount"
}

// namespaceOf returns a Kubernetes node's namespace.
func namespaceOf(n *model.Node) string { return str(n.Attrs["namespace"]) }

// line returns the line of a field of a Kubernetes object from its "lines" attribute: the key equal to rel
// or ending in "."+rel (the pod-spec prefix differs by kind), else the object's own line.
func line(n *model.Node, rel string) int {
	lines, _ := n.Attrs["lines"].(map[string]any)
	best := ""
	for k := range lines {
		if (k == rel || strings.HasSuffix(k, "."+rel)) && (best == "" || k < best) {
			best = k
		}
	}
	if best != "" {
		if l, ok := toInt(lines[best]); ok && l > 0 {
			return l
		}
	}
	return n.Prov.Line
}

// at is evidence at a field of a Kubernetes object.
func at(n *model.Node, rel, what string) model.Evidence {
	return model.Evidence{File: n.Prov.File, Line: line(n, rel), What: what}
}

// edgeEvidence returns an edge's evidence attribute, or its provenance when it has none.
func edgeEvidence(e *model.Edge, what string) []model.Evidence {
	var out []model.Evidence
	list, _ := e.Attrs["evidence"].([]any)
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			l, _ := toInt(m["line"])
			out = append(out, model.Evidence{File: str(m["file"]), Line: l, What: str(m["what"])})
		}
	}
	if len(out) == 0 {
		out = append(out, link.EvidenceOfEdge(e, what))
	}
	return out
}

// boolAttr reads a boolean attribute: its value, and whether it is set at all.
func boolAttr(v any) (val, set bool) {
	b, ok := v.(bool)
	return b, ok
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string { return link.Strings(v) }

func list(v any) []map[string]any {
	l, _ := v.([]any)
	out := make([]map[string]any, 0, len(l))
	for _, x := range l {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func toInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		return int(x), true
	}
	return 0, false
}

func contains(l []string, v string) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

// uniqueSorted sorts strings and drops repeats.
func uniqueSorted(l []string) []string {
	sort.Strings(l)
	out := l[:0]
	for i, s := range l {
		if i == 0 || s != l[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// edgeAssumptions returns an edge's assumptions attribute.
func edgeAssumptions(e *model.Edge) []string { return strs(e.Attrs["assumptions"]) }
