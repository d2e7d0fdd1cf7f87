# METADATA
# title: Secret parameter values are not written in the code
# description: >-
#   A SecureString whose value is a literal in the Terraform files is encrypted in AWS but in clear in the
#   repository, its history and the state. The value should be set outside the code, or generated.
# custom:
#   id: SEAM-AWS-SSM-002
#   severity: medium
#   remediation: Create the parameter with a placeholder and lifecycle { ignore_changes = [value] }, setting the real value out of band, or generate it (random_password) and rotate.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-5", "IA-5(7)"]
#     pci-dss: ["8.6.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_ssm_parameter]
#     edges: []
package seam.controls.aws.ssm_value_in_code

import rego.v1

import data.seam.lib

secret(n) if n.attrs.type == "SecureString"

secret(n) if lib.secret_name(n.attrs.name)

deny contains v if {
	some n in input.nodes
	secret(n)
	some key in ["value", "insecure_value"]
	x := n.attrs[key]
	is_string(x)
	x != ""
	v := {"node": n.id, "field": key, "msg": sprintf("%s has its secret value written in the files", [n.id])}
}

deny contains v if {
	some n in input.nodes
	secret(n)
	some key in ["value", "insecure_value"]
	x := n.attrs[key]
	lib.unknown(x)
	startswith(lib.expr(x), "var.")
	v := {"node": n.id, "field": key, "msg": sprintf("%s may have its secret value in the files", [n.id]), "unknown": sprintf("%s; a variable's value may be a literal in a variable file", [lib.unknown_msg(key, x)])}
}
