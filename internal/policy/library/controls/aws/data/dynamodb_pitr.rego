# METADATA
# title: DynamoDB tables have point-in-time recovery
# description: >-
#   Point-in-time recovery restores a table to any second of the last 35 days after a bad deployment, a bulk
#   delete or an attacker's overwrite. Without it only on-demand backups, if any, can bring data back.
# custom:
#   id: SEAM-AWS-DDB-001
#   severity: medium
#   remediation: Add point_in_time_recovery { enabled = true }.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["CP-9", "CP-10"]
#     pci-dss: ["10.3.3", "12.10.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_dynamodb_table]
#     edges: []
package seam.controls.aws.dynamodb_pitr

import rego.v1

import data.seam.lib

field := "point_in_time_recovery[0].enabled"

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, ["point_in_time_recovery", 0, "enabled"], false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s has no point-in-time recovery", [n.id])}
}

deny contains v if {
	some n in input.nodes
	x := lib.attr(n, ["point_in_time_recovery", 0, "enabled"])
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s may have no point-in-time recovery", [n.id]), "unknown": lib.unknown_msg(field, x)}
}
