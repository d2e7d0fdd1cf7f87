# METADATA
# title: The default security group restricts all traffic
# description: >-
#   Every instance, endpoint or function launched without a security group lands in the VPC's default group.
#   If that group has rules, forgetting to choose a group silently grants network access; with no rules it
#   fails closed.
# custom:
#   id: SEAM-AWS-SG-006
#   severity: medium
#   remediation: Manage aws_default_security_group with no ingress and no egress blocks, and give every resource its own group.
#   frameworks:
#     cis-aws: ["5.4"]
#     nist-800-53: ["SC-7", "AC-4"]
#     pci-dss: ["1.2.1", "1.3.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [network, resource]
#     types: [aws_default_security_group]
#     edges: []
package seam.controls.aws.sg_default_sg

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	some dir in ["ingress", "egress"]
	rules := n.attrs[dir]
	not lib.unknown(rules)
	count(rules) > 0
	v := {"node": n.id, "field": sprintf("%s[0]", [dir]), "msg": sprintf("%s keeps %d %s rule(s) in the default security group", [n.id, count(rules), dir])}
}

deny contains v if {
	some n in input.nodes
	some dir in ["ingress", "egress"]
	lib.unknown(n.attrs[dir])
	v := {"node": n.id, "field": dir, "msg": sprintf("%s may keep %s rules in the default security group", [n.id, dir]), "unknown": lib.unknown_msg(dir, n.attrs[dir])}
}
