# METADATA
# title: Fixture whose tests show only a failing case
# description: Lint must say that no test shows it passing (its one test still passes when deny always holds a result).
# custom:
#   id: SEAM-TEST-LINT-001
#   severity: low
#   remediation: None; a fixture.
#   frameworks:
#     nist-800-53: ["CM-6"]
#   select:
#     kinds: [workload]
#     edges: []
package seam.controls.test.only_fail

import rego.v1

deny contains {"node": n.id, "msg": "bad"} if {
	some n in input.nodes
	n.attrs.bad == true
}
