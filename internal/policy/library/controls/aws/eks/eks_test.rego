# Tests of the EKS controls. Nodes are from `seam graph --format json` over internal/policy/library/testdata/aws
# (compute.tf, ec2.tf) and examples/webshop/infra/terraform (eks.tf), in the policy engine's input shape.
# good is private, encrypts secrets and logs everything, but has no OIDC provider; bad leaves the endpoint
# public to 0.0.0.0/0 by default; webshop is the example's cluster: public endpoint restricted to two
# ranges, an OIDC provider, no secrets encryption. Node group ssh has an SSH key and no source groups.
package seam.controls.aws.eks_test

import rego.v1

import data.seam.controls.aws.eks_control_plane_logging
import data.seam.controls.aws.eks_irsa
import data.seam.controls.aws.eks_node_ssh
import data.seam.controls.aws.eks_public_endpoint
import data.seam.controls.aws.eks_secrets_encryption

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

clusters := [good, bad, webshop]

good := {
	"id": "aws_eks_cluster.good",
	"kind": "cluster",
	"type": "aws_eks_cluster",
	"file": "compute.tf",
	"line": 54,
	"attrs": {"enabled_cluster_log_types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "encryption_config": [{"provider": [{"key_arn": {"$unknown": "aws_kms_key.good.arn"}}], "resources": ["secrets"]}], "name": "prod", "role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "tags_all": {"owner": "platform"}, "vpc_config": [{"endpoint_private_access": true, "endpoint_public_access": false, "subnet_ids": ["subnet-1", "subnet-2"]}]},
	"out": [{"kind": "protected-by", "to": "aws_kms_key.good", "attrs": {"attribute": "encryption_config[0].provider[0].key_arn"}}, {"kind": "uses-identity", "to": "aws_iam_role.partner", "attrs": {"attribute": "role_arn"}}],
	"in": [{"kind": "part-of", "from": "aws_eks_node_group.workers", "attrs": {"attribute": "cluster_name"}}],
	"neighbours": {
		"aws_eks_node_group.workers": {"id": "aws_eks_node_group.workers", "kind": "host", "type": "aws_eks_node_group", "attrs": {"cluster_name": "prod", "launch_template": [{"id": {"$unknown": "aws_launch_template.eks.id"}, "version": {"$unknown": "aws_launch_template.eks.latest_version"}}], "node_group_name": "workers", "node_role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "scaling_config": [{"desired_size": 2, "max_size": 3, "min_size": 1}], "subnet_ids": ["subnet-1"], "tags_all": {"owner": "platform"}}},
		"aws_iam_role.partner": {"id": "aws_iam_role.partner", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "partner", "tags_all": {"owner": "platform"}}},
		"aws_kms_key.good": {"id": "aws_kms_key.good", "kind": "key", "type": "aws_kms_key", "attrs": {"description": "records", "enable_key_rotation": true, "policy": {"Statement": [{"Action": "kms:*", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Resource": "*", "Sid": "Root"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}}},
	},
}

bad := {
	"id": "aws_eks_cluster.bad",
	"kind": "cluster",
	"type": "aws_eks_cluster",
	"file": "compute.tf",
	"line": 45,
	"attrs": {"name": "legacy", "role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "tags_all": {"owner": "platform"}, "vpc_config": [{"endpoint_public_access": true, "subnet_ids": ["subnet-1", "subnet-2"]}]},
	"out": [{"kind": "uses-identity", "to": "aws_iam_role.partner", "attrs": {"attribute": "role_arn"}}],
	"in": [{"kind": "part-of", "from": "aws_eks_node_group.ssh", "attrs": {"attribute": "cluster_name"}}],
	"neighbours": {
		"aws_eks_node_group.ssh": {"id": "aws_eks_node_group.ssh", "kind": "host", "type": "aws_eks_node_group", "attrs": {"cluster_name": "legacy", "node_group_name": "ssh", "node_role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "remote_access": [{"ec2_ssh_key": "ops"}], "scaling_config": [{"desired_size": 1, "max_size": 1, "min_size": 1}], "subnet_ids": ["subnet-1"], "tags_all": {"owner": "platform"}}},
		"aws_iam_role.partner": {"id": "aws_iam_role.partner", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "partner", "tags_all": {"owner": "platform"}}},
	},
}

ssh := {
	"id": "aws_eks_node_group.ssh",
	"kind": "host",
	"type": "aws_eks_node_group",
	"file": "ec2.tf",
	"line": 87,
	"attrs": {"cluster_name": "legacy", "node_group_name": "ssh", "node_role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "remote_access": [{"ec2_ssh_key": "ops"}], "scaling_config": [{"desired_size": 1, "max_size": 1, "min_size": 1}], "subnet_ids": ["subnet-1"], "tags_all": {"owner": "platform"}},
	"out": [{"kind": "part-of", "to": "aws_eks_cluster.bad", "attrs": {"attribute": "cluster_name"}}, {"kind": "uses-identity", "to": "aws_iam_role.partner", "attrs": {"attribute": "node_role_arn"}}],
	"in": [],
	"neighbours": {
		"aws_eks_cluster.bad": {"id": "aws_eks_cluster.bad", "kind": "cluster", "type": "aws_eks_cluster", "attrs": {"name": "legacy", "role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "tags_all": {"owner": "platform"}, "vpc_config": [{"endpoint_public_access": true, "subnet_ids": ["subnet-1", "subnet-2"]}]}},
		"aws_iam_role.partner": {"id": "aws_iam_role.partner", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "partner", "tags_all": {"owner": "platform"}}},
	},
}

workers := {
	"id": "aws_eks_node_group.workers",
	"kind": "host",
	"type": "aws_eks_node_group",
	"file": "ec2.tf",
	"line": 71,
	"attrs": {"cluster_name": "prod", "launch_template": [{"id": {"$unknown": "aws_launch_template.eks.id"}, "version": {"$unknown": "aws_launch_template.eks.latest_version"}}], "node_group_name": "workers", "node_role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "scaling_config": [{"desired_size": 2, "max_size": 3, "min_size": 1}], "subnet_ids": ["subnet-1"], "tags_all": {"owner": "platform"}},
	"out": [{"kind": "part-of", "to": "aws_eks_cluster.good", "attrs": {"attribute": "cluster_name"}}, {"kind": "references", "to": "aws_launch_template.eks", "attrs": {"attribute": "launch_template[0].version"}}, {"kind": "runs", "to": "aws_launch_template.eks", "attrs": {"attribute": "launch_template[0].id"}}, {"kind": "uses-identity", "to": "aws_iam_role.partner", "attrs": {"attribute": "node_role_arn"}}],
	"in": [],
	"neighbours": {
		"aws_eks_cluster.good": {"id": "aws_eks_cluster.good", "kind": "cluster", "type": "aws_eks_cluster", "attrs": {"enabled_cluster_log_types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "encryption_config": [{"provider": [{"key_arn": {"$unknown": "aws_kms_key.good.arn"}}], "resources": ["secrets"]}], "name": "prod", "role_arn": {"$unknown": "aws_iam_role.partner.arn"}, "tags_all": {"owner": "platform"}, "vpc_config": [{"endpoint_private_access": true, "endpoint_public_access": false, "subnet_ids": ["subnet-1", "subnet-2"]}]}},
		"aws_iam_role.partner": {"id": "aws_iam_role.partner", "kind": "identity", "type": "aws_iam_role", "attrs": {"assume_role_policy": {"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}, "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}}], "Version": "2012-10-17"}, "name": "partner", "tags_all": {"owner": "platform"}}},
		"aws_launch_template.eks": {"id": "aws_launch_template.eks", "kind": "workload", "type": "aws_launch_template", "attrs": {"metadata_options": [{"http_put_response_hop_limit": 2, "http_tokens": "required"}], "name_prefix": "eks-", "network_interfaces": [{"associate_public_ip_address": true}], "tags_all": {"owner": "platform"}}},
	},
}

webshop := {
	"id": "aws_eks_cluster.main",
	"kind": "cluster",
	"type": "aws_eks_cluster",
	"file": "eks.tf",
	"line": 24,
	"attrs": {"access_config": [{"authentication_mode": "API_AND_CONFIG_MAP"}], "enabled_cluster_log_types": ["api", "audit", "authenticator"], "name": "webshop-prod", "role_arn": {"$unknown": "aws_iam_role.cluster.arn"}, "tags_all": {"environment": "prod", "managed_by": "terraform", "owner": "platform", "system": "webshop"}, "version": "1.30", "vpc_config": [{"endpoint_private_access": true, "endpoint_public_access": true, "public_access_cidrs": ["203.0.113.0/24", "198.51.100.10/32"], "subnet_ids": [{"$unknown": "aws_subnet.private[\"eu-west-1a\"].id"}, {"$unknown": "aws_subnet.private[\"eu-west-1b\"].id"}, {"$unknown": "aws_subnet.private[\"eu-west-1c\"].id"}]}]},
	"out": [{"kind": "depends-on", "to": "aws_iam_role_policy_attachment.cluster", "attrs": {"attribute": "depends_on"}}, {"kind": "member-of", "to": "aws_subnet.private[\"eu-west-1a\"]", "attrs": {"attribute": "vpc_config[0].subnet_ids"}}, {"kind": "member-of", "to": "aws_subnet.private[\"eu-west-1b\"]", "attrs": {"attribute": "vpc_config[0].subnet_ids"}}, {"kind": "member-of", "to": "aws_subnet.private[\"eu-west-1c\"]", "attrs": {"attribute": "vpc_config[0].subnet_ids"}}, {"kind": "network-reach", "to": "aws_security_group.node", "attrs": {"attribute": "ingress[1].security_groups"}}, {"kind": "uses-identity", "to": "aws_iam_role.cluster", "attrs": {"attribute": "role_arn"}}],
	"in": [{"kind": "part-of", "from": "aws_eks_node_group.default", "attrs": {"attribute": "cluster_name"}}, {"kind": "references", "from": "aws_iam_openid_connect_provider.eks", "attrs": {"attribute": "url"}}, {"kind": "protected-by", "from": "aws_launch_template.node", "attrs": {"attribute": "vpc_security_group_ids"}}],
	"neighbours": {
		"aws_iam_openid_connect_provider.eks": {"id": "aws_iam_openid_connect_provider.eks", "kind": "identity", "type": "aws_iam_openid_connect_provider", "attrs": {"client_id_list": ["sts.amazonaws.com"], "tags_all": {"environment": "prod", "managed_by": "terraform", "owner": "platform", "system": "webshop"}, "thumbprint_list": ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"], "url": {"$unknown": "aws_eks_cluster.main.identity[0].oidc[0].issuer"}}},
	},
}

test_public_endpoint if {
	hits(eks_public_endpoint.deny) == {["aws_eks_cluster.bad", "vpc_config[0].public_access_cidrs", false]} with input as {"nodes": clusters}
	from_var := json.patch(webshop, [{"op": "replace", "path": "/attrs/vpc_config/0/public_access_cidrs", "value": {"$unknown": "var.admin_cidrs"}}])
	hits(eks_public_endpoint.deny) == {["aws_eks_cluster.main", "vpc_config[0].public_access_cidrs", true]} with input as {"nodes": [from_var]}
	public_var := json.patch(bad, [{"op": "replace", "path": "/attrs/vpc_config/0/endpoint_public_access", "value": {"$unknown": "var.public"}}])
	hits(eks_public_endpoint.deny) == {["aws_eks_cluster.bad", "vpc_config[0].endpoint_public_access", true]} with input as {"nodes": [public_var]}
}

test_secrets_encryption if {
	hits(eks_secrets_encryption.deny) == {["aws_eks_cluster.bad", "encryption_config", false], ["aws_eks_cluster.main", "encryption_config", false]} with input as {"nodes": clusters}
	hits(eks_secrets_encryption.deny) == {["aws_eks_cluster.bad", "encryption_config", true]} with input as {"nodes": [json.patch(bad, [{"op": "add", "path": "/attrs/encryption_config", "value": {"$unknown": "var.encryption"}}])]}
}

test_control_plane_logging if {
	hits(eks_control_plane_logging.deny) == {["aws_eks_cluster.bad", "enabled_cluster_log_types", false]} with input as {"nodes": clusters}
	hits(eks_control_plane_logging.deny) == {["aws_eks_cluster.bad", "enabled_cluster_log_types", true]} with input as {"nodes": [json.patch(bad, [{"op": "add", "path": "/attrs/enabled_cluster_log_types", "value": {"$unknown": "var.log_types"}}])]}
}

test_irsa if {
	hits(eks_irsa.deny) == {["aws_eks_cluster.good", "", false], ["aws_eks_cluster.bad", "", false]} with input as {"nodes": clusters}
}

test_node_ssh if {
	hits(eks_node_ssh.deny) == {["aws_eks_node_group.ssh", "remote_access[0].ec2_ssh_key", false]} with input as {"nodes": [ssh, workers]}
	bastion := json.patch(ssh, [{"op": "add", "path": "/attrs/remote_access/0/source_security_group_ids", "value": ["sg-0bastion"]}])
	count(eks_node_ssh.deny) == 0 with input as {"nodes": [bastion]}
	from_var := json.patch(ssh, [{"op": "add", "path": "/attrs/remote_access/0/source_security_group_ids", "value": {"$unknown": "var.ssh_sources"}}])
	hits(eks_node_ssh.deny) == {["aws_eks_node_group.ssh", "remote_access[0].source_security_group_ids", true]} with input as {"nodes": [from_var]}
}
