# METADATA
# title: Buckets keep object versions
# description: >-
#   Without versioning an overwrite or delete — by a mistake, a compromised role or ransomware — destroys the
#   only copy of an object. Versioning keeps earlier versions recoverable and is required for replication
#   and object lock.
# custom:
#   id: SEAM-AWS-S3-006
#   severity: medium
#   remediation: Add aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["CP-9", "SI-12"]
#     pci-dss: ["10.3.3"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_s3_bucket]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_versioning

import rego.v1

import data.seam.lib
import data.seam.lib.aws

settings(n) := array.concat(
	[{"node": c.id, "field": "versioning_configuration[0].status", "on": object.get(c.attrs, ["versioning_configuration", 0, "status"], "Disabled")} |
		some c in aws.companions(n, "aws_s3_bucket_versioning")
	],
	[{"node": n.id, "field": "versioning[0].enabled", "on": x} | x := lib.attr(n, ["versioning", 0, "enabled"])],
)

enabled(x) if x == "Enabled"

enabled(x) if lib.is_true(x)

deny contains v if {
	some n in input.nodes
	count(settings(n)) == 0
	v := {"node": n.id, "msg": sprintf("%s does not keep object versions", [n.id])}
}

deny contains v if {
	some n in input.nodes
	some s in settings(n)
	not lib.unknown(s.on)
	not enabled(s.on)
	not other_enabled(n, s)
	v := {"node": s.node, "field": s.field, "related": [n.id], "msg": sprintf("%s does not keep object versions (%v)", [n.id, s.on])}
}

deny contains v if {
	some n in input.nodes
	some s in settings(n)
	lib.unknown(s.on)
	not other_enabled(n, s)
	v := {"node": s.node, "field": s.field, "related": [n.id], "msg": sprintf("%s may not keep object versions", [n.id]), "unknown": lib.unknown_msg(s.field, s.on)}
}

other_enabled(n, s) if {
	some o in settings(n)
	o != s
	enabled(o.on)
}
