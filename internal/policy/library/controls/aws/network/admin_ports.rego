# METADATA
# title: Security groups do not open other remote administration ports to the internet
# description: >-
#   Telnet, VNC and WinRM give interactive control of a host, Telnet and plain WinRM without encryption.
#   Open to the internet they are brute-forced like SSH and RDP.
# custom:
#   id: SEAM-AWS-SG-004
#   severity: high
#   remediation: Remove the internet sources for ports 23, 5800, 5900, 5985 and 5986; administer hosts through Session Manager or a VPN.
#   frameworks:
#     cis-aws: ["5.2", "5.3"]
#     nist-800-53: ["SC-7", "AC-17"]
#     pci-dss: ["1.3.1", "1.4.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [network, resource]
#     types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
#     edges: []
package seam.controls.aws.sg_admin_ports

import rego.v1

import data.seam.lib.aws

ports := {23, 5800, 5900, 5985, 5986}

deny contains v if {
	some n in input.nodes
	some f in aws.port_findings(n, ports, "remote administration (Telnet, VNC or WinRM)")
	v := f
}
