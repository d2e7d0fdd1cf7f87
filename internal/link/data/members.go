package data

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// member is a workload of a Backstage Component.
type member struct {
	node     *model.Node
	conf     link.Confidence
	evidence model.Evidence
	how      string
}

// components returns the Components the catalog defines, sorted by ID.
func (w *work) components() []*model.Node {
	var out []*model.Node
	for _, n := range w.g.NodesOfKind(model.KindService) {
		if isCatalog(n) && n.Type == "Component" && !n.Implicit {
			out = append(out, n)
		}
	}
	return out
}

// componentWorkloads finds the workloads of every Component that depends on a matched Resource.
func (w *work) componentWorkloads() {
	for _, c := range w.components() {
		for _, e := range w.g.Out(c.ID) {
			if e.Kind == model.EdgeDependsOn && len(w.matches[e.To]) > 0 {
				w.members[c.ID] = w.workloadsOf(c)
				break
			}
		}
	}
}

// workloadsOf finds a Component's workloads by its Kubernetes annotations, else by its name.
func (w *work) workloadsOf(c *model.Node) []member {
	ann := stringMap(c.Attrs["annotations"])
	ns := ann[annotationNamespace]
	var out []member
	if expr := ann[annotationLabelSelector]; expr != "" {
		sel, ok := parseSelector(expr)
		if !ok {
			w.broken(c.ID, model.EdgeConnectsTo, "", link.Link{Method: methodCatalog,
				Evidence: []model.Evidence{link.Evidence(c, "annotation "+annotationLabelSelector+": "+expr)},
				Reason:   fmt.Sprintf("the label selector %q of Backstage component %s is not a list of key=value pairs", expr, c.Name)})
			return nil
		}
		ev := link.Evidence(c, "annotation "+annotationLabelSelector+": "+expr)
		for _, n := range w.k8sWorkloads(ns) {
			if sel.matches(stringMap(n.Attrs["labels"])) || sel.matches(stringMap(n.Attrs["pod_labels"])) {
				out = append(out, member{node: n, conf: link.High, evidence: ev, how: "its labels match the label selector " + expr})
			}
		}
		return out
	}
	wi := w.workloadIndex()
	if id := ann[annotationKubernetesID]; id != "" {
		ev := link.Evidence(c, "annotation "+annotationKubernetesID+": "+id)
		for _, n := range wi.labelled[id] {
			if inNamespace(n, ns) {
				out = append(out, member{node: n, conf: link.Certain, evidence: ev, how: "it is labelled " + annotationKubernetesID + "=" + id})
			}
		}
		if len(out) > 0 {
			return out
		}
		for _, n := range wi.named[id] {
			if isKubernetes(n) && inNamespace(n, ns) {
				out = append(out, member{node: n, conf: link.Medium, evidence: ev, how: "it is named after the kubernetes-id " + id})
			}
		}
		return out
	}
	ev := link.Evidence(c, "Backstage component "+c.Name)
	for _, n := range wi.named[c.Name] {
		out = append(out, member{node: n, conf: link.Low, evidence: ev, how: "it has the component's name"})
	}
	return out
}

// workloads indexes the workloads by their backstage.io/kubernetes-id label and by the names they go by
// (their own, app.kubernetes.io/name and app labels), each list sorted by ID.
type workloads struct {
	labelled, named map[string][]*model.Node
}

func (w *work) workloadIndex() *workloads {
	if w.wl != nil {
		return w.wl
	}
	wi := &workloads{labelled: map[string][]*model.Node{}, named: map[string][]*model.Node{}}
	for _, n := range w.g.NodesOfKind(model.KindWorkload) {
		if id := stringMap(n.Attrs["labels"])[annotationKubernetesID]; id != "" && isKubernetes(n) {
			wi.labelled[id] = append(wi.labelled[id], n)
		}
		names := map[string]bool{n.Name: true}
		for _, attr := range []string{"labels", "pod_labels"} {
			l := stringMap(n.Attrs[attr])
			names[l["app.kubernetes.io/name"]], names[l["app"]] = true, true
		}
		for _, name := range sortedKeys(names) {
			if name != "" {
				wi.named[name] = append(wi.named[name], n)
			}
		}
	}
	w.wl = wi
	return wi
}

// inNamespace reports whether a Kubernetes object is in ns ("" for any namespace).
func inNamespace(n *model.Node, ns string) bool {
	got, _ := n.Attrs["namespace"].(string)
	return ns == "" || got == ns
}

// k8sWorkloads returns the Kubernetes workloads of a namespace ("" for all).
func (w *work) k8sWorkloads(ns string) []*model.Node {
	var out []*model.Node
	for _, n := range w.g.NodesOfKind(model.KindWorkload) {
		if !isKubernetes(n) {
			continue
		}
		if inNamespace(n, ns) {
			out = append(out, n)
		}
	}
	return out
}

// selector is an equality-based label selector ("app=api,tier=web").
type selector map[string]string

// parseSelector reads an equality-based selector; set-based and negated terms are not supported.
func parseSelector(expr string) (selector, bool) {
	sel := selector{}
	for _, term := range strings.Split(expr, ",") {
		term = strings.TrimSpace(term)
		if strings.Contains(term, "!") {
			return nil, false
		}
		k, v, ok := strings.Cut(term, "=")
		v = strings.TrimPrefix(v, "=")
		if !ok || strings.TrimSpace(k) == "" || strings.ContainsAny(k, " ()") {
			return nil, false
		}
		sel[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return sel, len(sel) > 0
}

func (s selector) matches(labels map[string]string) bool {
	for k, v := range s {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	return len(s) > 0
}

// catalogConnections: a Component that depends on a matched Resource connects its workloads to the stores.
func (w *work) catalogConnections() {
	for _, c := range w.components() {
		for _, e := range w.g.Out(c.ID) {
			ms := w.matches[e.To]
			if e.Kind != model.EdgeDependsOn || len(ms) == 0 {
				continue
			}
			r, _ := w.g.Node(e.To)
			dep := link.EvidenceOfEdge(e, fmt.Sprintf("dependsOn %s", r.Name))
			members := w.members[c.ID]
			if len(members) == 0 {
				w.broken(c.ID, model.EdgeConnectsTo, "", link.Link{Method: methodCatalog, Evidence: []model.Evidence{dep},
					Reason: fmt.Sprintf("Backstage component %s depends on %s, but no workload of the scan is the component's", c.Name, r.Name)})
				continue
			}
			for _, mem := range members {
				for _, m := range ms {
					w.add(mem.node.ID, model.EdgeConnectsTo, m.store.ID, link.Link{Method: methodCatalog,
						Confidence: least(least(mem.conf, m.conf), link.High),
						Reason: fmt.Sprintf("Backstage component %s depends on Resource %s, which is %s; %s is the component's workload (%s)",
							c.Name, r.Name, m.store.ID, mem.node.ID, mem.how),
						Evidence: append([]model.Evidence{dep, mem.evidence}, m.evidence...)})
				}
			}
		}
	}
}
