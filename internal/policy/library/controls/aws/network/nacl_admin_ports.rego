# METADATA
# title: Network ACLs do not admit remote administration from the internet
# description: >-
#   A network ACL that allows 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389) removes the subnet-level layer
#   that should stop administration traffic even when a security group is too open.
# custom:
#   id: SEAM-AWS-VPC-003
#   severity: medium
#   remediation: Deny (or do not allow) ports 22 and 3389 from 0.0.0.0/0 and ::/0 in the network ACL; allow them only from administrator CIDRs.
#   frameworks:
#     cis-aws: ["5.1"]
#     nist-800-53: ["SC-7", "AC-17"]
#     pci-dss: ["1.3.1", "1.4.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [network]
#     types: [aws_network_acl, aws_default_network_acl, aws_network_acl_rule]
#     edges: []
package seam.controls.aws.vpc_nacl_admin_ports

import rego.v1

import data.seam.lib

import data.seam.lib.aws

# rules(n) lists the ingress allow rules of n as {rule, prefix}: inline ingress blocks or the rule resource.
rules(n) := [{"rule": b, "prefix": sprintf("ingress[%d].", [i])} | some i, b in lib.blocks(object.get(n.attrs, "ingress", [])); b.action == "allow"] if n.type != "aws_network_acl_rule"

rules(n) := [{"rule": n.attrs, "prefix": ""} | object.get(n.attrs, "egress", false) == false; n.attrs.rule_action == "allow"] if n.type == "aws_network_acl_rule"

opens(r, port) if aws.all_protocols(r.protocol)

opens(r, port) if {
	r.protocol in {"tcp", "6", 6}
	r.from_port <= port
	port <= r.to_port
}

deny contains v if {
	some n in input.nodes
	some x in rules(n)
	some key in ["cidr_block", "ipv6_cidr_block"]
	aws.world(x.rule[key])
	ports := [sprintf("%d", [port]) | some port in [22, 3389]; opens(x.rule, port)]
	count(ports) > 0
	v := {"node": n.id, "field": concat("", [x.prefix, key]), "msg": sprintf("%s allows port %s from %s", [n.id, concat(" and ", ports), x.rule[key]])}
}
