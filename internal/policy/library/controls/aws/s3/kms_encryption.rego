# METADATA
# title: Buckets holding sensitive data are encrypted with KMS
# description: >-
#   S3 encrypts every object with S3-managed keys by default, but SSE-S3 adds no access control: anyone who
#   can read an object reads it in the clear. SSE-KMS makes every read of personal, card or health data also
#   need kms:Decrypt on a key whose policy and CloudTrail log the owner controls.
# custom:
#   id: SEAM-AWS-S3-005
#   severity: medium
#   remediation: Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms" and a customer managed kms_master_key_id.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-28", "SC-12"]
#     pci-dss: ["3.5.1", "3.6.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_s3_bucket]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_kms_encryption

import rego.v1

import data.seam.lib
import data.seam.lib.aws

kms := {"aws:kms", "aws:kms:dsse"}

path := ["rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"]

field := "rule[0].apply_server_side_encryption_by_default[0].sse_algorithm"

# settings(n) lists the encryption settings of bucket n as {node, field, value}.
settings(n) := array.concat(
	[{"node": c.id, "field": field, "value": object.get(c.attrs, path, "AES256")} | some c in aws.companions(n, "aws_s3_bucket_server_side_encryption_configuration")],
	[{"node": n.id, "field": concat("", ["server_side_encryption_configuration[0].", field]), "value": x} |
		x := lib.attr(n, array.concat(["server_side_encryption_configuration", 0], path))
	],
)

deny contains v if {
	some n in input.nodes
	lib.sensitive(n)
	count(settings(n)) == 0
	v := {"node": n.id, "msg": sprintf("%s holds sensitive data and has no KMS encryption configuration (S3-managed keys only)", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.sensitive(n)
	some s in settings(n)
	not lib.unknown(s.value)
	not s.value in kms
	v := {"node": s.node, "field": s.field, "related": [n.id], "msg": sprintf("%s holds sensitive data encrypted with %v, not KMS", [n.id, s.value])}
}

deny contains v if {
	some n in input.nodes
	lib.sensitive(n)
	some s in settings(n)
	lib.unknown(s.value)
	v := {"node": s.node, "field": s.field, "related": [n.id], "msg": sprintf("%s may not be encrypted with KMS", [n.id]), "unknown": lib.unknown_msg(s.field, s.value)}
}
