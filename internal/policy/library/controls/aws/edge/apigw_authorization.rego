# METADATA
# title: API Gateway methods and routes require authorization
# description: >-
#   A method or route with authorization NONE and no API key lets anyone on the internet call the
#   integration behind it — a Lambda function, a service in the VPC, a data store. Unless the operation is
#   deliberately public, it is an unauthenticated entry point.
# custom:
#   id: SEAM-AWS-APIGW-001
#   severity: high
#   remediation: Set authorization to AWS_IAM, COGNITO_USER_POOLS or CUSTOM with an authorizer (authorization_type JWT/AWS_IAM/CUSTOM for HTTP APIs); keep NONE for OPTIONS pre-flight only.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "IA-2"]
#     pci-dss: ["7.2.1", "6.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [exposure]
#     types: [aws_api_gateway_method, aws_apigatewayv2_route]
#     edges: []
package seam.controls.aws.apigw_authorization

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	n.type == "aws_api_gateway_method"
	n.attrs.authorization == "NONE"
	n.attrs.http_method != "OPTIONS"
	not lib.is_true(object.get(n.attrs, "api_key_required", false))
	v := {"node": n.id, "field": "authorization", "msg": sprintf("%s (%s) can be called by anyone without authorization", [n.id, n.attrs.http_method])}
}

deny contains v if {
	some n in input.nodes
	n.type == "aws_apigatewayv2_route"
	object.get(n.attrs, "authorization_type", "NONE") == "NONE"
	not startswith(object.get(n.attrs, "route_key", ""), "OPTIONS ")
	not lib.is_true(object.get(n.attrs, "api_key_required", false))
	v := {"node": n.id, "field": "authorization_type", "msg": sprintf("%s (%v) can be called by anyone without authorization", [n.id, n.attrs.route_key])}
}

deny contains v if {
	some n in input.nodes
	some key in ["authorization", "authorization_type"]
	lib.unknown(n.attrs[key])
	v := {"node": n.id, "field": key, "msg": sprintf("%s may be callable without authorization", [n.id]), "unknown": lib.unknown_msg(key, n.attrs[key])}
}
