# METADATA
# title: Every custom field wrong
# description: Exercises the metadata checks; every problem is reported at line 1, the block.
# custom:
#   severity: severe
#   frameworks: "cis"
#   select:
#     kinds: [workloads]
#     nodes: [x]
#     edges: [runs, calls-home]
package seam.controls.bad.bad_fields

import rego.v1

allow := true
