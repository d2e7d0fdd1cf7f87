# METADATA
# title: Instances and launch templates require IMDSv2
# description: >-
#   With IMDSv1 a single server-side request forgery in any application on the host is enough to read the
#   instance role's credentials from 169.254.169.254. Requiring session tokens (IMDSv2) breaks that step,
#   because a forged GET cannot first make the PUT that obtains a token.
# custom:
#   id: SEAM-AWS-EC2-001
#   severity: high
#   remediation: Set metadata_options { http_tokens = "required" } (or http_endpoint = "disabled").
#   frameworks:
#     cis-aws: ["5.6"]
#     nist-800-53: ["AC-3", "SC-7"]
#     pci-dss: ["2.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_instance, aws_launch_template, aws_launch_configuration]
#     edges: []
package seam.controls.aws.ec2_imdsv2

import rego.v1

import data.seam.lib

field := "metadata_options[0].http_tokens"

deny contains v if {
	some n in input.nodes
	not disabled(n)
	tokens := object.get(n.attrs, ["metadata_options", 0, "http_tokens"], "optional")
	not lib.unknown(tokens)
	tokens != "required"
	not lib.unknown(object.get(n.attrs, "metadata_options", []))
	v := {"node": n.id, "field": field, "msg": sprintf("%s allows IMDSv1 (http_tokens is %q, the default when unset is optional)", [n.id, tokens])}
}

deny contains v if {
	some n in input.nodes
	not disabled(n)
	x := lib.attr(n, ["metadata_options", 0, "http_tokens"])
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s may allow IMDSv1", [n.id]), "unknown": lib.unknown_msg(field, x)}
}

disabled(n) if n.attrs.metadata_options[0].http_endpoint == "disabled"
