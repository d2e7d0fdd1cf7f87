# METADATA
# title: API Gateway stages keep access logs
# description: >-
#   Execution and access logs are the record of who called which operation with what result; without them
#   abuse of an API, credential stuffing or data scraping through it cannot be seen or investigated.
# custom:
#   id: SEAM-AWS-APIGW-002
#   severity: medium
#   remediation: Add access_log_settings { destination_arn = <log group ARN>, format = ... } to the stage.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [exposure]
#     types: [aws_api_gateway_stage, aws_apigatewayv2_stage]
#     edges: []
package seam.controls.aws.apigw_access_logs

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	count(lib.blocks(object.get(n.attrs, "access_log_settings", []))) == 0
	v := {"node": n.id, "field": "access_log_settings", "msg": sprintf("%s keeps no access logs", [n.id])}
}

deny contains v if {
	some n in input.nodes
	x := n.attrs.access_log_settings
	lib.unknown(x)
	v := {"node": n.id, "field": "access_log_settings", "msg": sprintf("%s may keep no access logs", [n.id]), "unknown": lib.unknown_msg("access_log_settings", x)}
}
