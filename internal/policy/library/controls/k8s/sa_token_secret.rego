# METADATA
# title: No long-lived ServiceAccount token Secrets
# description: >-
#   A Secret of type kubernetes.io/service-account-token holds a token that never expires and survives pod
#   deletion; bound, projected tokens have replaced it, and a copy in a repository or backup is a standing
#   credential.
# custom:
#   id: SEAM-K8S-SEC-004
#   severity: medium
#   remediation: Delete the Secret and let pods use projected tokens (or the TokenRequest API for an external client).
#   frameworks:
#     nist-800-53: ["IA-5", "AC-2"]
#     pci-dss: ["8.3.9", "8.6.3"]
#   select:
#     kinds: [datastore]
#     types: [Secret]
#     edges: []
package seam.controls.k8s.sa_token_secret

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.type == "Secret"
	object.get(n.attrs, "type", "") == "kubernetes.io/service-account-token"
	v := k8s.result(n, "type", sprintf("%s is a long-lived ServiceAccount token", [n.id]))
}
