# METADATA
# title: LoadBalancer Services restrict their source ranges
# description: >-
#   A Service of type LoadBalancer gets a cloud load balancer that, without loadBalancerSourceRanges (or a cloud
#   annotation making it internal), is open to the whole internet on every port it lists.
# custom:
#   id: SEAM-K8S-EXP-001
#   severity: medium
#   remediation: Set spec.loadBalancerSourceRanges to the callers' ranges, make the load balancer internal, or route through an Ingress with TLS and authentication.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     pci-dss: ["1.3.1", "1.4.1"]
#   select:
#     kinds: [exposure]
#     types: [Service]
#     edges: []
package seam.controls.k8s.service_load_balancer

import rego.v1

import data.seam.lib.k8s

internal_annotations := {"service.beta.kubernetes.io/aws-load-balancer-internal", "service.beta.kubernetes.io/aws-load-balancer-scheme", "networking.gke.io/load-balancer-type", "service.beta.kubernetes.io/azure-load-balancer-internal"}

deny contains v if {
	some n in input.nodes
	n.type == "Service"
	n.attrs.type == "LoadBalancer"
	count(k8s.list(object.get(n.attrs, "load_balancer_source_ranges", []))) == 0
	not is_internal(n)
	ports := [p.port | some p in object.get(n.attrs, "ports", [])]
	v := k8s.result(n, "spec.type", sprintf("%s is a LoadBalancer open to any source on port(s) %v", [n.id, ports]))
}

is_internal(n) if {
	some k, val in k8s.obj(object.get(n.attrs, "annotations", {}))
	k in internal_annotations
	lower(val) in {"true", "internal"}
}
