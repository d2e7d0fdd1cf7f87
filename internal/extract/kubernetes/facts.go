package kubernetes

import (
	"fmt"
	"sort"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/seam-sec/seam/internal/model"
)

// ref is an edge to a node that may not be defined in the scanned files; implicit is the node emitted for
// its target when nothing defines it.
type ref struct {
	edge     model.Edge
	implicit model.Node
}

// workloadInfo is what the cross-object pass needs to know about a workload.
type workloadInfo struct {
	node      *model.Node
	namespace string
	podLabels labels.Set
	saID      string
	saLine    int
	automount *bool // pod-level automountServiceAccountToken
}

// selectorInfo is a Service, NetworkPolicy or aggregating ClusterRole waiting for the objects it selects.
type selectorInfo struct {
	from      string
	namespace string // "" matches across namespaces (ClusterRole aggregation)
	selectors []labels.Selector
	edgeKind  model.EdgeKind
	attrs     map[string]any
	line      int
	file      string
}

// built collects the facts of one file before the cross-object pass.
type built struct {
	nodes       []*model.Node
	refs        []ref
	workloads   []*workloadInfo
	routes      []*selectorInfo // Service selectors → workloads
	policies    []*selectorInfo // NetworkPolicy pod selectors → workloads
	aggregates  []*selectorInfo // ClusterRole aggregation rules → ClusterRoles
	saAutomount map[string]*bool
	diags       []model.Diagnostic
	assumptions []model.Assumption
}

// builder turns the objects of one file into facts.
type builder struct {
	built
	file   string
	scopes scopeTable
}

// pendingRefs groups a workload's references by edge key, so that several env entries naming one Secret
// become one edge that lists them all.
type pendingRefs struct {
	order []string
	byKey map[string]*ref
}

func (p *pendingRefs) add(r ref, detail map[string]any) {
	if p.byKey == nil {
		p.byKey = map[string]*ref{}
	}
	k := r.edge.Key()
	if cur, ok := p.byKey[k]; ok {
		cur.edge.Attrs["via"] = append(cur.edge.Attrs["via"].([]any), detail)
		return
	}
	if r.edge.Attrs == nil {
		r.edge.Attrs = map[string]any{}
	}
	r.edge.Attrs["via"] = []any{detail}
	p.byKey[k] = &r
	p.order = append(p.order, k)
}

func (p *pendingRefs) list() []ref {
	out := make([]ref, 0, len(p.order))
	for _, k := range p.order {
		out = append(out, *p.byKey[k])
	}
	return out
}

func prov(file string, line int) model.Provenance {
	return model.Provenance{File: file, Line: line, Extractor: Name}
}

func diag(p string, line int, sev model.Severity, msg string) model.Diagnostic {
	return model.Diagnostic{File: p, Line: line, Severity: sev, Extractor: Name, Message: msg}
}

// objectName returns an object's name; generateName objects are named by their prefix and flagged.
func objectName(m metav1.ObjectMeta) (string, bool) {
	if m.Name != "" {
		return m.Name, false
	}
	return m.GenerateName, m.GenerateName != ""
}

// newNode starts the node of object o: ID, type, provenance and the metadata every object shares. It returns
// nil (with a diagnostic) for an object without a usable name.
func (b *builder) newNode(o *object, kind model.NodeKind) *model.Node {
	name, generated := objectName(o.meta)
	if name == "" || strings.Contains(name, "/") {
		b.diags = append(b.diags, diag(b.file, o.line, model.SeverityWarning,
			fmt.Sprintf("%s without a valid metadata.name (%q); skipped", o.kind, name)))
		return nil
	}
	ns := b.namespaceOf(o)
	if strings.Contains(ns, "/") {
		b.diags = append(b.diags, diag(b.file, o.line, model.SeverityWarning,
			fmt.Sprintf("%s %q has an invalid metadata.namespace (%q); skipped", o.kind, name, ns)))
		return nil
	}
	n := &model.Node{
		ID: model.K8sID(ns, o.kind, name), Kind: kind, Type: o.kind, Name: name,
		Prov:  model.Provenance{File: b.file, Line: o.line, EndLine: o.endLine, Extractor: Name},
		Attrs: map[string]any{"api_version": o.apiVersion},
	}
	if ns != "" {
		n.Attrs["namespace"] = ns
		if o.meta.Namespace == "" {
			n.Attrs["namespace_unset"] = true
		}
	}
	if generated {
		n.Attrs["generate_name"] = true
	}
	if len(o.meta.Labels) > 0 {
		n.Attrs["labels"] = stringMap(o.meta.Labels)
		for k := range o.meta.Labels {
			noteLine(n, o, "metadata", "labels", k)
		}
	}
	if len(o.meta.Annotations) > 0 {
		n.Attrs["annotations"] = annotationsAttr(o.meta.Annotations)
	}
	if o.incomplete != "" {
		n.Attrs["incomplete"] = o.incomplete
	}
	b.nodes = append(b.nodes, n)
	return n
}

// nsOf returns the namespace attribute of a node, "" for a cluster-scoped one.
func nsOf(n *model.Node) string {
	s, _ := n.Attrs["namespace"].(string)
	return s
}

// namespaceOf returns the namespace an object lives in: "" for cluster-scoped kinds, "default" when a
// namespaced object does not say (what kubectl apply does without -n in the default context).
func (b *builder) namespaceOf(o *object) string {
	scope, known := b.scopes.scope(o.group, o.kind)
	if scope == scopeCluster {
		return ""
	}
	if o.meta.Namespace != "" {
		return o.meta.Namespace
	}
	if !known {
		name, _ := objectName(o.meta)
		b.assumptions = append(b.assumptions, model.Assumption{
			Subject: model.K8sID("default", o.kind, name), Attribute: "metadata.namespace",
			Reason:  fmt.Sprintf("the scope of kind %s (%s) is not known: no CustomResourceDefinition for it was scanned", o.kind, o.apiVersion),
			Assumed: "namespaced, in namespace default", Prov: prov(b.file, o.line),
		})
	}
	return "default"
}

// addRef records an edge to a node that may need to be emitted as implicit.
func (b *builder) addRef(from string, kind model.EdgeKind, to model.Node, line int, attrs map[string]any) {
	to.Implicit = true
	to.Prov = prov(b.file, line)
	b.refs = append(b.refs, ref{
		edge:     model.Edge{From: from, To: to.ID, Kind: kind, Attrs: attrs, Prov: prov(b.file, line)},
		implicit: to,
	})
}

// k8sTarget describes a referenced Kubernetes object as the implicit node that stands for it.
func k8sTarget(namespace, kind, name string) model.Node {
	n := model.Node{ID: model.K8sID(namespace, kind, name), Type: kind, Name: name, Kind: kindOf(kind)}
	if namespace != "" {
		n.Attrs = map[string]any{"namespace": namespace}
	}
	return n
}

// kindOf maps a Kubernetes kind to Seam's node kind.
func kindOf(kind string) model.NodeKind {
	switch kind {
	case "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController":
		return model.KindWorkload
	case "Service", "Ingress":
		return model.KindExposure
	case "ServiceAccount", "User", "Group":
		return model.KindIdentity
	case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding":
		return model.KindGrant
	case "NetworkPolicy":
		return model.KindNetwork
	case "Secret", "ConfigMap", "PersistentVolumeClaim":
		return model.KindDataStore
	}
	return model.KindResource
}

// stringMap converts labels, selectors and the like to an attribute.
func stringMap(m map[string]string) map[string]any {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// strings converts a string slice to an attribute list (nil stays nil).
func stringList(s []string) []any {
	if len(s) == 0 {
		return nil
	}
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// sortedKeys returns the union of the key sets of a map of bytes and a map of strings (Secret data and
// stringData, ConfigMap binaryData and data), sorted, as an attribute list.
func sortedKeys(bin map[string][]byte, str map[string]string) []any {
	keys := make([]string, 0, len(bin)+len(str))
	for k := range bin {
		keys = append(keys, k)
	}
	for k := range str {
		if _, dup := bin[k]; !dup {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return stringList(keys)
}

func boolPtr(p *bool) any {
	if p == nil {
		return nil
	}
	return *p
}

func int64Ptr(p *int64) any {
	if p == nil {
		return nil
	}
	return int(*p)
}

func int32Ptr(p *int32) any {
	if p == nil {
		return nil
	}
	return int(*p)
}

func strPtr(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// selectorAttr renders a label selector; nil stays nil.
func selectorAttr(s *metav1.LabelSelector) any {
	if s == nil {
		return nil
	}
	out := map[string]any{"match_labels": stringMap(s.MatchLabels)}
	var exprs []any
	for _, e := range s.MatchExpressions {
		exprs = append(exprs, map[string]any{"key": e.Key, "operator": string(e.Operator), "values": stringList(e.Values)})
	}
	out["match_expressions"] = exprs
	out["string"] = metav1.FormatLabelSelector(s)
	return out
}
