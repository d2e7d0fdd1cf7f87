# METADATA
# title: CloudTrail trails cover every region
# description: >-
#   A single-region trail does not see API calls in other regions, which is exactly where an attacker with
#   stolen keys starts instances or creates resources nobody watches. A multi-region trail also records
#   global service events.
# custom:
#   id: SEAM-AWS-CT-002
#   severity: high
#   remediation: Set is_multi_region_trail = true (and include_global_service_events = true).
#   frameworks:
#     cis-aws: ["3.1"]
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [logging]
#     types: [aws_cloudtrail]
#     edges: []
package seam.controls.aws.cloudtrail_multi_region

import rego.v1

import data.seam.lib

field := "is_multi_region_trail"

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
