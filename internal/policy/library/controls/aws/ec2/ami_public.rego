# METADATA
# title: AMIs are not shared with everyone
# description: >-
#   A launch permission for the group "all" makes the image public: anyone can launch it and read what was
#   baked in, including configuration, keys and application code left on the disk.
# custom:
#   id: SEAM-AWS-EC2-007
#   severity: high
#   remediation: Share images with specific account IDs or an organization ARN, never group = "all".
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-21"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [grant, resource]
#     types: [aws_ami_launch_permission]
#     edges: []
package seam.controls.aws.ec2_ami_public

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	n.attrs.group == "all"
	v := {"node": n.id, "field": "group", "msg": sprintf("%s makes the AMI public (group = \"all\")", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.group)
	v := {"node": n.id, "field": "group", "msg": sprintf("%s may make the AMI public", [n.id]), "unknown": lib.unknown_msg("group", n.attrs.group)}
}
