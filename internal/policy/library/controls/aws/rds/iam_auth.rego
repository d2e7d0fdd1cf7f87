# METADATA
# title: Databases accept IAM authentication
# description: >-
#   IAM database authentication replaces long-lived database passwords with short-lived tokens tied to an
#   IAM role, so access is granted, reviewed and revoked with the rest of IAM and every connection is
#   attributable.
# custom:
#   id: SEAM-AWS-RDS-005
#   severity: low
#   remediation: Set iam_database_authentication_enabled = true and grant rds-db:connect to the roles that need it.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-2", "IA-5"]
#     pci-dss: ["8.3.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_db_instance, aws_rds_cluster]
#     edges: []
package seam.controls.aws.rds_iam_auth

import rego.v1

import data.seam.lib

field := "iam_database_authentication_enabled"

deny contains v if {
	some n in input.nodes
	n.attrs.engine in {"mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql"}
	x := object.get(n.attrs, field, false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s is %v", [n.id, field, x])}
}

deny contains v if {
	some n in input.nodes
	n.attrs.engine in {"mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql"}
	x := n.attrs[field]
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s must be true, and Seam cannot tell whether it is", [n.id, field]), "unknown": lib.unknown_msg(field, x)}
}
