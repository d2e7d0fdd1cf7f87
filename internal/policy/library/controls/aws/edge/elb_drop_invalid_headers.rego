# METADATA
# title: Application load balancers drop invalid HTTP headers
# description: >-
#   Headers that are not valid HTTP are a vehicle for request smuggling and desynchronisation between the
#   load balancer and the application. Dropping them at the edge removes that ambiguity.
# custom:
#   id: SEAM-AWS-ELB-003
#   severity: medium
#   remediation: Set drop_invalid_header_fields = true.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-7", "SI-10"]
#     pci-dss: ["6.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [exposure]
#     types: [aws_lb, aws_alb]
#     edges: []
package seam.controls.aws.elb_drop_invalid_headers

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	object.get(n.attrs, "load_balancer_type", "application") == "application"
	x := object.get(n.attrs, "drop_invalid_header_fields", false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": "drop_invalid_header_fields", "msg": sprintf("%s passes invalid HTTP headers to its targets", [n.id])}
}

deny contains v if {
	some n in input.nodes
	object.get(n.attrs, "load_balancer_type", "application") == "application"
	lib.unknown(n.attrs.drop_invalid_header_fields)
	v := {"node": n.id, "field": "drop_invalid_header_fields", "msg": sprintf("%s may pass invalid HTTP headers", [n.id]), "unknown": lib.unknown_msg("drop_invalid_header_fields", n.attrs.drop_invalid_header_fields)}
}
