# Tests of the CloudTrail and account-level detection controls. Nodes are from `seam graph
# internal/policy/library/testdata/aws --format json` (logging.tf, s3.tf) in the policy engine's input shape:
# trail good is multi-region, validated, KMS-encrypted and records data events of the records bucket (PII);
# trail bad sets none of these. Account-level controls select the provider.aws node with the resources
# that satisfy them.
package seam.controls.aws.logging_test

import rego.v1

import data.seam.controls.aws.account_access_analyzer
import data.seam.controls.aws.account_config_recorder
import data.seam.controls.aws.account_guardduty
import data.seam.controls.aws.account_security_hub
import data.seam.controls.aws.cloudtrail_cloudwatch
import data.seam.controls.aws.cloudtrail_kms
import data.seam.controls.aws.cloudtrail_log_validation
import data.seam.controls.aws.cloudtrail_multi_region
import data.seam.controls.aws.cloudtrail_present
import data.seam.controls.aws.cloudtrail_s3_data_events

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

provider := {"id": "provider.aws", "kind": "account", "type": "provider.aws", "attrs": {"region": "eu-west-1"}, "out": [], "in": [], "neighbours": {}}

detector := {"id": "aws_guardduty_detector.main", "kind": "logging", "type": "aws_guardduty_detector", "attrs": {"enable": true}, "out": [], "in": [], "neighbours": {}}

recorder := {"id": "aws_config_configuration_recorder.main", "kind": "logging", "type": "aws_config_configuration_recorder", "attrs": {"name": "default", "recording_group": [{"all_supported": true, "include_global_resource_types": true}], "role_arn": {"$unknown": "aws_iam_role.partner.arn"}}, "out": [], "in": [], "neighbours": {}}

analyzer := {"id": "aws_accessanalyzer_analyzer.account", "kind": "resource", "type": "aws_accessanalyzer_analyzer", "attrs": {"analyzer_name": "account"}, "out": [], "in": [], "neighbours": {}}

hub := {"id": "aws_securityhub_account.main", "kind": "resource", "type": "aws_securityhub_account", "attrs": {}, "out": [], "in": [], "neighbours": {}}

good := {
	"id": "aws_cloudtrail.good",
	"kind": "logging",
	"type": "aws_cloudtrail",
	"file": "logging.tf",
	"line": 2,
	"attrs": {"enable_log_file_validation": true, "event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": [{"$unknown": "${aws_s3_bucket.records.arn}/"}]}], "include_management_events": true, "read_write_type": "All"}], "is_multi_region_trail": true, "kms_key_id": {"$unknown": "aws_kms_key.good.arn"}, "name": "org", "s3_bucket_name": "acme-logs", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "logs-to", "to": "aws_s3_bucket.logs", "attrs": {"attribute": "s3_bucket_name"}}, {"kind": "protected-by", "to": "aws_kms_key.good", "attrs": {"attribute": "kms_key_id"}}, {"kind": "references", "to": "aws_s3_bucket.records", "attrs": {"attribute": "event_selector[0].data_resource[0].values"}}],
	"in": [],
	"neighbours": {},
}

bad := {
	"id": "aws_cloudtrail.bad",
	"kind": "logging",
	"type": "aws_cloudtrail",
	"file": "logging.tf",
	"line": 18,
	"attrs": {"name": "legacy", "s3_bucket_name": "acme-logs", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "logs-to", "to": "aws_s3_bucket.logs", "attrs": {"attribute": "s3_bucket_name"}}],
	"in": [],
	"neighbours": {},
}


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
	},
}

test_cloudtrail_present if {
	hits(cloudtrail_present.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider]}
	count(cloudtrail_present.deny) == 0 with input as {"nodes": [provider, bad]}
}

test_multi_region if {
	hits(cloudtrail_multi_region.deny) == {["aws_cloudtrail.bad", "is_multi_region_trail", false]} with input as {"nodes": [good, bad]}
	hits(cloudtrail_multi_region.deny) == {["aws_cloudtrail.good", "is_multi_region_trail", true]} with input as {"nodes": [json.patch(good, [{"op": "replace", "path": "/attrs/is_multi_region_trail", "value": {"$unknown": "var.multi_region"}}])]}
}

test_log_validation if {
	hits(cloudtrail_log_validation.deny) == {["aws_cloudtrail.bad", "enable_log_file_validation", false]} with input as {"nodes": [good, bad]}
	hits(cloudtrail_log_validation.deny) == {["aws_cloudtrail.good", "enable_log_file_validation", true]} with input as {"nodes": [json.patch(good, [{"op": "replace", "path": "/attrs/enable_log_file_validation", "value": {"$unknown": "var.validate"}}])]}
}

test_kms if {
	hits(cloudtrail_kms.deny) == {["aws_cloudtrail.bad", "kms_key_id", false]} with input as {"nodes": [good, bad]}
}

test_cloudwatch if {
	hits(cloudtrail_cloudwatch.deny) == {["aws_cloudtrail.good", "cloud_watch_logs_group_arn", false], ["aws_cloudtrail.bad", "cloud_watch_logs_group_arn", false]} with input as {"nodes": [good, bad]}
	count(cloudtrail_cloudwatch.deny) == 0 with input as {"nodes": [json.patch(good, [{"op": "add", "path": "/attrs/cloud_watch_logs_group_arn", "value": {"$unknown": "aws_cloudwatch_log_group.trail.arn"}}])]}
}

test_s3_data_events if {
	count(cloudtrail_s3_data_events.deny) == 0 with input as {"nodes": [good, bad, records]}
	unlogged := json.patch(records, [{"op": "remove", "path": "/in/0"}])
	hits(cloudtrail_s3_data_events.deny) == {["aws_s3_bucket.records", "", false]} with input as {"nodes": [bad, unlogged]}
	every_bucket := json.patch(bad, [{"op": "add", "path": "/attrs/advanced_event_selector", "value": [{"name": "all objects", "field_selector": [{"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type", "equals": ["AWS::S3::Object"]}]}]}])
	count(cloudtrail_s3_data_events.deny) == 0 with input as {"nodes": [every_bucket, unlogged]}
}

test_guardduty if {
	hits(account_guardduty.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider]}
	count(account_guardduty.deny) == 0 with input as {"nodes": [provider, detector]}
	hits(account_guardduty.deny) == {["aws_guardduty_detector.main", "enable", false]} with input as {"nodes": [provider, json.patch(detector, [{"op": "replace", "path": "/attrs/enable", "value": false}])]}
	hits(account_guardduty.deny) == {["aws_guardduty_detector.main", "enable", true]} with input as {"nodes": [provider, json.patch(detector, [{"op": "replace", "path": "/attrs/enable", "value": {"$unknown": "var.guardduty"}}])]}
}

test_config_recorder if {
	hits(account_config_recorder.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider]}
	count(account_config_recorder.deny) == 0 with input as {"nodes": [provider, recorder]}
	partial := json.patch(recorder, [{"op": "replace", "path": "/attrs/recording_group/0/all_supported", "value": false}])
	hits(account_config_recorder.deny) == {["aws_config_configuration_recorder.main", "recording_group[0].all_supported", false]} with input as {"nodes": [provider, partial]}
}

test_security_hub if {
	hits(account_security_hub.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider]}
	count(account_security_hub.deny) == 0 with input as {"nodes": [provider, hub]}
}

test_access_analyzer if {
	hits(account_access_analyzer.deny) == {["provider.aws", "", false]} with input as {"nodes": [provider]}
	count(account_access_analyzer.deny) == 0 with input as {"nodes": [provider, analyzer]}
}
