# METADATA
# title: Provider blocks hold no static credentials
# description: >-
#   access_key and secret_key written in a provider block are long-lived credentials in the repository, often
#   of a highly privileged user (sometimes the root user, whose keys CIS says must not exist). Anyone with
#   read access to the code holds them.
# custom:
#   id: SEAM-AWS-IAM-009
#   severity: critical
#   remediation: Remove the keys, rotate them, and let the provider take credentials from the environment, a profile or an assumed role.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-5(7)", "IA-5"]
#     pci-dss: ["8.6.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [account]
#     types: [provider.aws]
#     edges: []
package seam.controls.aws.iam_provider_credentials

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	some key in ["access_key", "secret_key"]
	x := n.attrs[key]
	is_string(x)
	x != ""
	v := {"node": n.id, "field": key, "msg": sprintf("%s has a static %s written in the files", [n.id, key])}
}

# A variable may take a literal from a committed .tfvars file Seam did not see.
deny contains v if {
	some n in input.nodes
	some key in ["access_key", "secret_key"]
	x := n.attrs[key]
	lib.unknown(x)
	startswith(lib.expr(x), "var.")
	v := {"node": n.id, "field": key, "msg": sprintf("%s may have a static %s in the files", [n.id, key]), "unknown": sprintf("%s; a variable's value may be a literal in a variable file", [lib.unknown_msg(key, x)])}
}
