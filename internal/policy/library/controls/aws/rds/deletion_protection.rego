# METADATA
# title: Databases have deletion protection
# description: >-
#   Without deletion protection one API call — a mistaken terraform destroy, a renamed resource or an
#   attacker with rds:DeleteDBInstance — removes the database and, unless a final snapshot is kept, its
#   automated backups.
# custom:
#   id: SEAM-AWS-RDS-004
#   severity: medium
#   remediation: Set deletion_protection = true.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["CP-9", "SI-12"]
#     pci-dss: ["10.3.3"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_db_instance, aws_rds_cluster]
#     edges: []
package seam.controls.aws.rds_deletion_protection

import rego.v1

import data.seam.lib

field := "deletion_protection"

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, field, false)
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
