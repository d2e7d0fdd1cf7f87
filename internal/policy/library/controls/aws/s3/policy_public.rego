# METADATA
# title: Bucket policies do not allow everyone
# description: >-
#   An Allow statement whose Principal is "*" (or {"AWS": "*"}) with no condition lets anyone on the
#   internet use the listed actions on the bucket. Only restrict_public_buckets in a public access block
#   neutralises such a statement.
# custom:
#   id: SEAM-AWS-S3-004
#   severity: critical
#   remediation: Name the principals that need access, or narrow the statement with conditions such as aws:SourceArn, aws:SourceVpce or aws:PrincipalOrgID.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6", "AC-21"]
#     pci-dss: ["7.2.1", "1.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore, resource]
#     types: [aws_s3_bucket, aws_s3_account_public_access_block]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_policy_public

import rego.v1

import data.seam.lib
import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	n.type == "aws_s3_bucket"
	not aws.bucket_blocks(n, "restrict_public_buckets")
	some p in aws.bucket_policies(n)
	some [i, s] in aws.statements(p.doc)
	aws.public_statement(s)
	v := {
		"node": p.node, "field": sprintf("%s.Statement[%d]", [p.field, i]), "related": [n.id],
		"msg": sprintf("%s: statement %d allows everyone %v on %s", [p.node, i, aws.actions(s), n.id]),
	}
}

deny contains v if {
	some n in input.nodes
	n.type == "aws_s3_bucket"
	not aws.bucket_blocks(n, "restrict_public_buckets")
	some p in aws.bucket_policies(n)
	lib.unknown(p.doc)
	v := {"node": p.node, "field": p.field, "related": [n.id], "msg": sprintf("%s may allow everyone on %s", [p.node, n.id]), "unknown": lib.unknown_msg(p.field, p.doc)}
}
