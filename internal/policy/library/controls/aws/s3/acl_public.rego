# METADATA
# title: Bucket ACLs do not grant access to everyone
# description: >-
#   The canned ACLs public-read, public-read-write and authenticated-read (any AWS account) open the bucket's
#   objects to the world. An ACL is harmless only where a public access block ignores public ACLs.
# custom:
#   id: SEAM-AWS-S3-003
#   severity: critical
#   remediation: Use acl = "private" (or remove the ACL and set object ownership to BucketOwnerEnforced); share through CloudFront with origin access control.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6"]
#     pci-dss: ["7.2.1", "1.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore, resource]
#     types: [aws_s3_bucket, aws_s3_account_public_access_block]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_acl_public

import rego.v1

import data.seam.lib
import data.seam.lib.aws

public_acls := {"public-read", "public-read-write", "authenticated-read"}

all_users := {"http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}

# acls(n) lists the ACL settings of bucket n: the inline acl and each aws_s3_bucket_acl companion.
acls(n) := array.concat(
	[{"node": n.id, "attrs": n.attrs} | n.attrs.acl],
	[{"node": a.id, "attrs": a.attrs} | some a in aws.companions(n, "aws_s3_bucket_acl")],
)

deny contains v if {
	some n in input.nodes
	n.type == "aws_s3_bucket"
	not aws.bucket_blocks(n, "ignore_public_acls")
	some a in acls(n)
	some r in findings(a)
	v := object.union(r, {"related": [n.id]})
}

findings(a) := {r |
	a.attrs.acl in public_acls
	r := {"node": a.node, "field": "acl", "msg": sprintf("%s grants %s", [a.node, a.attrs.acl])}
} | {r |
	lib.unknown(a.attrs.acl)
	r := {"node": a.node, "field": "acl", "msg": sprintf("%s may grant public access", [a.node]), "unknown": lib.unknown_msg("acl", a.attrs.acl)}
} | {r |
	some i, g in object.get(a.attrs, ["access_control_policy", 0, "grant"], [])
	g.grantee[0].uri in all_users
	r := {"node": a.node, "field": sprintf("access_control_policy[0].grant[%d].grantee[0].uri", [i]), "msg": sprintf("%s grants %s to %s", [a.node, g.permission, g.grantee[0].uri])}
}
