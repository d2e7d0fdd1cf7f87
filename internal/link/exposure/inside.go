package exposure

import (
	"fmt"
	"sort"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// podReach makes network-reach edges to every Kubernetes workload some NetworkPolicy isolates, from each
// workload of the scan its policies admit, and sets "reachable_from_cluster" on every workload: a workload
// no policy selects is reachable from every pod, which is said once instead of an edge per pod.
func (r *run) podReach() {
	for _, t := range r.kube.pods {
		if err := r.ctx.Err(); err != nil {
			return
		}
		w := t.node
		pols := r.kube.ingressPol[w.ID]
		if len(pols) == 0 {
			r.out.derive(w.ID, "reachable_from_cluster", map[string]any{"all_pods": true,
				"reason": fmt.Sprintf("no NetworkPolicy selects %s: every pod in the cluster can reach it", w.ID)}, link.Evidence(w, "no NetworkPolicy"))
			continue
		}
		var sources []string
		for i := range r.kube.pods {
			s := &r.kube.pods[i]
			if s.node.ID != w.ID && r.podToPod(s, &t, pols) {
				sources = append(sources, s.node.ID)
			}
		}
		var names []string
		for _, p := range pols {
			names = append(names, p.node.ID)
		}
		sort.Strings(names)
		r.out.derive(w.ID, "reachable_from_cluster", map[string]any{"all_pods": false, "policies": anyStrings(names),
			"sources": anyStrings(sources),
			"reason":  fmt.Sprintf("NetworkPolicies select %s (%d); workloads of the scanned files they admit: %d", w.ID, len(pols), len(sources))},
			link.Evidence(pols[0].node, "selects the pods"))
	}
}

// podToPod makes the edge s -network-reach-> t when some policy selecting t admits s on one of t's ports.
func (r *run) podToPod(s, t *kubePod, pols []*policy) bool {
	var admitted []int
	var controls []control
	var assumed []string
	out := r.kube.egressPol[s.node.ID]
	if hostNet, _, _ := boolOf(s.node.Attrs["host_network"]); hostNet {
		out = nil
	}
	for _, pp := range t.ports {
		in, ina, inc := r.kube.firstAdmitting(pols, s, pp, false)
		if in == nil {
			continue
		}
		var outc []control
		var outa []string
		if len(out) > 0 {
			var eg *policy
			eg, outa, outc = r.kube.firstAdmitting(out, t, pp, true)
			if eg == nil {
				continue
			}
		}
		if pp.number >= 0 {
			admitted = append(admitted, pp.number)
		}
		controls = append(append(controls, inc...), outc...)
		assumed = append(append(assumed, ina...), outa...)
	}
	if len(controls) == 0 {
		return false
	}
	assumed = sortedUnique(assumed)
	conf := link.High
	if len(assumed) > 0 {
		conf = link.Medium
	}
	ev := []model.Evidence{controls[0].ev, link.Evidence(s.node, "source pods")}
	attrs := map[string]any{"controls": controlsAttr(controls), "via": "network-policy"}
	if len(admitted) > 0 {
		attrs["ports"] = anyInts(sortedInts(admitted))
	}
	r.out.edge(s.node.ID, model.EdgeNetworkReach, t.node.ID, link.Link{Method: "network-policy", Confidence: conf,
		Reason:   fmt.Sprintf("NetworkPolicies select %s and admit pods of %s", t.node.ID, s.node.ID),
		Evidence: ev, Assumptions: assumed, Attrs: attrs})
	return true
}

// firstAdmitting returns the first policy that admits traffic between a pod and another on a port: ingress
// from other to the policy's pods, or (egress) from the policy's pods to other.
func (k *kubeIndex) firstAdmitting(pols []*policy, other *kubePod, pp podPort, egress bool) (*policy, []string, []control) {
	for _, p := range pols {
		if egress {
			if ok, a := k.sends(p, other.src, pp); ok {
				return p, a, []control{p.control("lets its pods send to " + other.node.ID + " on " + pp.String())}
			}
		} else if ok, a := k.admits(p, other.src, pp); ok {
			return p, a, []control{p.control("admits " + other.node.ID + " on " + pp.String())}
		}
	}
	return nil, nil, nil
}

// podEgress sets "egress" on every Kubernetes workload: whether a NetworkPolicy limits its egress, and
// whether the instance metadata service (169.254.169.254, port 80) and the internet stay reachable. A pod on
// the host network is not isolated by NetworkPolicies.
func (r *run) podEgress() {
	for _, w := range r.kube.workloads {
		pols := r.kube.egressPol[w.ID]
		hostNet, _, _ := boolOf(w.Attrs["host_network"])
		if len(pols) == 0 || hostNet {
			reason := fmt.Sprintf("no NetworkPolicy limits the egress of %s", w.ID)
			if hostNet {
				reason = fmt.Sprintf("%s uses the host network, which NetworkPolicies do not isolate", w.ID)
			}
			r.out.derive(w.ID, "egress", map[string]any{"limited": false, "metadata_reachable": true, "internet_reachable": true,
				"reason": reason}, link.Evidence(w, "egress"))
			continue
		}
		meta, internet := false, false
		var names []string
		for _, p := range pols {
			names = append(names, p.node.ID)
			meta = meta || p.egressTo(metadataAddr, 80)
			internet = internet || p.egressTo(publicProbe, 443)
		}
		sort.Strings(names)
		reason := fmt.Sprintf("NetworkPolicies limit the egress of %s and admit 169.254.169.254:80", w.ID)
		if !meta {
			reason = fmt.Sprintf("NetworkPolicies limit the egress of %s and none admits 169.254.169.254:80", w.ID)
		}
		r.out.derive(w.ID, "egress", map[string]any{"limited": true, "metadata_reachable": meta, "internet_reachable": internet,
			"policies": anyStrings(names), "reason": reason}, link.Evidence(pols[0].node, "egress policy"))
	}
}
