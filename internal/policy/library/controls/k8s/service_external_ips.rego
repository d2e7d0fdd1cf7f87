# METADATA
# title: Services do not set externalIPs
# description: >-
#   spec.externalIPs makes every node accept traffic for those addresses; whoever can create a Service can so
#   intercept traffic meant for any IP (CVE-2020-8554).
# custom:
#   id: SEAM-K8S-EXP-003
#   severity: medium
#   remediation: Remove externalIPs; use a LoadBalancer or Ingress, and block the field with an admission policy.
#   frameworks:
#     nist-800-53: ["SC-7", "CM-7"]
#     pci-dss: ["1.3.1"]
#   select:
#     kinds: [exposure]
#     types: [Service]
#     edges: []
package seam.controls.k8s.service_external_ips

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.type == "Service"
	ips := k8s.list(object.get(n.attrs, "external_ips", []))
	count(ips) > 0
	v := k8s.result(n, "spec.externalIPs", sprintf("%s accepts traffic for external IP(s) %v on every node", [n.id, ips]))
}
