# METADATA
# title: A CloudTrail trail records the account
# description: >-
#   CloudTrail is the record of every API call: who created the access key, who read the secret, who changed
#   the policy. The 90-day event history is not a trail: it keeps no data events, cannot be sent to a
#   protected bucket and expires.
# custom:
#   id: SEAM-AWS-CT-001
#   severity: high
#   remediation: Add an aws_cloudtrail with is_multi_region_trail = true, log file validation and KMS encryption, ideally as an organization trail.
#   frameworks:
#     cis-aws: ["3.1"]
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, logging]
#     types: [provider.aws, aws_cloudtrail]
#     edges: []
package seam.controls.aws.cloudtrail_present

import rego.v1

present := [x | some x in input.nodes; x.type == "aws_cloudtrail"]

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	count(present) == 0
	v := {"node": p.id, "msg": sprintf("%s: no aws_cloudtrail in the files", [p.id])}
}
