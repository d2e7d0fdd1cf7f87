# METADATA
# title: Lambda environment variables hold no plain-text secrets
# description: >-
#   Environment variables are returned in clear by lambda:GetFunctionConfiguration to anyone with read access
#   to the function, shown in the console, and stored in the Terraform state. A password, token or key there
#   is shared far beyond the function.
# custom:
#   id: SEAM-AWS-LAMBDA-002
#   severity: high
#   remediation: Store the secret in Secrets Manager or SSM Parameter Store (SecureString) and pass its ARN or name; read it at start-up with the function's role.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-5", "SC-28"]
#     pci-dss: ["8.6.2", "3.5.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_lambda_function]
#     edges: []
package seam.controls.aws.lambda_env_secrets

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	some key, x in object.get(n.attrs, ["environment", 0, "variables"], {})
	lib.secret_name(key)
	is_string(x)
	x != ""
	not startswith(x, "arn:")
	v := {"node": n.id, "field": sprintf("environment[0].variables.%s", [key]), "msg": sprintf("%s has the secret %s in plain text in its environment", [n.id, key])}
}

deny contains v if {
	some n in input.nodes
	some key, x in object.get(n.attrs, ["environment", 0, "variables"], {})
	lib.secret_name(key)
	lib.unknown(x)
	not lib.reference_expr(x)
	field := sprintf("environment[0].variables.%s", [key])
	v := {"node": n.id, "field": field, "msg": sprintf("%s may have the secret %s in plain text in its environment", [n.id, key]), "unknown": lib.unknown_msg(field, x)}
}

deny contains v if {
	some n in input.nodes
	x := lib.attr(n, ["environment", 0, "variables"])
	lib.unknown(x)
	v := {"node": n.id, "field": "environment[0].variables", "msg": sprintf("%s may have secrets in plain text in its environment", [n.id]), "unknown": lib.unknown_msg("environment[0].variables", x)}
}
