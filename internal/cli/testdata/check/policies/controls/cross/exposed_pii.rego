# METADATA
# title: Workloads an attacker reaches do not handle personal data
# description: >-
#   A workload on an attack path from an entry point that reads or writes personal data turns one
#   application flaw into a breach of that data. It takes the graph's paths and its handles edges together:
#   no file-by-file scanner sees both.
# custom:
#   id: SEAM-TEST-CROSS-001
#   severity: critical
#   remediation: Cut the path at its choke point (seam paths), or move the personal data out of the workload's reach.
#   frameworks:
#     nist-800-53: ["AC-6", "SC-7"]
#     pci-dss: ["7.2.1"]
#   select:
#     kinds: [workload]
package seam.controls.cross.exposed_pii

import rego.v1

# The webshop's api (on paths from the internet, handles pii) fails; the worker handles pii but no path
# from an entry point passes through it; the storefront is on no path to data and handles none.
deny contains v if {
	some n in input.nodes
	on_path := [p.id | some p in n.paths; p.role != "target"]
	count(on_path) > 0
	some e in n.out
	e.kind == "handles"
	e.to == "data-class:pii"
	v := {
		"node": n.id,
		"msg": sprintf("%s is on %d attack path(s) and handles personal data", [n.name, count(on_path)]),
		"field": "spec.template.spec.containers[0].image",
		"related": [e.to],
	}
}
