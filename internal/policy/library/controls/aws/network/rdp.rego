# METADATA
# title: Security groups do not open RDP to the internet
# description: >-
#   RDP reachable from anywhere is one of the most common ransomware entry points: credential stuffing and
#   RDP vulnerabilities need nothing but the open port. Reach Windows hosts through Fleet Manager, a VPN or
#   a gateway.
# custom:
#   id: SEAM-AWS-SG-002
#   severity: high
#   remediation: Remove the 0.0.0.0/0 and ::/0 sources for port 3389; use Fleet Manager Remote Desktop or restrict the source to known CIDRs.
#   frameworks:
#     cis-aws: ["5.2", "5.3"]
#     nist-800-53: ["SC-7", "AC-17"]
#     pci-dss: ["1.3.1", "1.4.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [network, resource]
#     types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
#     edges: []
package seam.controls.aws.sg_rdp

import rego.v1

import data.seam.lib.aws

ports := {3389}

deny contains v if {
	some n in input.nodes
	some f in aws.port_findings(n, ports, "RDP (3389)")
	v := f
}
