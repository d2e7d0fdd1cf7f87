package kubernetes

import (
	"fmt"
	"strings"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/seam-sec/seam/internal/model"
)

// builtinClusterRoles are the user-facing roles every cluster has; a binding to one of them (or to any
// "system:" role) refers to a real role even though no file defines it.
var builtinClusterRoles = map[string]bool{"cluster-admin": true, "admin": true, "edit": true, "view": true}

// rulesAttr renders RBAC policy rules.
func rulesAttr(rules []rbacv1.PolicyRule) []any {
	out := make([]any, 0, len(rules))
	for _, r := range rules {
		out = append(out, map[string]any{
			"api_groups": stringList(r.APIGroups), "resources": stringList(r.Resources), "verbs": stringList(r.Verbs),
			"resource_names": stringList(r.ResourceNames), "non_resource_urls": stringList(r.NonResourceURLs),
		})
	}
	return out
}

// addRole builds a Role or ClusterRole (a grant). A ClusterRole's aggregation rule is queued so that it
// references the ClusterRoles it aggregates.
func (b *builder) addRole(o *object, rules []rbacv1.PolicyRule, agg *rbacv1.AggregationRule) {
	n := b.newNode(o, model.KindGrant)
	if n == nil {
		return
	}
	n.Attrs["rules"] = rulesAttr(rules)
	if agg == nil {
		return
	}
	var sels []any
	info := &selectorInfo{from: n.ID, edgeKind: model.EdgeReferences, file: b.file,
		line: lineOr(o, o.line, "aggregationRule"), attrs: map[string]any{"via": "aggregationRule"}}
	for i := range agg.ClusterRoleSelectors {
		ls := &agg.ClusterRoleSelectors[i]
		sels = append(sels, selectorAttr(ls))
		sel, err := metav1.LabelSelectorAsSelector(ls)
		if err != nil {
			b.diags = append(b.diags, diag(b.file, info.line, model.SeverityWarning,
				fmt.Sprintf("ClusterRole %q: invalid aggregation selector (%v)", n.Name, err)))
			continue
		}
		info.selectors = append(info.selectors, sel)
	}
	n.Attrs["aggregation_rule"] = sels
	b.aggregates = append(b.aggregates, info)
}

// addBinding builds a RoleBinding or ClusterRoleBinding (a grant): a references edge to its role and an
// attached-to edge to each subject. Users and groups are cluster-wide identities, "k8s:_cluster/User/<name>".
func (b *builder) addBinding(o *object, ref rbacv1.RoleRef, subjects []rbacv1.Subject) {
	n := b.newNode(o, model.KindGrant)
	if n == nil {
		return
	}
	ns, _ := n.Attrs["namespace"].(string)
	n.Attrs["role_ref"] = map[string]any{"kind": ref.Kind, "name": ref.Name, "api_group": ref.APIGroup}
	if ref.Name != "" && (ref.Kind == "Role" || ref.Kind == "ClusterRole") {
		roleNS := ns
		if ref.Kind == "ClusterRole" {
			roleNS = ""
		}
		target := k8sTarget(roleNS, ref.Kind, ref.Name)
		if ref.Kind == "ClusterRole" && (builtinClusterRoles[ref.Name] || strings.HasPrefix(ref.Name, "system:")) {
			target.Attrs = map[string]any{"builtin": true}
		}
		b.addRef(n.ID, model.EdgeReferences, target, lineOr(o, o.line, "roleRef"), map[string]any{"via": "roleRef"})
	} else {
		b.diags = append(b.diags, diag(b.file, lineOr(o, o.line, "roleRef"), model.SeverityWarning,
			fmt.Sprintf("%s %q: roleRef must name a Role or ClusterRole (got kind %q, name %q)", o.kind, n.Name, ref.Kind, ref.Name)))
	}
	var subs []any
	for i, s := range subjects {
		subs = append(subs, map[string]any{"kind": s.Kind, "name": s.Name, "namespace": s.Namespace, "api_group": s.APIGroup})
		line := lineOr(o, o.line, "subjects", i)
		target, ok := b.subjectTarget(o, n, ns, s, line)
		if ok {
			b.addRef(n.ID, model.EdgeAttachedTo, target, line, nil)
		}
	}
	n.Attrs["subjects"] = subs
}

// subjectTarget returns the node a binding subject stands for. A ServiceAccount subject without a namespace
// takes the RoleBinding's; in a ClusterRoleBinding it is invalid (the API server refuses it).
func (b *builder) subjectTarget(o *object, n *model.Node, ns string, s rbacv1.Subject, line int) (model.Node, bool) {
	switch s.Kind {
	case rbacv1.ServiceAccountKind:
		sns := s.Namespace
		if sns == "" {
			sns = ns
		}
		if sns == "" || s.Name == "" {
			b.diags = append(b.diags, diag(b.file, line, model.SeverityWarning,
				fmt.Sprintf("%s %q: ServiceAccount subject %q has no namespace; skipped", o.kind, n.Name, s.Name)))
			return model.Node{}, false
		}
		return k8sTarget(sns, "ServiceAccount", s.Name), true
	case rbacv1.UserKind, rbacv1.GroupKind:
		if s.Name == "" {
			return model.Node{}, false
		}
		t := k8sTarget("", s.Kind, s.Name)
		if strings.HasPrefix(s.Name, "system:") {
			t.Attrs = map[string]any{"builtin": true}
		}
		return t, true
	}
	b.diags = append(b.diags, diag(b.file, line, model.SeverityWarning,
		fmt.Sprintf("%s %q: subject of unknown kind %q; skipped", o.kind, n.Name, s.Kind)))
	return model.Node{}, false
}
