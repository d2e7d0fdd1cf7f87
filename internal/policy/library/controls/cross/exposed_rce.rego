# METADATA
# title: Internet-exposed workloads run no package with a code-execution vulnerability
# description: >-
#   A known remote-code-execution vulnerability in a workload the internet reaches is the most likely first step
#   of an attack path; VEX not_affected statements are honoured. Walks workload → image → module → package →
#   vulnerability between the selected nodes and reads derived.exposure.
# custom:
#   id: SEAM-CROSS-VULN-002
#   severity: high
#   remediation: Upgrade the affected package (the affected-by edge names the fixed version), or state not_affected in a VEX document with its justification.
#   frameworks:
#     nist-800-53: ["SI-2", "RA-5"]
#     pci-dss: ["6.3.3"]
#   select:
#     kinds: [workload, image, module, vulnerability]
#     edges: {out: [contains, runs], in: [affected-by], neighbours: false}
package seam.controls.cross.exposed_rce

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	k8s.internet_exposed(n)
	some [p, vid] in graph.rce_vulnerabilities(n)
	v := {"node": n.id, "msg": sprintf("%s is reachable from the internet and runs %s, affected by %s (code execution)", [n.id, p, vid]), "related": [p, vid]}
}
