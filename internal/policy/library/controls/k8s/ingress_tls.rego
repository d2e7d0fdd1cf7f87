# METADATA
# title: Ingresses terminate TLS
# description: >-
#   An Ingress without a tls section serves its hosts over plain HTTP: credentials, session cookies and personal
#   data cross the internet readable and alterable by anyone on the way.
# custom:
#   id: SEAM-K8S-EXP-004
#   severity: medium
#   remediation: Add spec.tls with the hosts and a certificate Secret (cert-manager can issue one), and redirect HTTP to HTTPS.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     pci-dss: ["4.2.1"]
#   select:
#     kinds: [exposure]
#     types: [Ingress]
#     edges: []
package seam.controls.k8s.ingress_tls

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.type == "Ingress"
	not k8s.unknown(object.get(n.attrs, "tls", []))
	count(k8s.list(object.get(n.attrs, "tls", []))) == 0
	hosts := sort({h | some r in k8s.list(object.get(n.attrs, "rules", [])); h := object.get(r, "host", "*")})
	v := k8s.result(n, "spec.rules", sprintf("%s serves %v without TLS", [n.id, hosts]))
}

deny contains v if {
	some n in input.nodes
	n.type == "Ingress"
	tls := object.get(n.attrs, "tls", [])
	k8s.unknown(tls)
	v := k8s.unknown_result(n, "spec.tls", sprintf("%s may serve without TLS", [n.id]), tls)
}
