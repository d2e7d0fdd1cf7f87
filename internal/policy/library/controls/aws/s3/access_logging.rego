# METADATA
# title: Buckets log access
# description: >-
#   Server access logs (or CloudTrail data events) are the only record of who read or changed which object.
#   Without them an investigation cannot tell whether data left the bucket. Buckets that are themselves the
#   target of access logs are exempt, so logging does not loop.
# custom:
#   id: SEAM-AWS-S3-007
#   severity: low
#   remediation: Add aws_s3_bucket_logging with a target_bucket dedicated to logs.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_s3_bucket]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_access_logging

import rego.v1

import data.seam.lib
import data.seam.lib.aws

log_target(n) if {
	some e in n.in
	e.attrs.attribute == "target_bucket"
}

logged(n) if count(aws.companions(n, "aws_s3_bucket_logging")) > 0

logged(n) if {
	t := n.attrs.logging[0].target_bucket
	not lib.unknown(t)
}

# A trail logging data events of this bucket also records object access.
logged(n) if {
	some e in n.in
	n.neighbours[e.from].type == "aws_cloudtrail"
	regex.match(`^(advanced_)?event_selector`, e.attrs.attribute)
}

deny contains v if {
	some n in input.nodes
	not unknown_target(n)
	not log_target(n)
	not logged(n)
	v := {"node": n.id, "msg": sprintf("%s has no access logging", [n.id])}
}

deny contains v if {
	some n in input.nodes
	x := lib.attr(n, ["logging", 0, "target_bucket"])
	lib.unknown(x)
	not logged(n)
	v := {"node": n.id, "field": "logging[0].target_bucket", "msg": sprintf("%s may have no access logging", [n.id]), "unknown": lib.unknown_msg("logging[0].target_bucket", x)}
}

unknown_target(n) if lib.unknown(lib.attr(n, ["logging", 0, "target_bucket"]))
