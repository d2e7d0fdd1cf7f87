# METADATA
# title: Buckets block public access
# description: >-
#   S3 Block Public Access is the switch that overrides any ACL or bucket policy that would make a bucket
#   public, so a later mistake in a policy does not publish the data. A bucket is covered by its own public
#   access block with all four settings on, or by the account-level block.
# custom:
#   id: SEAM-AWS-S3-001
#   severity: high
#   remediation: Add aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets = true (or the account-level aws_s3_account_public_access_block).
#   frameworks:
#     cis-aws: ["2.1.4"]
#     nist-800-53: ["AC-3", "AC-21", "SC-7"]
#     pci-dss: ["1.4.1", "7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore, resource]
#     types: [aws_s3_bucket, aws_s3_account_public_access_block]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_public_access_block

import rego.v1

import data.seam.lib
import data.seam.lib.aws

keys := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

account_covers if every k in keys {
	aws.account_blocks(k)
}

buckets := [n | some n in input.nodes; n.type == "aws_s3_bucket"]

deny contains v if {
	some n in buckets
	not account_covers
	count(aws.companions(n, "aws_s3_bucket_public_access_block")) == 0
	v := {"node": n.id, "msg": sprintf("%s has no public access block, and no account-level block covers it", [n.id])}
}

deny contains v if {
	some n in buckets
	not account_covers
	some p in aws.companions(n, "aws_s3_bucket_public_access_block")
	some k in keys
	not aws.account_blocks(k)
	x := object.get(p.attrs, k, false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": p.id, "field": k, "msg": sprintf("%s leaves %s off for %s", [p.id, k, n.id]), "related": [n.id]}
}

deny contains v if {
	some n in buckets
	not account_covers
	some p in aws.companions(n, "aws_s3_bucket_public_access_block")
	some k in keys
	not aws.account_blocks(k)
	x := object.get(p.attrs, k, false)
	lib.unknown(x)
	v := {"node": p.id, "field": k, "msg": sprintf("%s may leave %s off for %s", [p.id, k, n.id]), "unknown": lib.unknown_msg(k, x), "related": [n.id]}
}
