# METADATA
# title: Security groups do not allow all egress to the internet
# description: >-
#   Unrestricted egress is what lets a compromised workload download tools, reach command and control and
#   exfiltrate data, and what lets an SSRF reach arbitrary hosts. Egress limited to the ports and destinations
#   the service needs (or to VPC endpoints and a proxy) breaks those steps.
# custom:
#   id: SEAM-AWS-SG-007
#   severity: low
#   remediation: Replace the all-traffic egress rule with the ports and destinations needed (HTTPS to VPC endpoints or a proxy, the database security group).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-7", "SC-7(5)", "AC-4"]
#     pci-dss: ["1.3.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [network]
#     types: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_egress_rule]
#     edges: []
package seam.controls.aws.sg_egress_all

import rego.v1

import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some r in aws.sg_rules(n, "egress")
	aws.all_ports(r)
	some s in aws.open_sources(r)
	v := {"node": n.id, "field": s.field, "msg": sprintf("%s allows all egress to %s", [n.id, s.value])}
}
