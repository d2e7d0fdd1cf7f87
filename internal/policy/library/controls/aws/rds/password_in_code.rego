# METADATA
# title: Database master passwords are not written in the code
# description: >-
#   A literal password (or one from a committed variable file) is readable by everyone with the repository
#   and stays in its history and in the Terraform state. RDS can generate and rotate the master password in
#   Secrets Manager itself.
# custom:
#   id: SEAM-AWS-RDS-008
#   severity: high
#   remediation: Set manage_master_user_password = true (or pass a password from a secret manager at apply time) and rotate the exposed password.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-5", "IA-5(7)"]
#     pci-dss: ["8.3.2", "8.6.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_db_instance, aws_rds_cluster]
#     edges: []
package seam.controls.aws.rds_password_in_code

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	some key in ["password", "master_password"]
	x := n.attrs[key]
	is_string(x)
	x != ""
	v := {"node": n.id, "field": key, "msg": sprintf("%s has its master password written in the files (%s)", [n.id, key])}
}

# A variable may take a literal from a committed .tfvars file Seam did not see or a secret at apply time.
deny contains v if {
	some n in input.nodes
	some key in ["password", "master_password"]
	x := n.attrs[key]
	lib.unknown(x)
	startswith(lib.expr(x), "var.")
	v := {"node": n.id, "field": key, "msg": sprintf("%s may have its master password in the files", [n.id]), "unknown": sprintf("%s; a variable's value may be a literal in a variable file", [lib.unknown_msg(key, x)])}
}
