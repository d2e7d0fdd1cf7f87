# METADATA
# title: Fixture without tests
# description: Lint must say that no _test.rego refers to it.
# custom:
#   id: SEAM-TEST-LINT-003
#   severity: low
#   remediation: None; a fixture.
#   frameworks:
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
package seam.controls.test.untested

import rego.v1

deny contains {"node": "x", "msg": "x"} if false
