# METADATA
# title: CloudTrail validates its log files
# description: >-
#   Log file validation writes signed digest files, so tampering with or deleting delivered logs — the first
#   thing an intruder with bucket access does — can be proven.
# custom:
#   id: SEAM-AWS-CT-003
#   severity: medium
#   remediation: Set enable_log_file_validation = true.
#   frameworks:
#     cis-aws: ["3.2"]
#     nist-800-53: ["AU-9", "AU-10", "SI-7"]
#     pci-dss: ["10.3.4"]
#     cis-kubernetes: []
#   select:
#     kinds: [logging]
#     types: [aws_cloudtrail]
#     edges: []
package seam.controls.aws.cloudtrail_log_validation

import rego.v1

import data.seam.lib

field := "enable_log_file_validation"

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, field, false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s is %v", [n.id, field, x])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs[field])
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s must be true, and Seam cannot tell whether it is", [n.id, field]), "unknown": lib.unknown_msg(field, n.attrs[field])}
}
