# METADATA
# title: Instances require IMDSv2
# description: >-
#   With IMDSv1 allowed, a server-side request forgery in any application on the instance reads the
#   instance role's credentials from the metadata service. IMDSv2's session tokens stop a plain forged GET.
# custom:
#   id: SEAM-AWS-EC2-001
#   severity: high
#   remediation: Set metadata_options { http_tokens = "required" }.
#   frameworks:
#     cis-aws: ["5.6"]
#     nist-800-53: ["AC-3", "SC-7"]
#   select:
#     kinds: [workload]
#     types: [aws_instance, aws_launch_template]
package seam.controls.aws.ec2_imdsv2

import data.seam.lib
import rego.v1

# tokens is the http_tokens setting; AWS's default, when it is not set, allows IMDSv1.
tokens(n) := object.get(n.attrs, ["metadata_options", 0, "http_tokens"], "optional")

# Fails: IMDSv1 explicitly allowed, or no metadata_options at all (AWS's default allows it).
deny contains v if {
	some n in input.nodes
	not lib.unknown(tokens(n))
	tokens(n) != "required"
	v := {"node": n.id, "msg": sprintf("%s allows IMDSv1 (http_tokens is not \"required\")", [n.name]), "field": "metadata_options[0].http_tokens"}
}

# Unknown: the setting comes from a variable Seam could not resolve.
deny contains v if {
	some n in input.nodes
	lib.unknown(tokens(n))
	v := {
		"node": n.id, "msg": sprintf("%s may allow IMDSv1", [n.name]), "field": "metadata_options[0].http_tokens",
		"unknown": sprintf("http_tokens is %s, unknown to Seam", [tokens(n)["$unknown"]]),
	}
}
