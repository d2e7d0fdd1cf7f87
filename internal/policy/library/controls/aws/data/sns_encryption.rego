# METADATA
# title: SNS topics are encrypted
# description: >-
#   Messages published to an unencrypted topic rest in clear until delivered. Notifications often carry
#   order details, personal data or alert payloads with identifiers; server-side encryption with KMS keeps
#   them unreadable at rest.
# custom:
#   id: SEAM-AWS-SNS-001
#   severity: medium
#   remediation: Set kms_master_key_id (alias/aws/sns or a customer managed key).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-28"]
#     pci-dss: ["3.5.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [resource, datastore]
#     types: [aws_sns_topic]
#     edges: []
package seam.controls.aws.sns_encryption

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	not n.attrs.kms_master_key_id
	v := {"node": n.id, "field": "kms_master_key_id", "msg": sprintf("%s is not encrypted at rest", [n.id])}
}
