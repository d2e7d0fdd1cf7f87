# METADATA
# title: Databases are not publicly accessible
# description: >-
#   A publicly accessible instance gets a DNS name that resolves to a public address, so one security-group
#   rule away it is on the internet and brute-forced directly. Databases belong in private subnets, reached
#   only by the application tier.
# custom:
#   id: SEAM-AWS-RDS-001
#   severity: critical
#   remediation: Set publicly_accessible = false and place the instance in private subnets.
#   frameworks:
#     cis-aws: ["2.3.3"]
#     nist-800-53: ["SC-7", "AC-3"]
#     pci-dss: ["1.4.4", "1.3.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_db_instance, aws_rds_cluster_instance]
#     edges: []
package seam.controls.aws.rds_public

import rego.v1

import data.seam.lib

field := "publicly_accessible"

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, field, false)
	not lib.unknown(x)
	not lib.is_false(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s is %v", [n.id, field, x])}
}

deny contains v if {
	some n in input.nodes
	x := n.attrs[field]
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s: %s must be false, and Seam cannot tell whether it is", [n.id, field]), "unknown": lib.unknown_msg(field, x)}
}
