# METADATA
# title: Lambda permissions do not let everyone invoke a function
# description: >-
#   An aws_lambda_permission with principal "*" and no source_arn, source_account or principal_org_id lets
#   any AWS account (and, for function URLs, anyone) invoke the function. A service principal without a
#   source condition has the same confused-deputy problem across accounts.
# custom:
#   id: SEAM-AWS-LAMBDA-004
#   severity: high
#   remediation: Name the calling principal and set source_arn (or source_account / principal_org_id).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant]
#     types: [aws_lambda_permission]
#     edges: []
package seam.controls.aws.lambda_public_permission

import rego.v1

import data.seam.lib

scoped(n) if {
	some key in ["source_arn", "source_account", "principal_org_id"]
	n.attrs[key]
}

deny contains v if {
	some n in input.nodes
	n.attrs.principal == "*"
	not scoped(n)
	v := {"node": n.id, "field": "principal", "msg": sprintf("%s lets every principal invoke %v", [n.id, n.attrs.function_name])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.principal)
	not scoped(n)
	v := {"node": n.id, "field": "principal", "msg": sprintf("%s may let every principal invoke %v", [n.id, n.attrs.function_name]), "unknown": lib.unknown_msg("principal", n.attrs.principal)}
}
