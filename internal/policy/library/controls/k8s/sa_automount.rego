# METADATA
# title: ServiceAccounts do not automount their token by default
# description: >-
#   A ServiceAccount that leaves automountServiceAccountToken unset gives its token to every pod that uses it,
#   including those that never call the API; opting pods in is the safer default.
# custom:
#   id: SEAM-K8S-SA-002
#   severity: low
#   remediation: "Set automountServiceAccountToken: false on the ServiceAccount and true only on pods that call the API."
#   frameworks:
#     cis-kubernetes: ["5.1.6"]
#     nist-800-53: ["AC-6", "IA-5"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [identity]
#     types: [ServiceAccount]
#     edges: []
package seam.controls.k8s.sa_automount

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.type == "ServiceAccount"
	not object.get(n, "implicit", false)
	"api_version" in object.keys(n.attrs)
	x := object.get(n.attrs, "automount_service_account_token", null)
	x != false
	v := k8s.verdict(n, "automountServiceAccountToken", sprintf("%s automounts its token in every pod that uses it", [n.id]), x)
}
