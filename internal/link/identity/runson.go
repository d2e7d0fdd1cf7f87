package identity

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// podKinds are the Kubernetes kinds whose pods the scheduler places on nodes.
var podKinds = map[string]bool{"Pod": true, "Deployment": true, "StatefulSet": true, "DaemonSet": true,
	"ReplicaSet": true, "Job": true, "CronJob": true, "ReplicationController": true}

// runsOn links Kubernetes workloads to the hosts their pods run on: a Fargate profile that selects them, else
// the node groups (and self-managed autoscaling groups) of the cluster. The manifests do not say which cluster
// they are applied to; Seam assumes the only EKS cluster of the scan and makes no edge when there are several.
func (w *work) runsOn() {
	var clusters []*model.Node
	for _, c := range w.in.Graph.NodesOfKind(model.KindCluster) {
		if c.Type == "aws_eks_cluster" {
			clusters = append(clusters, c)
		}
	}
	if len(clusters) != 1 {
		return
	}
	cluster := clusters[0]
	var groups, fargate []*model.Node
	for _, e := range w.in.Graph.In(cluster.ID) {
		if e.Kind != model.EdgePartOf {
			continue
		}
		h, ok := w.in.Graph.Node(e.From)
		if !ok || h.Kind != model.KindHost {
			continue
		}
		if h.Type == "aws_eks_fargate_profile" {
			fargate = append(fargate, h)
		} else {
			groups = append(groups, h)
		}
	}
	groups = append(groups, w.selfManaged(cluster)...)
	assumption := fmt.Sprintf("the manifests are applied to EKS cluster %s, the only cluster in the scanned files", cluster.Name)
	for _, wl := range w.in.Graph.NodesOfKind(model.KindWorkload) {
		if !podKinds[wl.Type] {
			continue
		}
		if fp := selectingProfile(wl, fargate); fp != nil {
			w.edge(wl.ID, model.EdgeRunsOn, fp.ID, link.Link{Method: "fargate-profile", Confidence: link.High,
				Evidence:    []model.Evidence{link.Evidence(wl, "pods of "+wl.Type+" "+wl.Name), link.Evidence(fp, "Fargate profile selector")},
				Reason:      fmt.Sprintf("Fargate profile %s selects the pods of %s: each runs in its own micro-VM, with no node to share", fp.Name, wl.Name),
				Assumptions: []string{assumption}})
			continue
		}
		for _, g := range groups {
			w.edge(wl.ID, model.EdgeRunsOn, g.ID, link.Link{Method: "cluster-nodes", Confidence: link.Medium,
				Evidence:    []model.Evidence{link.Evidence(wl, "pods of "+wl.Type+" "+wl.Name), link.Evidence(g, "nodes of cluster "+cluster.Name)},
				Reason:      fmt.Sprintf("the scheduler may place pods of %s on the nodes of %s (no node selector is read)", wl.Name, g.Name),
				Assumptions: []string{assumption}})
		}
	}
}

// selfManaged returns the autoscaling groups tagged as nodes of the cluster (kubernetes.io/cluster/<name>).
func (w *work) selfManaged(cluster *model.Node) []*model.Node {
	var out []*model.Node
	key := "kubernetes.io/cluster/" + cluster.Name
	for _, h := range w.in.Graph.NodesOfKind(model.KindHost) {
		if h.Type != "aws_autoscaling_group" {
			continue
		}
		tags, _ := h.Attrs["tag"].([]any)
		for _, t := range tags {
			if m, ok := t.(map[string]any); ok && m["key"] == key {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

// selectingProfile returns the Fargate profile whose selectors match the workload's namespace and pod labels.
func selectingProfile(wl *model.Node, profiles []*model.Node) *model.Node {
	ns, _ := wl.Attrs["namespace"].(string)
	labels, _ := wl.Attrs["pod_labels"].(map[string]any)
	for _, p := range profiles {
		sels, _ := p.Attrs["selector"].([]any)
		for _, s := range sels {
			m, ok := s.(map[string]any)
			if !ok || !namespaceMatches(m["namespace"], ns) {
				continue
			}
			if labelsMatch(m["labels"], labels) {
				return p
			}
		}
	}
	return nil
}

// namespaceMatches applies a Fargate selector's namespace, which may hold * and ? wildcards.
func namespaceMatches(v any, ns string) bool {
	pat, ok := v.(string)
	if !ok {
		return false
	}
	return link.MatchTokens(strings.NewReplacer("*", "${any}", "?", "${any}").Replace(pat), ns)
}

func labelsMatch(want any, have map[string]any) bool {
	m, ok := want.(map[string]any)
	if !ok {
		return true
	}
	for k, v := range m {
		if have[k] != v {
			return false
		}
	}
	return true
}
