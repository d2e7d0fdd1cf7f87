# METADATA
# title: Secrets Manager secrets use a customer managed key
# description: >-
#   Secrets encrypted with the default aws/secretsmanager key can be decrypted by any principal in the
#   account that Secrets Manager lets read them; a customer managed key adds a key policy that names who may
#   decrypt, and its own audit trail.
# custom:
#   id: SEAM-AWS-SM-002
#   severity: low
#   remediation: Set kms_key_id to a customer managed KMS key whose policy names the roles that read the secret.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-12", "SC-28"]
#     pci-dss: ["3.6.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_secretsmanager_secret]
#     edges: []
package seam.controls.aws.secrets_kms

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	not n.attrs.kms_key_id
	v := {"node": n.id, "field": "kms_key_id", "msg": sprintf("%s is encrypted with the default aws/secretsmanager key", [n.id])}
}
