# METADATA
# title: Buckets of critical data use object lock
# description: >-
#   Object lock (write once, read many) keeps object versions from being deleted or overwritten for a
#   retention period, even by an administrator whose credentials were stolen. For card, health and tier-1
#   data it is what makes a ransomware or sabotage step recoverable.
# custom:
#   id: SEAM-AWS-S3-009
#   severity: medium
#   remediation: Create the bucket with object_lock_enabled = true and add aws_s3_bucket_object_lock_configuration with a default retention.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["CP-9", "SI-7", "AU-9"]
#     pci-dss: ["10.3.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_s3_bucket]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_object_lock

import rego.v1

import data.seam.lib
import data.seam.lib.aws

locked(n) if lib.is_true(n.attrs.object_lock_enabled)

locked(n) if n.attrs.object_lock_configuration[0].object_lock_enabled == "Enabled"

locked(n) if count(aws.companions(n, "aws_s3_bucket_object_lock_configuration")) > 0

deny contains v if {
	some n in input.nodes
	lib.critical(n)
	not locked(n)
	x := object.get(n.attrs, "object_lock_enabled", false)
	not lib.unknown(x)
	v := {"node": n.id, "field": "object_lock_enabled", "msg": sprintf("%s holds critical data without object lock", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.critical(n)
	not locked(n)
	lib.unknown(n.attrs.object_lock_enabled)
	v := {"node": n.id, "field": "object_lock_enabled", "msg": sprintf("%s may hold critical data without object lock", [n.id]), "unknown": lib.unknown_msg("object_lock_enabled", n.attrs.object_lock_enabled)}
}
