# METADATA
# title: Lambda functions run on a supported runtime
# description: >-
#   AWS stops applying security patches to a runtime when it is deprecated, and later blocks updates to
#   functions that use it. A function on a deprecated runtime keeps the language's and the OS's known
#   vulnerabilities for good.
# custom:
#   id: SEAM-AWS-LAMBDA-005
#   severity: medium
#   remediation: Move the function to a supported runtime version (for example nodejs22.x, python3.13, java21).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SA-22", "SI-2"]
#     pci-dss: ["6.3.3"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_lambda_function]
#     edges: []
package seam.controls.aws.lambda_runtime

import rego.v1

import data.seam.lib

# deprecated lists runtimes past their deprecation date, from the AWS Lambda developer guide's "Lambda
# runtimes" page (deprecated runtimes table), as of December 2025 (later deprecations, such as nodejs20.x, need adding here).
deprecated := {
	"nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x",
	"nodejs14.x", "nodejs16.x", "nodejs18.x",
	"python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
	"ruby2.5", "ruby2.7",
	"java8",
	"dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet6", "dotnet7",
	"go1.x", "provided",
}

deny contains v if {
	some n in input.nodes
	n.attrs.runtime in deprecated
	v := {"node": n.id, "field": "runtime", "msg": sprintf("%s runs on %s, a deprecated runtime that no longer gets security patches", [n.id, n.attrs.runtime])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.runtime)
	v := {"node": n.id, "field": "runtime", "msg": sprintf("%s may run on a deprecated runtime", [n.id]), "unknown": lib.unknown_msg("runtime", n.attrs.runtime)}
}
