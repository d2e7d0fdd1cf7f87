# Tests of the S3 controls. Nodes are from `seam graph internal/policy/library/testdata/aws --format json`
# (s3.tf) in the policy engine's input shape: records passes every S3 control; open has a public-read ACL,
# a policy for Principal "*" and a public access block with settings off or unknown; logs is the log target.
package seam.controls.aws.s3_test

import rego.v1

import data.seam.controls.aws.s3_access_logging
import data.seam.controls.aws.s3_account_public_access_block
import data.seam.controls.aws.s3_acl_public
import data.seam.controls.aws.s3_kms_encryption
import data.seam.controls.aws.s3_mfa_delete
import data.seam.controls.aws.s3_object_lock
import data.seam.controls.aws.s3_ownership
import data.seam.controls.aws.s3_policy_public
import data.seam.controls.aws.s3_public_access_block
import data.seam.controls.aws.s3_tls_only
import data.seam.controls.aws.s3_versioning

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

provider := {"id": "provider.aws", "kind": "account", "type": "provider.aws", "attrs": {"region": "eu-west-1"}, "out": [], "in": [], "neighbours": {}}

# critical: records, holding card data as well, so object lock and MFA delete apply.
critical := json.patch(records, [{"op": "add", "path": "/out/-", "value": {"kind": "holds", "to": "data-class:pci", "attrs": {}}}])

records := {
	"id": "aws_s3_bucket.records",
	"kind": "datastore",
	"type": "aws_s3_bucket",
	"file": "s3.tf",
	"line": 3,
	"attrs": {"bucket": "acme-records", "object_lock_enabled": true, "tags": {"data_classification": "pii"}, "tags_all": {"data_classification": "pii", "owner": "platform"}},
	"out": [{"kind": "holds", "to": "data-class:pii", "attrs": {}}, {"kind": "logs-to", "to": "aws_s3_bucket_logging.records", "attrs": {"attribute": "bucket"}}, {"kind": "protected-by", "to": "aws_s3_bucket_public_access_block.records", "attrs": {"attribute": "bucket"}}, {"kind": "protected-by", "to": "aws_s3_bucket_server_side_encryption_configuration.records", "attrs": {"attribute": "bucket"}}, {"kind": "protected-by", "to": "aws_s3_bucket_versioning.records", "attrs": {"attribute": "bucket"}}],
	"in": [{"kind": "references", "from": "aws_cloudtrail.good", "attrs": {"attribute": "event_selector[0].data_resource[0].values"}}, {"kind": "attached-to", "from": "aws_s3_bucket_policy.records", "attrs": {"attribute": "bucket"}}, {"kind": "references", "from": "aws_s3_bucket_policy.records", "attrs": {"attribute": "policy"}}],
	"neighbours": {
		"aws_cloudtrail.good": {"id": "aws_cloudtrail.good", "kind": "logging", "type": "aws_cloudtrail", "attrs": {"enable_log_file_validation": true, "event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": [{"$unknown": "${aws_s3_bucket.records.arn}/"}]}], "include_management_events": true, "read_write_type": "All"}], "is_multi_region_trail": true, "kms_key_id": {"$unknown": "aws_kms_key.good.arn"}, "name": "org", "s3_bucket_name": "acme-logs", "tags_all": {"owner": "platform"}}},
		"aws_s3_bucket_logging.records": {"id": "aws_s3_bucket_logging.records", "kind": "logging", "type": "aws_s3_bucket_logging", "attrs": {"bucket": "acme-records", "tags_all": {"owner": "platform"}, "target_bucket": "acme-logs", "target_prefix": "records/"}},
		"aws_s3_bucket_policy.records": {"id": "aws_s3_bucket_policy.records", "kind": "grant", "type": "aws_s3_bucket_policy", "attrs": {"bucket": "acme-records", "policy": {"Statement": [{"Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Effect": "Deny", "Principal": "*", "Resource": [{"$unknown": "aws_s3_bucket.records.arn"}, {"$unknown": "${aws_s3_bucket.records.arn}/*"}], "Sid": "DenyInsecureTransport"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}}},
		"aws_s3_bucket_public_access_block.records": {"id": "aws_s3_bucket_public_access_block.records", "kind": "resource", "type": "aws_s3_bucket_public_access_block", "attrs": {"block_public_acls": true, "block_public_policy": true, "bucket": "acme-records", "ignore_public_acls": true, "restrict_public_buckets": true, "tags_all": {"owner": "platform"}}},
		"aws_s3_bucket_server_side_encryption_configuration.records": {"id": "aws_s3_bucket_server_side_encryption_configuration.records", "kind": "resource", "type": "aws_s3_bucket_server_side_encryption_configuration", "attrs": {"bucket": "acme-records", "rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": {"$unknown": "aws_kms_key.good.arn"}, "sse_algorithm": "aws:kms"}]}], "tags_all": {"owner": "platform"}}},
		"aws_s3_bucket_versioning.records": {"id": "aws_s3_bucket_versioning.records", "kind": "resource", "type": "aws_s3_bucket_versioning", "attrs": {"bucket": "acme-records", "tags_all": {"owner": "platform"}, "versioning_configuration": [{"status": "Enabled"}]}},
		"data-class:pii": {"id": "data-class:pii", "kind": "data-class", "type": "data-class", "attrs": {"description": "Personal data (named by a tag, label or catalog entry; not declared in seam.yaml)", "source": "link/data"}},
	},
}

open := {
	"id": "aws_s3_bucket.open",
	"kind": "datastore",
	"type": "aws_s3_bucket",
	"file": "s3.tf",
	"line": 58,
	"attrs": {"bucket": "acme-open", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "protected-by", "to": "aws_s3_bucket_public_access_block.open", "attrs": {"attribute": "bucket"}}],
	"in": [{"kind": "attached-to", "from": "aws_s3_bucket_acl.open", "attrs": {"attribute": "bucket"}}, {"kind": "attached-to", "from": "aws_s3_bucket_policy.open", "attrs": {"attribute": "bucket"}}, {"kind": "references", "from": "aws_s3_bucket_policy.open", "attrs": {"attribute": "policy"}}],
	"neighbours": {
		"aws_s3_bucket_acl.open": {"id": "aws_s3_bucket_acl.open", "kind": "grant", "type": "aws_s3_bucket_acl", "attrs": {"acl": "public-read", "bucket": "acme-open", "tags_all": {"owner": "platform"}}},
		"aws_s3_bucket_policy.open": {"id": "aws_s3_bucket_policy.open", "kind": "grant", "type": "aws_s3_bucket_policy", "attrs": {"bucket": "acme-open", "policy": {"Statement": [{"Action": "s3:GetObject", "Effect": "Allow", "Principal": "*", "Resource": {"$unknown": "${aws_s3_bucket.open.arn}/*"}}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}}},
		"aws_s3_bucket_public_access_block.open": {"id": "aws_s3_bucket_public_access_block.open", "kind": "resource", "type": "aws_s3_bucket_public_access_block", "attrs": {"block_public_acls": false, "block_public_policy": {"$unknown": "var.public"}, "bucket": "acme-open", "tags_all": {"owner": "platform"}}},
	},
}

logs := {
	"id": "aws_s3_bucket.logs",
	"kind": "datastore",
	"type": "aws_s3_bucket",
	"file": "s3.tf",
	"line": 86,
	"attrs": {"acl": "log-delivery-write", "bucket": "acme-logs", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "logs-to", "from": "aws_cloudtrail.bad", "attrs": {"attribute": "s3_bucket_name"}}, {"kind": "logs-to", "from": "aws_cloudtrail.good", "attrs": {"attribute": "s3_bucket_name"}}, {"kind": "logs-to", "from": "aws_flow_log.main", "attrs": {"attribute": "log_destination"}}, {"kind": "logs-to", "from": "aws_lb.good", "attrs": {"attribute": "access_logs[0].bucket"}}, {"kind": "logs-to", "from": "aws_s3_bucket_logging.records", "attrs": {"attribute": "target_bucket"}}, {"kind": "references", "from": "data.aws_iam_policy_document.ci", "attrs": {"attribute": "statement[0].resources"}}],
	"neighbours": {
		"aws_cloudtrail.bad": {"id": "aws_cloudtrail.bad", "kind": "logging", "type": "aws_cloudtrail", "attrs": {"name": "legacy", "s3_bucket_name": "acme-logs", "tags_all": {"owner": "platform"}}},
		"aws_cloudtrail.good": {"id": "aws_cloudtrail.good", "kind": "logging", "type": "aws_cloudtrail", "attrs": {"enable_log_file_validation": true, "event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": [{"$unknown": "${aws_s3_bucket.records.arn}/"}]}], "include_management_events": true, "read_write_type": "All"}], "is_multi_region_trail": true, "kms_key_id": {"$unknown": "aws_kms_key.good.arn"}, "name": "org", "s3_bucket_name": "acme-logs", "tags_all": {"owner": "platform"}}},
		"aws_flow_log.main": {"id": "aws_flow_log.main", "kind": "logging", "type": "aws_flow_log", "attrs": {"log_destination": {"$unknown": "aws_s3_bucket.logs.arn"}, "tags_all": {"owner": "platform"}, "traffic_type": "ALL", "vpc_id": {"$unknown": "aws_vpc.main.id"}}},
		"aws_lb.good": {"id": "aws_lb.good", "kind": "exposure", "type": "aws_lb", "attrs": {"access_logs": [{"bucket": "acme-logs", "enabled": true}], "drop_invalid_header_fields": true, "load_balancer_type": "application", "name": "web", "tags_all": {"owner": "platform"}}},
		"aws_s3_bucket_logging.records": {"id": "aws_s3_bucket_logging.records", "kind": "logging", "type": "aws_s3_bucket_logging", "attrs": {"bucket": "acme-records", "tags_all": {"owner": "platform"}, "target_bucket": "acme-logs", "target_prefix": "records/"}},
		"data.aws_iam_policy_document.ci": {"id": "data.aws_iam_policy_document.ci", "kind": "grant", "type": "data.aws_iam_policy_document", "attrs": {"json": {"Statement": [{"Action": ["s3:PutObject"], "Effect": "Allow", "Resource": [{"$unknown": "${aws_s3_bucket.logs.arn}/*"}]}], "Version": "2012-10-17"}, "statement": [{"actions": ["s3:PutObject"], "resources": [{"$unknown": "${aws_s3_bucket.logs.arn}/*"}]}]}},
	},
}

account_block := {
	"id": "aws_s3_account_public_access_block.this",
	"kind": "resource",
	"type": "aws_s3_account_public_access_block",
	"file": "s3.tf",
	"line": 91,
	"attrs": {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

test_public_access_block if {
	hits(s3_public_access_block.deny) == {
		["aws_s3_bucket_public_access_block.open", "block_public_acls", false],
		["aws_s3_bucket_public_access_block.open", "block_public_policy", true],
		["aws_s3_bucket_public_access_block.open", "ignore_public_acls", false],
		["aws_s3_bucket_public_access_block.open", "restrict_public_buckets", false],
		["aws_s3_bucket.logs", "", false],
	} with input as {"nodes": [records, open, logs]}
	count(s3_public_access_block.deny) == 0 with input as {"nodes": [records, open, logs, account_block]}
}

test_account_public_access_block if {
	hits(s3_account_public_access_block.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider]}
	count(s3_account_public_access_block.deny) == 0 with input as {"nodes": [provider, account_block]}
	partial := json.patch(account_block, [{"op": "replace", "path": "/attrs/ignore_public_acls", "value": {"$unknown": "var.ignore"}}, {"op": "remove", "path": "/attrs/restrict_public_buckets"}])
	hits(s3_account_public_access_block.deny) == {
		["aws_s3_account_public_access_block.this", "ignore_public_acls", true],
		["aws_s3_account_public_access_block.this", "restrict_public_buckets", false],
	} with input as {"nodes": [provider, partial]}
}

test_acl_public if {
	hits(s3_acl_public.deny) == {["aws_s3_bucket_acl.open", "acl", false]} with input as {"nodes": [records, open, logs]}
	count(s3_acl_public.deny) == 0 with input as {"nodes": [records, open, logs, account_block]}
	inline := {"id": "b", "type": "aws_s3_bucket", "attrs": {"acl": {"$unknown": "var.acl"}}, "out": [], "in": [], "neighbours": {}}
	hits(s3_acl_public.deny) == {["b", "acl", true]} with input as {"nodes": [inline]}
}

test_policy_public if {
	hits(s3_policy_public.deny) == {["aws_s3_bucket_policy.open", "policy.Statement[0]", false]} with input as {"nodes": [records, open, logs]}
	count(s3_policy_public.deny) == 0 with input as {"nodes": [open, account_block]}

	# A condition narrows the statement; a policy from a variable is unknown.
	narrowed := json.patch(open, [{"op": "add", "path": "/neighbours/aws_s3_bucket_policy.open/attrs/policy/Statement/0/Condition", "value": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}])
	count(s3_policy_public.deny) == 0 with input as {"nodes": [narrowed]}
	unknown := json.patch(open, [{"op": "replace", "path": "/neighbours/aws_s3_bucket_policy.open/attrs/policy", "value": {"$unknown": "var.policy"}}])
	hits(s3_policy_public.deny) == {["aws_s3_bucket_policy.open", "policy", true]} with input as {"nodes": [unknown]}
}

test_kms_encryption if {
	count(s3_kms_encryption.deny) == 0 with input as {"nodes": [records, open, logs]}
	sse_s3 := json.patch(records, [{"op": "replace", "path": "/neighbours/aws_s3_bucket_server_side_encryption_configuration.records/attrs/rule/0/apply_server_side_encryption_by_default/0/sse_algorithm", "value": "AES256"}])
	hits(s3_kms_encryption.deny) == {["aws_s3_bucket_server_side_encryption_configuration.records", "rule[0].apply_server_side_encryption_by_default[0].sse_algorithm", false]} with input as {"nodes": [sse_s3]}
	sensitive_open := json.patch(open, [{"op": "add", "path": "/attrs/tags_all/data_classification", "value": "pii"}])
	hits(s3_kms_encryption.deny) == {["aws_s3_bucket.open", "", false]} with input as {"nodes": [sensitive_open]}
	unknown := json.patch(records, [{"op": "replace", "path": "/neighbours/aws_s3_bucket_server_side_encryption_configuration.records/attrs/rule/0/apply_server_side_encryption_by_default/0/sse_algorithm", "value": {"$unknown": "var.sse"}}])
	hits(s3_kms_encryption.deny) == {["aws_s3_bucket_server_side_encryption_configuration.records", "rule[0].apply_server_side_encryption_by_default[0].sse_algorithm", true]} with input as {"nodes": [unknown]}
}

test_versioning if {
	hits(s3_versioning.deny) == {["aws_s3_bucket.open", "", false], ["aws_s3_bucket.logs", "", false]} with input as {"nodes": [records, open, logs]}
	suspended := json.patch(records, [{"op": "replace", "path": "/neighbours/aws_s3_bucket_versioning.records/attrs/versioning_configuration/0/status", "value": "Suspended"}])
	hits(s3_versioning.deny) == {["aws_s3_bucket_versioning.records", "versioning_configuration[0].status", false]} with input as {"nodes": [suspended]}
	unknown := json.patch(records, [{"op": "replace", "path": "/neighbours/aws_s3_bucket_versioning.records/attrs/versioning_configuration/0/status", "value": {"$unknown": "var.versioning"}}])
	hits(s3_versioning.deny) == {["aws_s3_bucket_versioning.records", "versioning_configuration[0].status", true]} with input as {"nodes": [unknown]}
}

test_access_logging if {
	hits(s3_access_logging.deny) == {["aws_s3_bucket.open", "", false]} with input as {"nodes": [records, open, logs]}
	inline := {"id": "b", "type": "aws_s3_bucket", "attrs": {"logging": [{"target_bucket": {"$unknown": "var.log_bucket"}}]}, "out": [], "in": [], "neighbours": {}}
	hits(s3_access_logging.deny) == {["b", "logging[0].target_bucket", true]} with input as {"nodes": [inline]}
}

test_tls_only if {
	hits(s3_tls_only.deny) == {["aws_s3_bucket.open", "", false], ["aws_s3_bucket.logs", "", false]} with input as {"nodes": [records, open, logs]}
	unknown := json.patch(open, [{"op": "replace", "path": "/neighbours/aws_s3_bucket_policy.open/attrs/policy", "value": {"$unknown": "data.aws_iam_policy_document.open.json"}}])
	hits(s3_tls_only.deny) == {["aws_s3_bucket_policy.open", "policy", true]} with input as {"nodes": [unknown]}
}

test_object_lock if {
	count(s3_object_lock.deny) == 0 with input as {"nodes": [records, open, logs, critical]}
	critical_open := json.patch(open, [{"op": "add", "path": "/attrs/tags_all/data_classification", "value": "pci"}])
	hits(s3_object_lock.deny) == {["aws_s3_bucket.open", "object_lock_enabled", false]} with input as {"nodes": [critical_open]}
	unknown := json.patch(critical_open, [{"op": "add", "path": "/attrs/object_lock_enabled", "value": {"$unknown": "var.lock"}}])
	hits(s3_object_lock.deny) == {["aws_s3_bucket.open", "object_lock_enabled", true]} with input as {"nodes": [unknown]}
}

test_mfa_delete if {
	count(s3_mfa_delete.deny) == 0 with input as {"nodes": [records, open, logs]}
	hits(s3_mfa_delete.deny) == {["aws_s3_bucket_versioning.records", "versioning_configuration[0].mfa_delete", false]} with input as {"nodes": [critical]}
	with_mfa := json.patch(critical, [{"op": "add", "path": "/neighbours/aws_s3_bucket_versioning.records/attrs/versioning_configuration/0/mfa_delete", "value": "Enabled"}])
	count(s3_mfa_delete.deny) == 0 with input as {"nodes": [with_mfa]}
	unknown := json.patch(critical, [{"op": "add", "path": "/neighbours/aws_s3_bucket_versioning.records/attrs/versioning_configuration/0/mfa_delete", "value": {"$unknown": "var.mfa"}}])
	hits(s3_mfa_delete.deny) == {["aws_s3_bucket_versioning.records", "versioning_configuration[0].mfa_delete", true]} with input as {"nodes": [unknown]}
}

# ownership_controls is the customer_documents companion of the example, set to ObjectWriter.
ownership(value) := json.patch(open, [
	{"op": "add", "path": "/out/-", "value": {"kind": "protected-by", "to": "aws_s3_bucket_ownership_controls.open", "attrs": {"attribute": "bucket"}}},
	{"op": "add", "path": "/neighbours/aws_s3_bucket_ownership_controls.open", "value": {"id": "aws_s3_bucket_ownership_controls.open", "kind": "resource", "type": "aws_s3_bucket_ownership_controls", "attrs": {"bucket": "acme-open", "rule": [{"object_ownership": value}]}}},
])

test_ownership if {
	count(s3_ownership.deny) == 0 with input as {"nodes": [records, open, ownership("BucketOwnerEnforced")]}
	hits(s3_ownership.deny) == {["aws_s3_bucket_ownership_controls.open", "rule[0].object_ownership", false]} with input as {"nodes": [ownership("ObjectWriter")]}
	hits(s3_ownership.deny) == {["aws_s3_bucket_ownership_controls.open", "rule[0].object_ownership", true]} with input as {"nodes": [ownership({"$unknown": "var.ownership"})]}
}
