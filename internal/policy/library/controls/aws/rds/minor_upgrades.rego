# METADATA
# title: Databases take minor version upgrades
# description: >-
#   Minor engine versions carry the security fixes for the database engine. With automatic minor upgrades
#   off, known vulnerabilities stay until someone schedules the upgrade by hand.
# custom:
#   id: SEAM-AWS-RDS-006
#   severity: medium
#   remediation: Set auto_minor_version_upgrade = true and choose a maintenance_window.
#   frameworks:
#     cis-aws: ["2.3.2"]
#     nist-800-53: ["SI-2"]
#     pci-dss: ["6.3.3"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_db_instance, aws_rds_cluster_instance]
#     edges: []
package seam.controls.aws.rds_minor_upgrades

import rego.v1

import data.seam.lib

field := "auto_minor_version_upgrade"

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, field, true)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s is %v", [n.id, field, x])}
}

deny contains v if {
	some n in input.nodes
	x := n.attrs[field]
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s must be true, and Seam cannot tell whether it is", [n.id, field]), "unknown": lib.unknown_msg(field, x)}
}
