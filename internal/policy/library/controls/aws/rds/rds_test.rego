# Tests of the RDS controls. Nodes are from `seam graph internal/policy/library/testdata/aws --format json`
# (data.tf) in the policy engine's input shape: good passes every RDS control (and holds card data, so
# multi-AZ applies); bad is public, unencrypted, without backups or minor upgrades and with a literal
# password (redacted by the extractor); aurora is a cluster without deletion protection or backups set.
package seam.controls.aws.rds_test

import rego.v1

import data.seam.controls.aws.rds_backups
import data.seam.controls.aws.rds_deletion_protection
import data.seam.controls.aws.rds_encrypted
import data.seam.controls.aws.rds_iam_auth
import data.seam.controls.aws.rds_minor_upgrades
import data.seam.controls.aws.rds_multi_az
import data.seam.controls.aws.rds_password_in_code
import data.seam.controls.aws.rds_public

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

all := [good, bad, aurora]

with_attr(n, key, value) := json.patch(n, [{"op": "add", "path": sprintf("/attrs/%s", [key]), "value": value}])

good := {
	"id": "aws_db_instance.good",
	"kind": "datastore",
	"type": "aws_db_instance",
	"file": "data.tf",
	"line": 2,
	"attrs": {"auto_minor_version_upgrade": true, "backup_retention_period": 14, "deletion_protection": true, "engine": "postgres", "iam_database_authentication_enabled": true, "identifier": "orders", "instance_class": "db.t4g.medium", "kms_key_id": {"$unknown": "aws_kms_key.good.arn"}, "multi_az": true, "publicly_accessible": false, "storage_encrypted": true, "tags": {"criticality": "tier-1", "data_classification": "pci"}, "tags_all": {"criticality": "tier-1", "data_classification": "pci", "owner": "platform"}},
	"out": [{"kind": "holds", "to": "data-class:pci", "attrs": {}}, {"kind": "protected-by", "to": "aws_kms_key.good", "attrs": {"attribute": "kms_key_id"}}],
	"in": [{"kind": "network-reach", "from": "aws_instance.bad", "attrs": {}}, {"kind": "network-reach", "from": "aws_instance.good", "attrs": {}}, {"kind": "network-reach", "from": "aws_launch_template.eks", "attrs": {}}, {"kind": "network-reach", "from": "aws_launch_template.unknown", "attrs": {}}],
	"neighbours": {
		"aws_instance.bad": {"id": "aws_instance.bad", "kind": "workload", "type": "aws_instance", "attrs": {"ami": "ami-0abcdef1234567890", "associate_public_ip_address": true, "ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": false}], "instance_type": "t3.micro", "metadata_options": [{"http_put_response_hop_limit": 3, "http_tokens": "optional"}], "root_block_device": [{"encrypted": false}], "tags_all": {"owner": "platform"}, "user_data": "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nexport DB_PASSWORD=hunter2hunter2\n"}},
		"aws_instance.good": {"id": "aws_instance.good", "kind": "workload", "type": "aws_instance", "attrs": {"ami": "ami-0abcdef1234567890", "associate_public_ip_address": false, "instance_type": "t3.micro", "metadata_options": [{"http_put_response_hop_limit": 1, "http_tokens": "required"}], "root_block_device": [{"encrypted": true}], "tags_all": {"owner": "platform"}}},
		"aws_kms_key.good": {"id": "aws_kms_key.good", "kind": "key", "type": "aws_kms_key", "attrs": {"description": "records", "enable_key_rotation": true, "policy": {"Statement": [{"Action": "kms:*", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Resource": "*", "Sid": "Root"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}}},
		"aws_launch_template.eks": {"id": "aws_launch_template.eks", "kind": "workload", "type": "aws_launch_template", "attrs": {"metadata_options": [{"http_put_response_hop_limit": 2, "http_tokens": "required"}], "name_prefix": "eks-", "network_interfaces": [{"associate_public_ip_address": true}], "tags_all": {"owner": "platform"}}},
		"aws_launch_template.unknown": {"id": "aws_launch_template.unknown", "kind": "workload", "type": "aws_launch_template", "attrs": {"metadata_options": [{"http_tokens": {"$unknown": "var.tokens"}}], "name_prefix": "web-", "tags_all": {"owner": "platform"}}},
		"data-class:pci": {"id": "data-class:pci", "kind": "data-class", "type": "data-class", "attrs": {"description": "Payment card data (named by a tag, label or catalog entry; not declared in seam.yaml)", "source": "link/data"}},
	},
}

bad := {
	"id": "aws_db_instance.bad",
	"kind": "datastore",
	"type": "aws_db_instance",
	"file": "data.tf",
	"line": 20,
	"attrs": {"auto_minor_version_upgrade": false, "backup_retention_period": 0, "engine": "mysql", "identifier": "legacy", "instance_class": "db.t3.micro", "multi_az": {"$unknown": "var.public"}, "password": "[redacted]", "publicly_accessible": true, "storage_encrypted": false, "tags": {"data_classification": "pii"}, "tags_all": {"data_classification": "pii", "owner": "platform"}},
	"out": [{"kind": "holds", "to": "data-class:pii", "attrs": {}}],
	"in": [{"kind": "network-reach", "from": "aws_instance.bad", "attrs": {}}, {"kind": "network-reach", "from": "aws_instance.good", "attrs": {}}, {"kind": "network-reach", "from": "aws_launch_template.eks", "attrs": {}}, {"kind": "network-reach", "from": "aws_launch_template.unknown", "attrs": {}}],
	"neighbours": {
		"aws_instance.bad": {"id": "aws_instance.bad", "kind": "workload", "type": "aws_instance", "attrs": {"ami": "ami-0abcdef1234567890", "associate_public_ip_address": true, "ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": false}], "instance_type": "t3.micro", "metadata_options": [{"http_put_response_hop_limit": 3, "http_tokens": "optional"}], "root_block_device": [{"encrypted": false}], "tags_all": {"owner": "platform"}, "user_data": "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nexport DB_PASSWORD=hunter2hunter2\n"}},
		"aws_instance.good": {"id": "aws_instance.good", "kind": "workload", "type": "aws_instance", "attrs": {"ami": "ami-0abcdef1234567890", "associate_public_ip_address": false, "instance_type": "t3.micro", "metadata_options": [{"http_put_response_hop_limit": 1, "http_tokens": "required"}], "root_block_device": [{"encrypted": true}], "tags_all": {"owner": "platform"}}},
		"aws_launch_template.eks": {"id": "aws_launch_template.eks", "kind": "workload", "type": "aws_launch_template", "attrs": {"metadata_options": [{"http_put_response_hop_limit": 2, "http_tokens": "required"}], "name_prefix": "eks-", "network_interfaces": [{"associate_public_ip_address": true}], "tags_all": {"owner": "platform"}}},
		"aws_launch_template.unknown": {"id": "aws_launch_template.unknown", "kind": "workload", "type": "aws_launch_template", "attrs": {"metadata_options": [{"http_tokens": {"$unknown": "var.tokens"}}], "name_prefix": "web-", "tags_all": {"owner": "platform"}}},
		"data-class:pii": {"id": "data-class:pii", "kind": "data-class", "type": "data-class", "attrs": {"description": "Personal data (named by a tag, label or catalog entry; not declared in seam.yaml)", "source": "link/data"}},
	},
}

aurora := {
	"id": "aws_rds_cluster.aurora",
	"kind": "datastore",
	"type": "aws_rds_cluster",
	"file": "data.tf",
	"line": 35,
	"attrs": {"cluster_identifier": "reports", "deletion_protection": false, "engine": "aurora-postgresql", "storage_encrypted": true, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "network-reach", "from": "aws_instance.bad", "attrs": {}}, {"kind": "network-reach", "from": "aws_instance.good", "attrs": {}}, {"kind": "network-reach", "from": "aws_launch_template.eks", "attrs": {}}, {"kind": "network-reach", "from": "aws_launch_template.unknown", "attrs": {}}],
	"neighbours": {
		"aws_instance.bad": {"id": "aws_instance.bad", "kind": "workload", "type": "aws_instance", "attrs": {"ami": "ami-0abcdef1234567890", "associate_public_ip_address": true, "ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": false}], "instance_type": "t3.micro", "metadata_options": [{"http_put_response_hop_limit": 3, "http_tokens": "optional"}], "root_block_device": [{"encrypted": false}], "tags_all": {"owner": "platform"}, "user_data": "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nexport DB_PASSWORD=hunter2hunter2\n"}},
		"aws_instance.good": {"id": "aws_instance.good", "kind": "workload", "type": "aws_instance", "attrs": {"ami": "ami-0abcdef1234567890", "associate_public_ip_address": false, "instance_type": "t3.micro", "metadata_options": [{"http_put_response_hop_limit": 1, "http_tokens": "required"}], "root_block_device": [{"encrypted": true}], "tags_all": {"owner": "platform"}}},
		"aws_launch_template.eks": {"id": "aws_launch_template.eks", "kind": "workload", "type": "aws_launch_template", "attrs": {"metadata_options": [{"http_put_response_hop_limit": 2, "http_tokens": "required"}], "name_prefix": "eks-", "network_interfaces": [{"associate_public_ip_address": true}], "tags_all": {"owner": "platform"}}},
		"aws_launch_template.unknown": {"id": "aws_launch_template.unknown", "kind": "workload", "type": "aws_launch_template", "attrs": {"metadata_options": [{"http_tokens": {"$unknown": "var.tokens"}}], "name_prefix": "web-", "tags_all": {"owner": "platform"}}},
	},
}

test_public if {
	hits(rds_public.deny) == {["aws_db_instance.bad", "publicly_accessible", false]} with input as {"nodes": all}
	hits(rds_public.deny) == {["aws_db_instance.good", "publicly_accessible", true]} with input as {"nodes": [with_attr(good, "publicly_accessible", {"$unknown": "var.public"})]}
}

test_encrypted if {
	hits(rds_encrypted.deny) == {["aws_db_instance.bad", "storage_encrypted", false]} with input as {"nodes": all}
	hits(rds_encrypted.deny) == {["aws_db_instance.good", "storage_encrypted", true]} with input as {"nodes": [with_attr(good, "storage_encrypted", {"$unknown": "var.encrypted"})]}
}

test_backups if {
	hits(rds_backups.deny) == {["aws_db_instance.bad", "backup_retention_period", false], ["aws_rds_cluster.aurora", "backup_retention_period", false]} with input as {"nodes": all}
	hits(rds_backups.deny) == {["aws_db_instance.good", "backup_retention_period", true]} with input as {"nodes": [with_attr(good, "backup_retention_period", {"$unknown": "var.retention"})]}
	count(rds_backups.deny) == 0 with input as {"nodes": [with_attr(bad, "replicate_source_db", "orders")]}
}

test_deletion_protection if {
	hits(rds_deletion_protection.deny) == {["aws_db_instance.bad", "deletion_protection", false], ["aws_rds_cluster.aurora", "deletion_protection", false]} with input as {"nodes": all}
	hits(rds_deletion_protection.deny) == {["aws_db_instance.good", "deletion_protection", true]} with input as {"nodes": [with_attr(good, "deletion_protection", {"$unknown": "var.protect"})]}
}

test_iam_auth if {
	hits(rds_iam_auth.deny) == {["aws_db_instance.bad", "iam_database_authentication_enabled", false], ["aws_rds_cluster.aurora", "iam_database_authentication_enabled", false]} with input as {"nodes": all}
	count(rds_iam_auth.deny) == 0 with input as {"nodes": [with_attr(bad, "engine", "sqlserver-ex")]}
}

test_minor_upgrades if {
	hits(rds_minor_upgrades.deny) == {["aws_db_instance.bad", "auto_minor_version_upgrade", false]} with input as {"nodes": all}
	hits(rds_minor_upgrades.deny) == {["aws_db_instance.good", "auto_minor_version_upgrade", true]} with input as {"nodes": [with_attr(good, "auto_minor_version_upgrade", {"$unknown": "var.upgrades"})]}
}

test_multi_az if {
	count(rds_multi_az.deny) == 0 with input as {"nodes": all}
	hits(rds_multi_az.deny) == {["aws_db_instance.good", "multi_az", false]} with input as {"nodes": [with_attr(good, "multi_az", false)]}
	hits(rds_multi_az.deny) == {["aws_db_instance.good", "multi_az", true]} with input as {"nodes": [with_attr(good, "multi_az", {"$unknown": "var.multi_az"})]}
}

test_password_in_code if {
	hits(rds_password_in_code.deny) == {["aws_db_instance.bad", "password", false]} with input as {"nodes": all}
	hits(rds_password_in_code.deny) == {["aws_db_instance.good", "password", true]} with input as {"nodes": [with_attr(good, "password", {"$unknown": "var.db_password"})]}
	count(rds_password_in_code.deny) == 0 with input as {"nodes": [with_attr(good, "password", {"$unknown": "random_password.db.result"})]}
}
