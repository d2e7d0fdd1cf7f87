# METADATA
# title: Subnets do not give instances public addresses by default
# description: >-
#   map_public_ip_on_launch gives every instance launched in the subnet a public IPv4 address, whether the
#   instance's owner asked for one or not. Public addresses should be a deliberate choice per load balancer or
#   NAT gateway.
# custom:
#   id: SEAM-AWS-VPC-002
#   severity: low
#   remediation: Set map_public_ip_on_launch = false and assign public addresses only where they are needed (load balancers, NAT gateways).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-7"]
#     pci-dss: ["1.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [network]
#     types: [aws_subnet, aws_default_subnet]
#     edges: []
package seam.controls.aws.vpc_subnet_public_ip

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, "map_public_ip_on_launch", n.type == "aws_default_subnet")
	lib.is_true(x)
	v := {"node": n.id, "field": "map_public_ip_on_launch", "msg": sprintf("%s gives every instance launched in it a public IP address", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.map_public_ip_on_launch)
	v := {"node": n.id, "field": "map_public_ip_on_launch", "msg": sprintf("%s may give instances public IP addresses", [n.id]), "unknown": lib.unknown_msg("map_public_ip_on_launch", n.attrs.map_public_ip_on_launch)}
}
