# Tests of the security-group and VPC controls. Nodes are from `seam graph internal/policy/library/testdata/aws
# --format json` (sg.tf) in the policy engine's input shape: bastion opens SSH to 0.0.0.0/0, RDP to ::/0 and
# PostgreSQL to 10.0.0.0/8 only; allopen opens every port; mysql and ssh_rule are standalone rules on it; the
# default group keeps a self rule; vpc main has a flow log and noflow none.
package seam.controls.aws.network_test

import rego.v1

import data.seam.controls.aws.sg_admin_ports
import data.seam.controls.aws.sg_all_ports
import data.seam.controls.aws.sg_database
import data.seam.controls.aws.sg_default_sg
import data.seam.controls.aws.sg_egress_all
import data.seam.controls.aws.sg_rdp
import data.seam.controls.aws.sg_ssh
import data.seam.controls.aws.vpc_flow_logs
import data.seam.controls.aws.vpc_nacl_admin_ports
import data.seam.controls.aws.vpc_subnet_public_ip

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

groups := [bastion, allopen, default_sg, mysql, ssh_rule, egress_rule]

bastion := {
	"id": "aws_security_group.bastion",
	"kind": "network",
	"type": "aws_security_group",
	"file": "sg.tf",
	"line": 3,
	"attrs": {"egress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "protocol": "-1", "to_port": 0}], "ingress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 22, "protocol": "tcp", "to_port": 22}, {"from_port": 3389, "ipv6_cidr_blocks": ["::/0"], "protocol": "tcp", "to_port": 3389}, {"cidr_blocks": ["10.0.0.0/8"], "from_port": 5432, "protocol": "tcp", "to_port": 5432}], "name": "bastion", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

allopen := {
	"id": "aws_security_group.allopen",
	"kind": "network",
	"type": "aws_security_group",
	"file": "sg.tf",
	"line": 31,
	"attrs": {"ingress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "protocol": "-1", "to_port": 0}], "name": "allopen", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "attached-to", "from": "aws_security_group_rule.ssh", "attrs": {"attribute": "security_group_id"}}, {"kind": "attached-to", "from": "aws_vpc_security_group_egress_rule.all", "attrs": {"attribute": "security_group_id"}}, {"kind": "attached-to", "from": "aws_vpc_security_group_ingress_rule.mysql", "attrs": {"attribute": "security_group_id"}}],
	"neighbours": {
		"aws_security_group_rule.ssh": {"id": "aws_security_group_rule.ssh", "kind": "network", "type": "aws_security_group_rule", "attrs": {"cidr_blocks": ["0.0.0.0/0"], "from_port": 22, "protocol": "tcp", "security_group_id": {"$unknown": "aws_security_group.allopen.id"}, "tags_all": {"owner": "platform"}, "to_port": 22, "type": "ingress"}},
		"aws_vpc_security_group_egress_rule.all": {"id": "aws_vpc_security_group_egress_rule.all", "kind": "network", "type": "aws_vpc_security_group_egress_rule", "attrs": {"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1", "security_group_id": {"$unknown": "aws_security_group.allopen.id"}, "tags_all": {"owner": "platform"}}},
		"aws_vpc_security_group_ingress_rule.mysql": {"id": "aws_vpc_security_group_ingress_rule.mysql", "kind": "network", "type": "aws_vpc_security_group_ingress_rule", "attrs": {"cidr_ipv4": "0.0.0.0/0", "from_port": 3306, "ip_protocol": "tcp", "security_group_id": {"$unknown": "aws_security_group.allopen.id"}, "tags_all": {"owner": "platform"}, "to_port": 3306}},
	},
}

default_sg := {
	"id": "aws_default_security_group.default",
	"kind": "resource",
	"type": "aws_default_security_group",
	"file": "sg.tf",
	"line": 41,
	"attrs": {"ingress": [{"from_port": 0, "protocol": -1, "self": true, "to_port": 0}], "tags_all": {"owner": "platform"}, "vpc_id": {"$unknown": "aws_vpc.main.id"}},
	"out": [{"kind": "references", "to": "aws_vpc.main", "attrs": {"attribute": "vpc_id"}}],
	"in": [],
	"neighbours": {
		"aws_vpc.main": {"id": "aws_vpc.main", "kind": "network", "type": "aws_vpc", "attrs": {"cidr_block": "10.0.0.0/16", "tags_all": {"owner": "platform"}}},
	},
}

mysql := {
	"id": "aws_vpc_security_group_ingress_rule.mysql",
	"kind": "network",
	"type": "aws_vpc_security_group_ingress_rule",
	"file": "sg.tf",
	"line": 65,
	"attrs": {"cidr_ipv4": "0.0.0.0/0", "from_port": 3306, "ip_protocol": "tcp", "security_group_id": {"$unknown": "aws_security_group.allopen.id"}, "tags_all": {"owner": "platform"}, "to_port": 3306},
	"out": [{"kind": "attached-to", "to": "aws_security_group.allopen", "attrs": {"attribute": "security_group_id"}}],
	"in": [],
	"neighbours": {
		"aws_security_group.allopen": {"id": "aws_security_group.allopen", "kind": "network", "type": "aws_security_group", "attrs": {"ingress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "protocol": "-1", "to_port": 0}], "name": "allopen", "tags_all": {"owner": "platform"}}},
	},
}

ssh_rule := {
	"id": "aws_security_group_rule.ssh",
	"kind": "network",
	"type": "aws_security_group_rule",
	"file": "sg.tf",
	"line": 73,
	"attrs": {"cidr_blocks": ["0.0.0.0/0"], "from_port": 22, "protocol": "tcp", "security_group_id": {"$unknown": "aws_security_group.allopen.id"}, "tags_all": {"owner": "platform"}, "to_port": 22, "type": "ingress"},
	"out": [{"kind": "attached-to", "to": "aws_security_group.allopen", "attrs": {"attribute": "security_group_id"}}],
	"in": [],
	"neighbours": {
		"aws_security_group.allopen": {"id": "aws_security_group.allopen", "kind": "network", "type": "aws_security_group", "attrs": {"ingress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "protocol": "-1", "to_port": 0}], "name": "allopen", "tags_all": {"owner": "platform"}}},
	},
}

egress_rule := {
	"id": "aws_vpc_security_group_egress_rule.all",
	"kind": "network",
	"type": "aws_vpc_security_group_egress_rule",
	"file": "sg.tf",
	"line": 117,
	"attrs": {"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1", "security_group_id": {"$unknown": "aws_security_group.allopen.id"}, "tags_all": {"owner": "platform"}},
	"out": [{"kind": "attached-to", "to": "aws_security_group.allopen", "attrs": {"attribute": "security_group_id"}}],
	"in": [],
	"neighbours": {
		"aws_security_group.allopen": {"id": "aws_security_group.allopen", "kind": "network", "type": "aws_security_group", "attrs": {"ingress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "protocol": "-1", "to_port": 0}], "name": "allopen", "tags_all": {"owner": "platform"}}},
	},
}

main_vpc := {
	"id": "aws_vpc.main",
	"kind": "network",
	"type": "aws_vpc",
	"file": "sg.tf",
	"line": 51,
	"attrs": {"cidr_block": "10.0.0.0/16", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "logs-to", "to": "aws_flow_log.main", "attrs": {"attribute": "vpc_id"}}],
	"in": [{"kind": "references", "from": "aws_default_security_group.default", "attrs": {"attribute": "vpc_id"}}, {"kind": "member-of", "from": "aws_network_acl.public", "attrs": {"attribute": "vpc_id"}}, {"kind": "member-of", "from": "aws_subnet.public", "attrs": {"attribute": "vpc_id"}}],
	"neighbours": {
		"aws_default_security_group.default": {"id": "aws_default_security_group.default", "kind": "resource", "type": "aws_default_security_group", "attrs": {"ingress": [{"from_port": 0, "protocol": -1, "self": true, "to_port": 0}], "tags_all": {"owner": "platform"}, "vpc_id": {"$unknown": "aws_vpc.main.id"}}},
		"aws_flow_log.main": {"id": "aws_flow_log.main", "kind": "logging", "type": "aws_flow_log", "attrs": {"log_destination": {"$unknown": "aws_s3_bucket.logs.arn"}, "tags_all": {"owner": "platform"}, "traffic_type": "ALL", "vpc_id": {"$unknown": "aws_vpc.main.id"}}},
		"aws_network_acl.public": {"id": "aws_network_acl.public", "kind": "network", "type": "aws_network_acl", "attrs": {"ingress": [{"action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 22, "protocol": "tcp", "rule_no": 100, "to_port": 22}, {"action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 443, "protocol": "tcp", "rule_no": 110, "to_port": 443}], "tags_all": {"owner": "platform"}, "vpc_id": {"$unknown": "aws_vpc.main.id"}}},
		"aws_subnet.public": {"id": "aws_subnet.public", "kind": "network", "type": "aws_subnet", "attrs": {"cidr_block": "10.0.1.0/24", "map_public_ip_on_launch": true, "tags_all": {"owner": "platform"}, "vpc_id": {"$unknown": "aws_vpc.main.id"}}},
	},
}

noflow := {
	"id": "aws_vpc.noflow",
	"kind": "network",
	"type": "aws_vpc",
	"file": "sg.tf",
	"line": 61,
	"attrs": {"cidr_block": "10.1.0.0/16", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

subnet := {
	"id": "aws_subnet.public",
	"kind": "network",
	"type": "aws_subnet",
	"file": "sg.tf",
	"line": 82,
	"attrs": {"cidr_block": "10.0.1.0/24", "map_public_ip_on_launch": true, "tags_all": {"owner": "platform"}, "vpc_id": {"$unknown": "aws_vpc.main.id"}},
	"out": [{"kind": "member-of", "to": "aws_vpc.main", "attrs": {"attribute": "vpc_id"}}],
	"in": [],
	"neighbours": {
		"aws_vpc.main": {"id": "aws_vpc.main", "kind": "network", "type": "aws_vpc", "attrs": {"cidr_block": "10.0.0.0/16", "tags_all": {"owner": "platform"}}},
	},
}

nacl := {
	"id": "aws_network_acl.public",
	"kind": "network",
	"type": "aws_network_acl",
	"file": "sg.tf",
	"line": 88,
	"attrs": {"ingress": [{"action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 22, "protocol": "tcp", "rule_no": 100, "to_port": 22}, {"action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 443, "protocol": "tcp", "rule_no": 110, "to_port": 443}], "tags_all": {"owner": "platform"}, "vpc_id": {"$unknown": "aws_vpc.main.id"}},
	"out": [{"kind": "member-of", "to": "aws_vpc.main", "attrs": {"attribute": "vpc_id"}}],
	"in": [{"kind": "attached-to", "from": "aws_network_acl_rule.rdp", "attrs": {"attribute": "network_acl_id"}}],
	"neighbours": {
		"aws_network_acl_rule.rdp": {"id": "aws_network_acl_rule.rdp", "kind": "network", "type": "aws_network_acl_rule", "attrs": {"cidr_block": "0.0.0.0/0", "egress": false, "network_acl_id": {"$unknown": "aws_network_acl.public.id"}, "protocol": "-1", "rule_action": "allow", "rule_number": 120, "tags_all": {"owner": "platform"}}},
		"aws_vpc.main": {"id": "aws_vpc.main", "kind": "network", "type": "aws_vpc", "attrs": {"cidr_block": "10.0.0.0/16", "tags_all": {"owner": "platform"}}},
	},
}

nacl_rule := {
	"id": "aws_network_acl_rule.rdp",
	"kind": "network",
	"type": "aws_network_acl_rule",
	"file": "sg.tf",
	"line": 108,
	"attrs": {"cidr_block": "0.0.0.0/0", "egress": false, "network_acl_id": {"$unknown": "aws_network_acl.public.id"}, "protocol": "-1", "rule_action": "allow", "rule_number": 120, "tags_all": {"owner": "platform"}},
	"out": [{"kind": "attached-to", "to": "aws_network_acl.public", "attrs": {"attribute": "network_acl_id"}}],
	"in": [],
	"neighbours": {
		"aws_network_acl.public": {"id": "aws_network_acl.public", "kind": "network", "type": "aws_network_acl", "attrs": {"ingress": [{"action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 22, "protocol": "tcp", "rule_no": 100, "to_port": 22}, {"action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 443, "protocol": "tcp", "rule_no": 110, "to_port": 443}], "tags_all": {"owner": "platform"}, "vpc_id": {"$unknown": "aws_vpc.main.id"}}},
	},
}

test_ssh if {
	hits(sg_ssh.deny) == {
		["aws_security_group.bastion", "ingress[0].cidr_blocks", false],
		["aws_security_group.allopen", "ingress[0].cidr_blocks", false],
		["aws_security_group_rule.ssh", "cidr_blocks", false],
	} with input as {"nodes": groups}
	from_var := json.patch(bastion, [{"op": "replace", "path": "/attrs/ingress/0/cidr_blocks", "value": {"$unknown": "var.admin_cidrs"}}])
	hits(sg_ssh.deny) == {["aws_security_group.bastion", "ingress[0].cidr_blocks", true]} with input as {"nodes": [from_var]}
	port_var := json.patch(bastion, [{"op": "replace", "path": "/attrs/ingress/0/from_port", "value": {"$unknown": "var.port"}}])
	hits(sg_ssh.deny) == {["aws_security_group.bastion", "ingress[0].from_port", true]} with input as {"nodes": [port_var]}
	dynamic := json.patch(bastion, [{"op": "replace", "path": "/attrs/ingress", "value": {"$unknown": "var.rules"}}])
	hits(sg_ssh.deny) == {["aws_security_group.bastion", "ingress[0]", true]} with input as {"nodes": [dynamic]}
}

test_rdp if {
	hits(sg_rdp.deny) == {
		["aws_security_group.bastion", "ingress[1].ipv6_cidr_blocks", false],
		["aws_security_group.allopen", "ingress[0].cidr_blocks", false],
	} with input as {"nodes": groups}
}

test_database if {
	hits(sg_database.deny) == {
		["aws_security_group.allopen", "ingress[0].cidr_blocks", false],
		["aws_vpc_security_group_ingress_rule.mysql", "cidr_ipv4", false],
	} with input as {"nodes": groups}
	count(sg_database.deny) == 0 with input as {"nodes": [bastion]}
}

test_admin_ports if {
	hits(sg_admin_ports.deny) == {["aws_security_group.allopen", "ingress[0].cidr_blocks", false]} with input as {"nodes": groups}
}

test_all_ports if {
	hits(sg_all_ports.deny) == {["aws_security_group.allopen", "ingress[0].cidr_blocks", false]} with input as {"nodes": groups}
}

test_default_sg if {
	hits(sg_default_sg.deny) == {["aws_default_security_group.default", "ingress[0]", false]} with input as {"nodes": [default_sg]}
	count(sg_default_sg.deny) == 0 with input as {"nodes": [json.remove(default_sg, ["attrs/ingress"])]}
}

test_egress_all if {
	hits(sg_egress_all.deny) == {
		["aws_security_group.bastion", "egress[0].cidr_blocks", false],
		["aws_vpc_security_group_egress_rule.all", "cidr_ipv4", false],
	} with input as {"nodes": groups}
}

test_flow_logs if {
	hits(vpc_flow_logs.deny) == {["aws_vpc.noflow", "", false]} with input as {"nodes": [main_vpc, noflow]}
}

test_subnet_public_ip if {
	hits(vpc_subnet_public_ip.deny) == {["aws_subnet.public", "map_public_ip_on_launch", false]} with input as {"nodes": [subnet]}
	count(vpc_subnet_public_ip.deny) == 0 with input as {"nodes": [json.patch(subnet, [{"op": "replace", "path": "/attrs/map_public_ip_on_launch", "value": false}])]}
	hits(vpc_subnet_public_ip.deny) == {["aws_subnet.public", "map_public_ip_on_launch", true]} with input as {"nodes": [json.patch(subnet, [{"op": "replace", "path": "/attrs/map_public_ip_on_launch", "value": {"$unknown": "var.public"}}])]}
}

test_nacl_admin_ports if {
	hits(vpc_nacl_admin_ports.deny) == {
		["aws_network_acl.public", "ingress[0].cidr_block", false],
		["aws_network_acl_rule.rdp", "cidr_block", false],
	} with input as {"nodes": [nacl, nacl_rule]}
}
