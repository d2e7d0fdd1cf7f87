# METADATA
# title: Security groups do not open SSH to the internet
# description: >-
#   SSH open to 0.0.0.0/0 or ::/0 is found by internet-wide scanners within minutes and brute-forced or
#   exploited at every sshd flaw. Administrative access belongs behind Session Manager, a VPN or a bastion
#   that only named addresses reach.
# custom:
#   id: SEAM-AWS-SG-001
#   severity: high
#   remediation: Remove the 0.0.0.0/0 and ::/0 sources for port 22; use SSM Session Manager or restrict the source to known administrator CIDRs.
#   frameworks:
#     cis-aws: ["5.2", "5.3"]
#     nist-800-53: ["SC-7", "AC-17"]
#     pci-dss: ["1.3.1", "1.4.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [network, resource]
#     types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
#     edges: []
package seam.controls.aws.sg_ssh

import rego.v1

import data.seam.lib.aws

ports := {22}

deny contains v if {
	some n in input.nodes
	some f in aws.port_findings(n, ports, "SSH (22)")
	v := f
}
