# METADATA
# title: Fixture with a free-form ID and no framework reference
# description: Lint must flag the ID's form and the missing references; its tests are complete.
# custom:
#   id: MY-CONTROL-1
#   severity: low
#   remediation: None; a fixture.
#   select:
#     kinds: [workload]
#     edges: []
package seam.controls.test.bad_id

import rego.v1

deny contains {"node": n.id, "msg": "bad"} if {
	some n in input.nodes
	n.attrs.bad == true
}
