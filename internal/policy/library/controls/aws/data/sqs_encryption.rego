# METADATA
# title: SQS queues are encrypted
# description: >-
#   Messages in an unencrypted queue rest in clear for up to the retention period. SQS-managed or KMS
#   encryption is free of code changes for consumers.
# custom:
#   id: SEAM-AWS-SQS-001
#   severity: medium
#   remediation: Leave sqs_managed_sse_enabled = true (the default for new queues) or set kms_master_key_id.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-28"]
#     pci-dss: ["3.5.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_sqs_queue]
#     edges: []
package seam.controls.aws.sqs_encryption

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	lib.is_false(object.get(n.attrs, "sqs_managed_sse_enabled", true))
	not n.attrs.kms_master_key_id
	v := {"node": n.id, "field": "sqs_managed_sse_enabled", "msg": sprintf("%s turns server-side encryption off", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.sqs_managed_sse_enabled)
	not n.attrs.kms_master_key_id
	v := {"node": n.id, "field": "sqs_managed_sse_enabled", "msg": sprintf("%s may turn server-side encryption off", [n.id]), "unknown": lib.unknown_msg("sqs_managed_sse_enabled", n.attrs.sqs_managed_sse_enabled)}
}
