# Tests of the EC2 controls. Nodes are trimmed from `seam graph internal/policy/library/testdata/aws
# --format json` (ec2.tf), in the shape the policy engine gives them.
package seam.controls.aws.ec2_test

import rego.v1

import data.seam.controls.aws.ec2_ami_public
import data.seam.controls.aws.ec2_ebs_default_encryption
import data.seam.controls.aws.ec2_ebs_encryption
import data.seam.controls.aws.ec2_hop_limit
import data.seam.controls.aws.ec2_imdsv2
import data.seam.controls.aws.ec2_public_ip
import data.seam.controls.aws.ec2_user_data_secrets

# hits reduces results to [node, field, unknown?] for comparison.
hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

# good: IMDSv2, hop limit 1, no public IP, encrypted root disk — passes every EC2 control.
good := {
	"id": "aws_instance.good", "kind": "workload", "type": "aws_instance", "file": "ec2.tf", "line": 3,
	"attrs": {
		"ami": "ami-0abcdef1234567890", "associate_public_ip_address": false, "instance_type": "t3.micro",
		"metadata_options": [{"http_put_response_hop_limit": 1, "http_tokens": "required"}],
		"root_block_device": [{"encrypted": true}],
	},
	"out": [], "in": [], "neighbours": {},
}

# bad: IMDSv1, hop limit 3, public IP, unencrypted disks, an AWS secret key and a password in user data.
bad := {
	"id": "aws_instance.bad", "kind": "workload", "type": "aws_instance", "file": "ec2.tf", "line": 15,
	"attrs": {
		"ami": "ami-0abcdef1234567890", "associate_public_ip_address": true,
		"ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": false}],
		"instance_type": "t3.micro",
		"metadata_options": [{"http_put_response_hop_limit": 3, "http_tokens": "optional"}],
		"root_block_device": [{"encrypted": false}],
		"user_data": "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nexport DB_PASSWORD=hunter2hunter2\n",
	},
	"out": [], "in": [], "neighbours": {},
}

# unknown: http_tokens comes from a variable without a default.
unknown := {
	"id": "aws_launch_template.unknown", "kind": "workload", "type": "aws_launch_template", "file": "ec2.tf", "line": 34,
	"attrs": {"metadata_options": [{"http_tokens": {"$unknown": "var.tokens"}}], "name_prefix": "web-"},
	"out": [], "in": [], "neighbours": {},
}

# eks: a node group's launch template — hop limit 2 is right for pods; its interface gets a public IP.
eks := {
	"id": "aws_launch_template.eks", "kind": "workload", "type": "aws_launch_template", "file": "ec2.tf", "line": 54,
	"attrs": {
		"metadata_options": [{"http_put_response_hop_limit": 2, "http_tokens": "required"}],
		"name_prefix": "eks-", "network_interfaces": [{"associate_public_ip_address": true}],
	},
	"out": [],
	"in": [{"kind": "runs", "from": "aws_eks_node_group.workers", "attrs": {"attribute": "launch_template[0].id"}}],
	"neighbours": {"aws_eks_node_group.workers": {"id": "aws_eks_node_group.workers", "kind": "host", "type": "aws_eks_node_group", "attrs": {"node_group_name": "workers"}}},
}

provider := {"id": "provider.aws", "kind": "account", "type": "provider.aws", "attrs": {"region": "eu-west-1"}, "out": [], "in": [], "neighbours": {}}

ebs_default := {"id": "aws_ebs_encryption_by_default.this", "kind": "resource", "type": "aws_ebs_encryption_by_default", "attrs": {"enabled": true}, "out": [], "in": [], "neighbours": {}}

volume := {"id": "aws_ebs_volume.data", "kind": "resource", "type": "aws_ebs_volume", "attrs": {"availability_zone": "eu-west-1a", "size": 100}, "out": [], "in": [], "neighbours": {}}

test_imdsv2 if {
	hits(ec2_imdsv2.deny) == {["aws_instance.bad", "metadata_options[0].http_tokens", false]} with input as {"nodes": [good, bad]}
	hits(ec2_imdsv2.deny) == {["aws_launch_template.unknown", "metadata_options[0].http_tokens", true]} with input as {"nodes": [unknown]}
	# No metadata_options at all: the default is optional.
	hits(ec2_imdsv2.deny) == {["x", "metadata_options[0].http_tokens", false]} with input as {"nodes": [{"id": "x", "type": "aws_instance", "attrs": {}}]}
	count(ec2_imdsv2.deny) == 0 with input as {"nodes": [{"id": "x", "type": "aws_instance", "attrs": {"metadata_options": [{"http_endpoint": "disabled"}]}}]}
	hits(ec2_imdsv2.deny) == {["x", "metadata_options[0].http_tokens", true]} with input as {"nodes": [{"id": "x", "type": "aws_instance", "attrs": {"metadata_options": {"$unknown": "var.md"}}}]}
}

test_hop_limit if {
	hits(ec2_hop_limit.deny) == {["aws_instance.bad", "metadata_options[0].http_put_response_hop_limit", false]} with input as {"nodes": [good, bad, eks]}
	hits(ec2_hop_limit.deny) == {["x", "metadata_options[0].http_put_response_hop_limit", true]} with input as {"nodes": [{"id": "x", "type": "aws_instance", "attrs": {"metadata_options": [{"http_put_response_hop_limit": {"$unknown": "var.hops"}}]}}]}
}

test_public_ip if {
	hits(ec2_public_ip.deny) == {
		["aws_instance.bad", "associate_public_ip_address", false],
		["aws_launch_template.eks", "network_interfaces[0].associate_public_ip_address", false],
	} with input as {"nodes": [good, bad, eks, unknown]}
	hits(ec2_public_ip.deny) == {["x", "associate_public_ip_address", true]} with input as {"nodes": [{"id": "x", "type": "aws_instance", "attrs": {"associate_public_ip_address": {"$unknown": "var.public"}}}]}
}

test_ebs_encryption if {
	hits(ec2_ebs_encryption.deny) == {
		["aws_instance.bad", "root_block_device[0].encrypted", false],
		["aws_instance.bad", "ebs_block_device[0].encrypted", false],
		["aws_ebs_volume.data", "encrypted", false],
	} with input as {"nodes": [good, bad, volume]}

	# Default encryption on: the volume that does not say is encrypted; an explicit false still fails.
	hits(ec2_ebs_encryption.deny) == {
		["aws_instance.bad", "root_block_device[0].encrypted", false],
		["aws_instance.bad", "ebs_block_device[0].encrypted", false],
	} with input as {"nodes": [good, bad, volume, ebs_default]}

	# Default encryption from a variable: the silent volume is unknown.
	hits(ec2_ebs_encryption.deny) == {["aws_ebs_volume.data", "encrypted", true]} with input as {"nodes": [volume, json.patch(ebs_default, [{"op": "replace", "path": "/attrs/enabled", "value": {"$unknown": "var.ebs_default"}}])]}
	hits(ec2_ebs_encryption.deny) == {["aws_ebs_volume.data", "encrypted", true]} with input as {"nodes": [json.patch(volume, [{"op": "add", "path": "/attrs/encrypted", "value": {"$unknown": "var.encrypted"}}])]}
}

test_ebs_default_encryption if {
	hits(ec2_ebs_default_encryption.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider]}
	count(ec2_ebs_default_encryption.deny) == 0 with input as {"nodes": [provider, ebs_default]}
	hits(ec2_ebs_default_encryption.deny) == {["aws_ebs_encryption_by_default.this", "enabled", true]} with input as {"nodes": [provider, json.patch(ebs_default, [{"op": "replace", "path": "/attrs/enabled", "value": {"$unknown": "var.on"}}])]}
	hits(ec2_ebs_default_encryption.deny) == {["aws_ebs_encryption_by_default.this", "enabled", false]} with input as {"nodes": [provider, json.patch(ebs_default, [{"op": "replace", "path": "/attrs/enabled", "value": false}])]}
}

test_user_data_secrets if {
	rs := ec2_user_data_secrets.deny with input as {"nodes": [good, bad]}
	hits(rs) == {["aws_instance.bad", "user_data", false]}
	some r in rs
	contains(r.msg, "an AWS secret access key")
	contains(r.msg, "a password or token assignment")

	# base64 user data is decoded; a password read from a variable at boot is not a secret in the file.
	hits(ec2_user_data_secrets.deny) == {["lt", "user_data_base64", false]} with input as {"nodes": [{"id": "lt", "type": "aws_launch_template", "attrs": {"user_data_base64": base64.encode("KEY=AKIAIOSFODNN7EXAMPLE\n")}}]}
	count(ec2_user_data_secrets.deny) == 0 with input as {"nodes": [{"id": "i", "type": "aws_instance", "attrs": {"user_data": "DB_PASSWORD=$(aws ssm get-parameter --name db)\n"}}]}
}

test_ami_public if {
	perm := {"id": "aws_ami_launch_permission.public", "kind": "resource", "type": "aws_ami_launch_permission", "attrs": {"group": "all", "image_id": "ami-0abcdef1234567890"}}
	hits(ec2_ami_public.deny) == {["aws_ami_launch_permission.public", "group", false]} with input as {"nodes": [perm]}
	count(ec2_ami_public.deny) == 0 with input as {"nodes": [{"id": "p", "type": "aws_ami_launch_permission", "attrs": {"account_id": "123456789012"}}]}
	hits(ec2_ami_public.deny) == {["p", "group", true]} with input as {"nodes": [{"id": "p", "type": "aws_ami_launch_permission", "attrs": {"group": {"$unknown": "var.group"}}}]}
}

test_user_data_unknown if {
	templated := json.patch(good, [{"op": "add", "path": "/attrs/user_data", "value": {"$unknown": "templatefile(\"boot.sh\", {})"}}])
	hits(ec2_user_data_secrets.deny) == {["aws_instance.good", "user_data", true]} with input as {"nodes": [templated]}
}
