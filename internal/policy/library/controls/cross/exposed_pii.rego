# METADATA
# title: Internet-exposed workloads do not handle personal data
# description: >-
#   A workload the internet reaches and that reads personal data is one application flaw from a breach: the
#   exposure and the data access are each fine in their own file, and dangerous together. Relies on
#   derived.exposure (link/exposure) and the handles edges the link stage derives from connections and the
#   workload's identity's grants (link/handling).
# custom:
#   id: SEAM-CROSS-DATA-001
#   severity: critical
#   remediation: Split the internet-facing part from the part that reads personal data, or scope the workload's identity and connections away from it; put authentication in front of the route.
#   frameworks:
#     nist-800-53: ["AC-6", "SC-7", "AC-4"]
#     pci-dss: ["7.2.1", "1.4.1"]
#   select:
#     kinds: [workload]
#     edges: {out: [handles], neighbours: false}
package seam.controls.cross.exposed_pii

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

deny contains v if {
	some n in input.nodes
	k8s.internet_exposed(n)
	classes := graph.data_classes(n, "read") & {"data-class:pii"}
	count(classes) > 0
	auth := object.get(k8s.derived(n, "exposure"), "authentication", "unknown")
	v := {"node": n.id, "msg": sprintf("%s is reachable from the internet (authentication %s) and reads personal data", [n.id, auth]), "related": sort(classes)}
}
