# METADATA
# title: Databases keep automated backups for at least seven days
# description: >-
#   Automated backups and point-in-time recovery are what restore a database after corruption, a bad
#   migration or ransomware. A retention of 0 turns them off; AWS's default of one day leaves no time to notice
#   a problem that starts on a Friday.
# custom:
#   id: SEAM-AWS-RDS-003
#   severity: medium
#   remediation: Set backup_retention_period = 7 or more (35 for critical data).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["CP-9", "CP-10"]
#     pci-dss: ["10.3.3", "12.10.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_db_instance, aws_rds_cluster]
#     edges: []
package seam.controls.aws.rds_backups

import rego.v1

import data.seam.lib

field := "backup_retention_period"

# Read replicas take their backups from the source, so the setting does not apply to them.
replica(n) if n.attrs.replicate_source_db

deny contains v if {
	some n in input.nodes
	not replica(n)
	x := object.get(n.attrs, field, 1)
	is_number(x)
	x < 7
	v := {"node": n.id, "field": field, "msg": sprintf("%s keeps automated backups for %d day(s)", [n.id, x])}
}

deny contains v if {
	some n in input.nodes
	not replica(n)
	x := n.attrs[field]
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s may keep backups for less than seven days", [n.id]), "unknown": lib.unknown_msg(field, x)}
}
