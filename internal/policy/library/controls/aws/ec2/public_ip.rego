# METADATA
# title: Instances do not get a public IP address
# description: >-
#   An instance with a public address is one security-group rule away from the internet, and is reachable
#   by scanners the moment a rule is widened. Put instances in private subnets behind a load balancer or a
#   bastion service such as Session Manager.
# custom:
#   id: SEAM-AWS-EC2-003
#   severity: medium
#   remediation: Set associate_public_ip_address = false and place the instance in a private subnet.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-7", "AC-4"]
#     pci-dss: ["1.4.1", "1.3.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_instance, aws_launch_template]
#     edges: []
package seam.controls.aws.ec2_public_ip

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	some path in paths(n)
	x := lib.attr(n, path)
	lib.is_true(x)
	v := {"node": n.id, "field": field(path), "msg": sprintf("%s gets a public IP address", [n.id])}
}

deny contains v if {
	some n in input.nodes
	some path in paths(n)
	x := lib.attr(n, path)
	lib.unknown(x)
	v := {"node": n.id, "field": field(path), "msg": sprintf("%s may get a public IP address", [n.id]), "unknown": lib.unknown_msg(field(path), x)}
}

paths(n) := [["associate_public_ip_address"]] if n.type == "aws_instance"

paths(n) := [["network_interfaces", i, "associate_public_ip_address"] |
	some i, _ in lib.blocks(object.get(n.attrs, "network_interfaces", []))
] if n.type == "aws_launch_template"

field(path) := concat("", [sprintf("%v", [p]) | some p in path]) if count(path) == 1

field(path) := sprintf("%s[%d].%s", path) if count(path) == 3
