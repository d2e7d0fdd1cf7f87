package kubernetes

import (
	"fmt"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/seam-sec/seam/internal/model"
)

// addNetworkPolicy builds a NetworkPolicy (a network node) and queues its pod selector for the workloads it
// selects. Policy types follow the API's defaulting: Ingress always, Egress when egress rules are present.
func (b *builder) addNetworkPolicy(o *object, np *networkingv1.NetworkPolicy) {
	n := b.newNode(o, model.KindNetwork)
	if n == nil {
		return
	}
	spec := np.Spec
	types := make([]string, 0, 2)
	for _, t := range spec.PolicyTypes {
		types = append(types, string(t))
	}
	if len(types) == 0 {
		types = append(types, string(networkingv1.PolicyTypeIngress))
		if len(spec.Egress) > 0 {
			types = append(types, string(networkingv1.PolicyTypeEgress))
		}
		n.Attrs["policy_types_defaulted"] = true
	}
	has := func(t networkingv1.PolicyType) bool {
		for _, x := range types {
			if x == string(t) {
				return true
			}
		}
		return false
	}
	n.Attrs["pod_selector"] = selectorAttr(&spec.PodSelector)
	n.Attrs["selects_all_pods"] = len(spec.PodSelector.MatchLabels) == 0 && len(spec.PodSelector.MatchExpressions) == 0
	n.Attrs["policy_types"] = stringList(types)
	var ingress, egress []any
	for _, r := range spec.Ingress {
		ingress = append(ingress, map[string]any{"from": peersAttr(r.From), "ports": npPortsAttr(r.Ports)})
	}
	for _, r := range spec.Egress {
		egress = append(egress, map[string]any{"to": peersAttr(r.To), "ports": npPortsAttr(r.Ports)})
	}
	n.Attrs["ingress"], n.Attrs["egress"] = ingress, egress
	n.Attrs["default_deny_ingress"] = has(networkingv1.PolicyTypeIngress) && len(spec.Ingress) == 0
	n.Attrs["default_deny_egress"] = has(networkingv1.PolicyTypeEgress) && len(spec.Egress) == 0
	sel, err := metav1.LabelSelectorAsSelector(&spec.PodSelector)
	line := lineOr(o, o.line, "spec", "podSelector")
	if err != nil {
		b.diags = append(b.diags, diag(b.file, line, model.SeverityWarning,
			fmt.Sprintf("NetworkPolicy %q: invalid podSelector (%v); the pods it selects are not known", n.Name, err)))
		return
	}
	b.policies = append(b.policies, &selectorInfo{from: n.ID, namespace: nsOf(n),
		selectors: []labels.Selector{sel}, edgeKind: model.EdgeSelects, line: line, file: b.file,
		attrs: map[string]any{"pod_selector": sel.String()}})
}

// peersAttr renders NetworkPolicy peers; an empty list means "from/to anywhere".
func peersAttr(ps []networkingv1.NetworkPolicyPeer) []any {
	out := make([]any, 0, len(ps))
	for _, p := range ps {
		m := map[string]any{"pod_selector": selectorAttr(p.PodSelector), "namespace_selector": selectorAttr(p.NamespaceSelector)}
		if p.IPBlock != nil {
			m["ip_block"] = map[string]any{"cidr": p.IPBlock.CIDR, "except": stringList(p.IPBlock.Except)}
		}
		out = append(out, m)
	}
	return out
}

// npPortsAttr renders NetworkPolicy ports; an empty list means "all ports".
func npPortsAttr(ps []networkingv1.NetworkPolicyPort) []any {
	out := make([]any, 0, len(ps))
	for _, p := range ps {
		m := map[string]any{"protocol": "TCP", "port": nil, "end_port": int32Ptr(p.EndPort)}
		if p.Protocol != nil {
			m["protocol"] = string(*p.Protocol)
		}
		if p.Port != nil {
			m["port"] = intOrString(p.Port.String(), p.Port.Type == 0, int(p.Port.IntVal))
		}
		out = append(out, m)
	}
	return out
}
