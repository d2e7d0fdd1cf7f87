# METADATA
# title: Versioned buckets of critical data require MFA to delete versions
# description: >-
#   With MFA delete on, permanently deleting an object version or suspending versioning needs the bucket
#   owner's MFA code, so stolen access keys alone cannot erase the history of card or health data.
# custom:
#   id: SEAM-AWS-S3-010
#   severity: low
#   remediation: Set versioning_configuration { mfa_delete = "Enabled" } in aws_s3_bucket_versioning (applied by the root user with its MFA device).
#   frameworks:
#     cis-aws: ["2.1.2"]
#     nist-800-53: ["CP-9", "IA-2"]
#     pci-dss: []
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_s3_bucket]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_mfa_delete

import rego.v1

import data.seam.lib
import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	lib.critical(n)
	some c in aws.companions(n, "aws_s3_bucket_versioning")
	x := object.get(c.attrs, ["versioning_configuration", 0, "mfa_delete"], "Disabled")
	not lib.unknown(x)
	x != "Enabled"
	v := {"node": c.id, "field": "versioning_configuration[0].mfa_delete", "related": [n.id], "msg": sprintf("%s holds critical data and lets versions be deleted without MFA", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.critical(n)
	some c in aws.companions(n, "aws_s3_bucket_versioning")
	x := c.attrs.versioning_configuration[0].mfa_delete
	lib.unknown(x)
	v := {"node": c.id, "field": "versioning_configuration[0].mfa_delete", "related": [n.id], "msg": sprintf("%s may let versions be deleted without MFA", [n.id]), "unknown": lib.unknown_msg("versioning_configuration[0].mfa_delete", x)}
}
