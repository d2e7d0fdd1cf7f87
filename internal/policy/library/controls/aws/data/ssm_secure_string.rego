# METADATA
# title: Secret parameters are SecureString
# description: >-
#   A String or StringList parameter is stored and returned in clear, to anyone with ssm:GetParameter, in
#   the console and in the Terraform state. Parameters whose names say they hold a password, token or key
#   must be SecureString, encrypted with KMS.
# custom:
#   id: SEAM-AWS-SSM-001
#   severity: high
#   remediation: Set type = "SecureString" (with key_id for a customer managed key).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-28", "IA-5"]
#     pci-dss: ["3.5.1", "8.3.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_ssm_parameter]
#     edges: []
package seam.controls.aws.ssm_secure_string

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	lib.secret_name(n.attrs.name)
	n.attrs.type in {"String", "StringList"}
	v := {"node": n.id, "field": "type", "msg": sprintf("%s holds a secret (%s) as a plain %s", [n.id, n.attrs.name, n.attrs.type])}
}

deny contains v if {
	some n in input.nodes
	lib.secret_name(n.attrs.name)
	lib.unknown(n.attrs.type)
	v := {"node": n.id, "field": "type", "msg": sprintf("%s may hold a secret in plain text", [n.id]), "unknown": lib.unknown_msg("type", n.attrs.type)}
}
