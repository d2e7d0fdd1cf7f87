# METADATA
# title: API Gateway REST stages are traced
# description: >-
#   X-Ray tracing follows a request from the API through its integrations, which shows during an
#   investigation what a suspicious call reached and touched.
# custom:
#   id: SEAM-AWS-APIGW-003
#   severity: low
#   remediation: Set xray_tracing_enabled = true on the stage.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AU-2", "SI-4"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [exposure]
#     types: [aws_api_gateway_stage]
#     edges: []
package seam.controls.aws.apigw_tracing

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, "xray_tracing_enabled", false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": "xray_tracing_enabled", "msg": sprintf("%s is not traced", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.xray_tracing_enabled)
	v := {"node": n.id, "field": "xray_tracing_enabled", "msg": sprintf("%s may not be traced", [n.id]), "unknown": lib.unknown_msg("xray_tracing_enabled", n.attrs.xray_tracing_enabled)}
}
