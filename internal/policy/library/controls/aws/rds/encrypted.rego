# METADATA
# title: Databases are encrypted at rest
# description: >-
#   Unencrypted storage leaves the data readable in snapshots, which can be copied and shared across
#   accounts, and on the underlying media. Encryption can only be turned on when the database is created, so
#   it must be right in the code.
# custom:
#   id: SEAM-AWS-RDS-002
#   severity: high
#   remediation: Set storage_encrypted = true with a customer managed kms_key_id (a new instance restored from an encrypted snapshot copy for existing ones).
#   frameworks:
#     cis-aws: ["2.3.1"]
#     nist-800-53: ["SC-28", "SC-13"]
#     pci-dss: ["3.5.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_db_instance, aws_rds_cluster]
#     edges: []
package seam.controls.aws.rds_encrypted

import rego.v1

import data.seam.lib

field := "storage_encrypted"

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
