# METADATA
# title: Same ID as the built-in IMDSv2 control
# description: Two controls cannot share an ID; the second is a load error at its block (line 1).
# custom:
#   id: SEAM-AWS-EC2-001
#   severity: low
#   remediation: Pick another ID.
#   select:
#     kinds: [workload]
package seam.controls.bad.dup_id

import rego.v1

deny contains {"node": "x", "msg": "x"} if false
