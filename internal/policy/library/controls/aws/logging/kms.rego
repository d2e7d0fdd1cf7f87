# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: >-
#   With SSE-KMS, reading the trail's logs needs kms:Decrypt on a key the security team controls as well as
#   read access to the bucket, which keeps the full history of the account's activity from everyone who
#   merely administers S3.
# custom:
#   id: SEAM-AWS-CT-004
#   severity: medium
#   remediation: Set kms_key_id to a customer managed key whose policy allows CloudTrail to encrypt and only the security team to decrypt.
#   frameworks:
#     cis-aws: ["3.5"]
#     nist-800-53: ["AU-9", "SC-28"]
#     pci-dss: ["10.3.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [logging]
#     types: [aws_cloudtrail]
#     edges: []
package seam.controls.aws.cloudtrail_kms

import rego.v1

deny contains v if {
	some n in input.nodes
	not n.attrs.kms_key_id
	v := {"node": n.id, "field": "kms_key_id", "msg": sprintf("%s does not encrypt its logs with a KMS key", [n.id])}
}
