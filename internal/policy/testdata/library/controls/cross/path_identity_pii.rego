# METADATA
# title: Identities on an attack path do not handle personal data
# description: >-
#   An identity an attacker can reach from an entry point and that can read or write personal data turns
#   one application flaw into a breach. No file-by-file scanner sees both halves.
# custom:
#   id: SEAM-CROSS-PATH-001
#   severity: critical
#   remediation: Cut the path at its choke point (seam paths), or scope the identity's grants away from the personal data.
#   frameworks:
#     nist-800-53: ["AC-6", "SC-7"]
#     pci-dss: ["7.2.1"]
#   select:
#     kinds: [identity]
package seam.controls.cross.path_identity_pii

import rego.v1

deny contains v if {
	some n in input.nodes
	count(n.paths) > 0
	pii := [e.to | some e in n.out; e.kind == "handles"; e.to == "data-class:pii"]
	count(pii) > 0
	v := {"node": n.id, "msg": sprintf("%s is on %d attack path(s) and handles personal data", [n.id, count(n.paths)]), "related": pii}
}
