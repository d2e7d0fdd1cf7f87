# METADATA
# title: AWS Config records resource changes
# description: >-
#   AWS Config keeps the history of every resource's configuration, so an investigation can see when a
#   security group opened or a bucket policy changed, and rules can flag drift from what the code says.
# custom:
#   id: SEAM-AWS-ACCT-002
#   severity: medium
#   remediation: Add aws_config_configuration_recorder with recording_group { all_supported = true, include_global_resource_types = true }, a delivery channel and a recorder status that is enabled.
#   frameworks:
#     cis-aws: ["3.3"]
#     nist-800-53: ["CM-8", "CM-3", "AU-12"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, logging]
#     types: [provider.aws, aws_config_configuration_recorder]
#     edges: []
package seam.controls.aws.account_config_recorder

import rego.v1

import data.seam.lib

present := [x | some x in input.nodes; x.type == "aws_config_configuration_recorder"]

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	count(present) == 0
	v := {"node": p.id, "msg": sprintf("%s: no aws_config_configuration_recorder in the files", [p.id])}
}

deny contains v if {
	some r in present
	lib.is_false(object.get(r.attrs, ["recording_group", 0, "all_supported"], true))
	v := {"node": r.id, "field": "recording_group[0].all_supported", "msg": sprintf("%s records only some resource types", [r.id])}
}
