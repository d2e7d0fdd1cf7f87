# METADATA
# title: Databases of critical data run in several availability zones
# description: >-
#   A single-AZ instance is down for as long as its availability zone or host is, and a failure during a
#   storage incident can lose recent writes. For tier-1 services and card or health data, a standby in
#   another zone is the difference between a failover and an outage.
# custom:
#   id: SEAM-AWS-RDS-007
#   severity: medium
#   remediation: Set multi_az = true (or use an Aurora cluster with instances in several zones).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["CP-10", "SC-36"]
#     pci-dss: ["12.10.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_db_instance]
#     edges: []
package seam.controls.aws.rds_multi_az

import rego.v1

import data.seam.lib

field := "multi_az"

deny contains v if {
	some n in input.nodes
	lib.critical(n)
	x := object.get(n.attrs, field, false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s is %v", [n.id, field, x])}
}

deny contains v if {
	some n in input.nodes
	lib.critical(n)
	x := n.attrs[field]
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s must be true, and Seam cannot tell whether it is", [n.id, field]), "unknown": lib.unknown_msg(field, x)}
}
