# METADATA
# title: Security groups do not open every port to the internet
# description: >-
#   A rule allowing all protocols (or ports 0–65535) from 0.0.0.0/0 or ::/0 exposes every service on the
#   host, including ones started later and ones that were only meant for localhost.
# custom:
#   id: SEAM-AWS-SG-005
#   severity: critical
#   remediation: Replace the rule with the specific ports the service serves (usually 443 through a load balancer).
#   frameworks:
#     cis-aws: ["5.2", "5.3"]
#     nist-800-53: ["SC-7", "AC-4", "CM-7"]
#     pci-dss: ["1.3.1", "1.4.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [network, resource]
#     types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
#     edges: []
package seam.controls.aws.sg_all_ports

import rego.v1

import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some r in aws.sg_rules(n, "ingress")
	aws.all_ports(r)
	some s in aws.open_sources(r)
	v := {"node": n.id, "field": s.field, "msg": sprintf("%s allows every port from %s", [n.id, s.value])}
}
