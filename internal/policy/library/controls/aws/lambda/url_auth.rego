# METADATA
# title: Lambda function URLs require IAM authentication
# description: >-
#   A function URL with authorization_type NONE is a public HTTPS endpoint: anyone who finds the URL invokes
#   the function with its role's permissions. Unless the function is a deliberate public API with its own
#   authentication, that is an unauthenticated entry point into the account.
# custom:
#   id: SEAM-AWS-LAMBDA-001
#   severity: high
#   remediation: Set authorization_type = "AWS_IAM", or front the function with API Gateway or CloudFront and an authorizer.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "IA-2", "SC-7"]
#     pci-dss: ["7.2.1", "6.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [exposure]
#     types: [aws_lambda_function_url]
#     edges: []
package seam.controls.aws.lambda_url_auth

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	n.attrs.authorization_type == "NONE"
	v := {"node": n.id, "field": "authorization_type", "msg": sprintf("%s lets anyone on the internet invoke %v without authentication", [n.id, n.attrs.function_name])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.authorization_type)
	v := {"node": n.id, "field": "authorization_type", "msg": sprintf("%s may let anyone invoke the function", [n.id]), "unknown": lib.unknown_msg("authorization_type", n.attrs.authorization_type)}
}
