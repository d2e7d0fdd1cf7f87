# METADATA
# title: Fails at evaluation time
# description: The complete rule "first" has one value per selected node, a conflict as soon as there are two.
# custom:
#   id: SEAM-TEST-EVAL-001
#   severity: low
#   remediation: None; a fixture.
#   select:
#     kinds: [workload]
package seam.controls.test.conflict

import rego.v1

first := n.id if some n in input.nodes

deny contains {"node": first, "msg": "never"}
