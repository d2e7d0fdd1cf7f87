# METADATA
# title: The account blocks S3 public access
# description: >-
#   The account-level S3 Block Public Access settings protect every bucket in the account, including those
#   created later, by other tools or by hand. It is the one setting that keeps a forgotten bucket-level block
#   from becoming a data leak.
# custom:
#   id: SEAM-AWS-S3-002
#   severity: medium
#   remediation: Add aws_s3_account_public_access_block with all four settings true to the account baseline.
#   frameworks:
#     cis-aws: ["2.1.4"]
#     nist-800-53: ["AC-3", "AC-21"]
#     pci-dss: ["1.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, resource]
#     types: [provider.aws, aws_s3_account_public_access_block]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_account_public_access_block

import rego.v1

import data.seam.lib

keys := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

blocks := [b | some b in input.nodes; b.type == "aws_s3_account_public_access_block"]

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	count(blocks) == 0
	v := {"node": p.id, "msg": sprintf("%s: no aws_s3_account_public_access_block in the files", [p.id])}
}

deny contains v if {
	some b in blocks
	some k in keys
	x := object.get(b.attrs, k, false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": b.id, "field": k, "msg": sprintf("%s leaves %s off", [b.id, k])}
}

deny contains v if {
	some b in blocks
	some k in keys
	lib.unknown(b.attrs[k])
	v := {"node": b.id, "field": k, "msg": sprintf("%s may leave %s off", [b.id, k]), "unknown": lib.unknown_msg(k, b.attrs[k])}
}
