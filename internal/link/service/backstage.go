package service

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/extract/catalog"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// The Backstage annotations the builder reads (https://backstage.io/docs/features/software-catalog/well-known-annotations).
const (
	AnnotationKubernetesID   = "backstage.io/kubernetes-id"
	AnnotationNamespace      = "backstage.io/kubernetes-namespace"
	AnnotationLabelSelector  = "backstage.io/kubernetes-label-selector"
	AnnotationSourceLocation = "backstage.io/source-location"
)

// backstageExtractor is the provenance extractor of Backstage entities.
const backstageExtractor = catalog.Name

// backstageClaims claims what a Component's annotations name: Kubernetes objects by label selector or
// kubernetes-id, and the files under its source location.
func (w *work) backstageClaims(c *model.Node) {
	ann := stringMap(c.Attrs["annotations"])
	ns := ann[AnnotationNamespace]
	switch {
	case ann[AnnotationLabelSelector] != "":
		w.selectorClaims(c, ann[AnnotationLabelSelector], ns)
	case ann[AnnotationKubernetesID] != "":
		w.kubernetesIDClaims(c, ann[AnnotationKubernetesID], ns)
	}
	if loc := ann[AnnotationSourceLocation]; loc != "" {
		w.locationClaims(c, loc)
	}
}

// k8sNodes returns the Kubernetes objects of a namespace ("" for every namespace), sorted by ID.
func (w *work) k8sNodes(ns string) []*model.Node {
	prefix := "k8s:"
	if ns != "" {
		prefix += ns + "/"
	}
	nodes := w.ids.nodes
	lo := sort.Search(len(nodes), func(i int) bool { return nodes[i].ID >= prefix })
	hi := lo
	for hi < len(nodes) && strings.HasPrefix(nodes[hi].ID, prefix) {
		hi++
	}
	return nodes[lo:hi]
}

func inNamespace(ns string) string {
	if ns == "" {
		return "in any namespace"
	}
	return "in namespace " + ns
}

func (w *work) selectorClaims(c *model.Node, expr, ns string) {
	sel, err := ParseSelector(expr)
	if err != nil {
		w.broken(c.ID, link.Link{Method: MethodLabelSelector, Evidence: []model.Evidence{
			link.Evidence(c, fmt.Sprintf("annotation %s: %q", AnnotationLabelSelector, expr))},
			Reason: fmt.Sprintf("the label selector of %s cannot be read: %v", c.ID, err)})
		return
	}
	found := false
	for _, n := range w.k8sNodes(ns) {
		if !claimable(n) || !sel.Matches(stringMap(n.Attrs["labels"])) {
			continue
		}
		found = true
		w.add(c, &claim{node: n, method: MethodLabelSelector, conf: link.High,
			reason: fmt.Sprintf("the labels of %s match the label selector %q of Backstage component %s", n.ID, expr, c.Name),
			evidence: []model.Evidence{
				link.Evidence(c, fmt.Sprintf("annotation %s: %q", AnnotationLabelSelector, expr)),
				link.Evidence(n, "labels of "+n.Type+" "+n.Name),
			}})
	}
	if !found {
		w.broken(c.ID, link.Link{Method: MethodLabelSelector, Evidence: []model.Evidence{
			link.Evidence(c, fmt.Sprintf("annotation %s: %q", AnnotationLabelSelector, expr))},
			Reason: fmt.Sprintf("no Kubernetes object %s matches the label selector %q of %s", inNamespace(ns), expr, c.ID)})
	}
}

// kubernetesIDClaims claims the objects labelled backstage.io/kubernetes-id=<id>, as Backstage's Kubernetes
// plugin finds them; when none is, the workloads named after the id.
func (w *work) kubernetesIDClaims(c *model.Node, id, ns string) {
	what := fmt.Sprintf("annotation %s: %s", AnnotationKubernetesID, id)
	found := false
	for _, n := range w.k8sNodes(ns) {
		if !claimable(n) || stringMap(n.Attrs["labels"])[AnnotationKubernetesID] != id {
			continue
		}
		found = true
		w.add(c, &claim{node: n, method: MethodKubernetesID, conf: link.Certain,
			reason: fmt.Sprintf("%s carries the label %s=%s of Backstage component %s", n.ID, AnnotationKubernetesID, id, c.Name),
			evidence: []model.Evidence{link.Evidence(c, what),
				link.Evidence(n, fmt.Sprintf("label %s=%s", AnnotationKubernetesID, id))}})
	}
	if found {
		return
	}
	for _, n := range w.k8sNodes(ns) {
		if n.Kind != model.KindWorkload {
			continue
		}
		labels := stringMap(n.Attrs["labels"])
		by := ""
		switch id {
		case n.Name:
			by = "name"
		case labels["app.kubernetes.io/name"]:
			by = "label app.kubernetes.io/name"
		case labels["app"]:
			by = "label app"
		default:
			continue
		}
		found = true
		text := fmt.Sprintf("the workload whose %s is %s is the one Backstage shows for kubernetes-id %s", by, id, id)
		w.assume(n.ID, "part-of "+c.ID, fmt.Sprintf("no Kubernetes object carries the label %s=%s", AnnotationKubernetesID, id), text, c)
		w.add(c, &claim{node: n, method: MethodKubernetesName, conf: link.Medium,
			reason: fmt.Sprintf("no object carries the label %s=%s, and the %s of %s %s is %s, the kubernetes-id of Backstage component %s",
				AnnotationKubernetesID, id, by, n.Type, n.ID, id, c.Name),
			evidence:    []model.Evidence{link.Evidence(c, what), link.Evidence(n, fmt.Sprintf("%s %s", by, id))},
			assumptions: []string{text}})
	}
	if !found {
		w.broken(c.ID, link.Link{Method: MethodKubernetesID, Evidence: []model.Evidence{link.Evidence(c, what)},
			Reason: fmt.Sprintf("no Kubernetes object %s carries the label %s=%s, and no workload there is named %s",
				inNamespace(ns), AnnotationKubernetesID, id, id)})
	}
}

// locationClaims claims the nodes defined in files under a Component's source location.
func (w *work) locationClaims(c *model.Node, value string) {
	what := fmt.Sprintf("annotation %s: %s", AnnotationSourceLocation, value)
	loc, err := ParseLocation(value, c.Prov.File)
	if err == nil && loc.Dir == "" {
		err = fmt.Errorf("it is the repository root; Seam does not put a whole repository in one component")
	}
	if err != nil {
		w.broken(c.ID, link.Link{Method: MethodSourceLocation, Evidence: []model.Evidence{link.Evidence(c, what)},
			Reason: fmt.Sprintf("the source location of %s is not used: %v", c.ID, err)})
		return
	}
	conf, assumptions := link.High, []string(nil)
	if loc.Repository != "" {
		conf = link.Medium
		assumptions = []string{fmt.Sprintf("the source location's repository %s is the scanned repository", loc.Repository)}
		w.assume(c.ID, "annotations."+AnnotationSourceLocation,
			"a url: source location names a repository, and Seam cannot tell which repository it scans", assumptions[0], c)
	}
	files := w.files.under(loc.Dir)
	for _, file := range files {
		for _, n := range w.files.nodes[file] {
			w.add(c, &claim{node: n, method: MethodSourceLocation, conf: conf, assumptions: assumptions,
				reason: fmt.Sprintf("%s is defined in %s, under %s, the source location of Backstage component %s",
					n.ID, file, loc.Dir, c.Name),
				evidence: []model.Evidence{link.Evidence(c, what), link.Evidence(n, n.Type+" "+n.Name)}})
		}
	}
	if len(files) == 0 {
		w.broken(c.ID, link.Link{Method: MethodSourceLocation, Evidence: []model.Evidence{link.Evidence(c, what)},
			Reason: fmt.Sprintf("no file Seam read is under %s, the source location of %s", loc.Dir, c.ID)})
	}
}

// stringMap reads a map attribute of strings (labels, annotations); other values are skipped.
func stringMap(v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		if s, ok := v.(map[string]string); ok {
			return s
		}
		return nil
	}
	out := make(map[string]string, len(m))
	for k, x := range m {
		if s, ok := x.(string); ok {
			out[k] = s
		}
	}
	return out
}
