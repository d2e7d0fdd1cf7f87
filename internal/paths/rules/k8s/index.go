package k8s

import (
	"fmt"
	"sync"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// ImplicitCluster is the node that stands for "the cluster" when the scan has no EKS cluster, or several:
// the Kubernetes objects scanned are taken to be one cluster.
const ImplicitCluster = "k8s:_cluster/Cluster/default"

// ImplicitNodes is the host that stands for the nodes of the cluster when the scan does not say which node
// group a pod runs on (no cluster in the scan, or several).
const ImplicitNodes = "k8s:_cluster/Node/default"

// cluster is the node administrative control of the cluster is about, and what had to be assumed for it.
type cluster struct {
	id, name   string
	assumption string
	evidence   []model.Evidence
}

// clusterOf returns the cluster the Kubernetes objects of the scan belong to.
func clusterOf(c *paths.Context) cluster {
	return c.Cached("k8s.cluster", func() any {
		var eks []*model.Node
		for _, n := range c.Graph.NodesOfKind(model.KindCluster) {
			if n.Type == "aws_eks_cluster" {
				eks = append(eks, n)
			}
		}
		if len(eks) == 1 {
			return cluster{id: eks[0].ID, name: c.Name(eks[0].ID),
				assumption: fmt.Sprintf("the manifests are applied to EKS cluster %s, the only cluster in the scanned files", eks[0].Name),
				evidence:   []model.Evidence{model.EvidenceAt(eks[0].Prov, "EKS cluster "+eks[0].Name)}}
		}
		count := "no EKS cluster"
		if len(eks) > 1 {
			count = fmt.Sprintf("%d EKS clusters", len(eks))
		}
		return cluster{id: ImplicitCluster, name: "the cluster",
			assumption: fmt.Sprintf("the scan has %s, so the Kubernetes objects are taken to be one cluster, %s", count, ImplicitCluster)}
	}).(cluster)
}

// host is a node (group) a pod may run on, with the runs-on edge that says so (nil for ImplicitNodes).
type host struct {
	id   string
	edge *model.Edge
}

// placement is where pods run: the hosts of each pod, and the pods of each host (both sorted by ID).
type placement struct {
	hosts map[string][]host
	pods  map[string][]*model.Node
}

// placementOf indexes runs-on edges once. A pod on a Fargate profile has no host; a pod with no runs-on edge
// runs on ImplicitNodes.
func placementOf(c *paths.Context) *placement {
	return c.Cached("k8s.placement", func() any {
		p := &placement{hosts: map[string][]host{}, pods: map[string][]*model.Node{}}
		for _, w := range c.Graph.NodesOfKind(model.KindWorkload) {
			if !isPod(w) {
				continue
			}
			placed := false
			for _, e := range c.Graph.Out(w.ID) {
				if e.Kind != model.EdgeRunsOn {
					continue
				}
				placed = true
				if h := c.Node(e.To); h == nil || isFargate(h, e) {
					continue
				}
				p.hosts[w.ID] = append(p.hosts[w.ID], host{id: e.To, edge: e})
				p.pods[e.To] = append(p.pods[e.To], w)
			}
			if !placed {
				p.hosts[w.ID] = []host{{id: ImplicitNodes}}
				p.pods[ImplicitNodes] = append(p.pods[ImplicitNodes], w)
			}
		}
		return p
	}).(*placement)
}

// isFargate reports whether a runs-on edge places pods on a Fargate profile: a micro-VM per pod, no node.
func isFargate(h *model.Node, e *model.Edge) bool {
	return h.Type == "aws_eks_fargate_profile" || str(e.Attrs["method"]) == "fargate-profile"
}

// podsByNamespace indexes Kubernetes workloads by namespace, each list sorted by ID.
func podsByNamespace(c *paths.Context) map[string][]*model.Node {
	return c.Cached("k8s.pods-by-namespace", func() any {
		out := map[string][]*model.Node{}
		for _, w := range c.Graph.NodesOfKind(model.KindWorkload) {
			if isPod(w) {
				out[namespaceOf(w)] = append(out[namespaceOf(w)], w)
			}
		}
		return out
	}).(map[string][]*model.Node)
}

// secretsByNamespace indexes Kubernetes Secrets by namespace, each list sorted by ID.
func secretsByNamespace(c *paths.Context) map[string][]*model.Node {
	return c.Cached("k8s.secrets-by-namespace", func() any {
		out := map[string][]*model.Node{}
		for _, n := range c.Graph.NodesOfKind(model.KindDataStore) {
			if n.Type == "Secret" && isK8s(n) {
				out[namespaceOf(n)] = append(out[namespaceOf(n)], n)
			}
		}
		return out
	}).(map[string][]*model.Node)
}

// footholds is the set of Kubernetes workloads that have an application foothold. Reach to a workload
// without one is a dead end (every rule from a reach state needs a foothold), and in a flat pod network
// every pod reaches every other: lateral steps go only to pods with a foothold, which keeps a cluster of
// thousands of pods from making millions of steps that lead nowhere.
func footholds(c *paths.Context) map[string]bool {
	// Foothold sources use the context's cache themselves, and Cached holds its lock while it builds: the
	// cache holds a lazy value, filled outside the lock.
	l := c.Cached("k8s.footholds", func() any { return &lazy{} }).(*lazy)
	l.once.Do(func() {
		l.set = map[string]bool{}
		for _, w := range c.Graph.NodesOfKind(model.KindWorkload) {
			if isPod(w) && len(c.FootholdsOf(w.ID)) > 0 {
				l.set[w.ID] = true
			}
		}
		for _, w := range c.Graph.NodesOfKind(model.KindWorkload) {
			if !l.set[w.ID] {
				continue
			}
			if d, ok := w.Derived["reachable_from_cluster"]; ok {
				if m, _ := d.Value.(map[string]any); m["all_pods"] == true {
					l.open = append(l.open, w)
				}
			}
		}
	})
	return l.set
}

// lazy is the set of workloads with footholds, and those of them no NetworkPolicy isolates.
type lazy struct {
	once sync.Once
	set  map[string]bool
	open []*model.Node
}

// openPods returns the Kubernetes workloads with a foothold that no NetworkPolicy isolates (derived
// reachable_from_cluster with all_pods), sorted by ID.
func openPods(c *paths.Context) []*model.Node {
	footholds(c)
	return c.Cached("k8s.footholds", nil).(*lazy).open
}

// credentialUses indexes the connects-to edges whose credentials come from a Secret, by the Secret, in edge
// order.
func credentialUses(c *paths.Context) map[string][]*model.Edge {
	return c.Cached("k8s.credential-uses", func() any {
		out := map[string][]*model.Edge{}
		for _, e := range c.Graph.Edges() {
			if e.Kind != model.EdgeConnectsTo {
				continue
			}
			if s := str(e.Attrs["credentials_from"]); s != "" {
				out[s] = append(out[s], e)
			}
		}
		return out
	}).(map[string][]*model.Edge)
}

func isK8s(n *model.Node) bool { return len(n.ID) > 4 && n.ID[:4] == "k8s:" }
