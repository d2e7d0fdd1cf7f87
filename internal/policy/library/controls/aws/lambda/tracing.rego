# METADATA
# title: Lambda functions are traced
# description: >-
#   Active X-Ray tracing records each invocation and its calls to other services, which is how an
#   investigation follows a request from an API through the function to the data it touched.
# custom:
#   id: SEAM-AWS-LAMBDA-003
#   severity: low
#   remediation: Set tracing_config { mode = "Active" } and allow xray:PutTraceSegments to the role.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AU-2", "AU-12", "SI-4"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_lambda_function]
#     edges: []
package seam.controls.aws.lambda_tracing

import rego.v1

import data.seam.lib

field := "tracing_config[0].mode"

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, ["tracing_config", 0, "mode"], "PassThrough")
	not lib.unknown(x)
	x != "Active"
	v := {"node": n.id, "field": field, "msg": sprintf("%s is not traced (tracing mode %v)", [n.id, x])}
}

deny contains v if {
	some n in input.nodes
	x := lib.attr(n, ["tracing_config", 0, "mode"])
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s may not be traced", [n.id]), "unknown": lib.unknown_msg(field, x)}
}
