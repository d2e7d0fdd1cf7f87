# METADATA
# title: Buckets disable ACLs (bucket owner enforced)
# description: >-
#   With object ownership BucketOwnerEnforced, ACLs are ignored and the bucket policy alone decides access,
#   so an uploader cannot make an object public or keep the owner out of it. ObjectWriter and
#   BucketOwnerPreferred keep ACLs alive as a second, rarely reviewed access path.
# custom:
#   id: SEAM-AWS-S3-011
#   severity: low
#   remediation: Set rule { object_ownership = "BucketOwnerEnforced" } in aws_s3_bucket_ownership_controls (the default for new buckets).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_s3_bucket]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_ownership

import rego.v1

import data.seam.lib
import data.seam.lib.aws

field := "rule[0].object_ownership"

deny contains v if {
	some n in input.nodes
	some c in aws.companions(n, "aws_s3_bucket_ownership_controls")
	x := c.attrs.rule[0].object_ownership
	not lib.unknown(x)
	x != "BucketOwnerEnforced"
	v := {"node": c.id, "field": field, "related": [n.id], "msg": sprintf("%s keeps ACLs in force on %s (%s)", [c.id, n.id, x])}
}

deny contains v if {
	some n in input.nodes
	some c in aws.companions(n, "aws_s3_bucket_ownership_controls")
	x := c.attrs.rule[0].object_ownership
	lib.unknown(x)
	v := {"node": c.id, "field": field, "related": [n.id], "msg": sprintf("%s may keep ACLs in force on %s", [c.id, n.id]), "unknown": lib.unknown_msg(field, x)}
}
