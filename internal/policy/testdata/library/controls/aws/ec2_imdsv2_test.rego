package seam.controls.aws.ec2_imdsv2_test

import data.seam.controls.aws.ec2_imdsv2
import rego.v1

test_required_passes if {
	count(ec2_imdsv2.deny) == 0 with input as {"nodes": [{"id": "a", "name": "a", "attrs": {"metadata_options": [{"http_tokens": "required"}]}}]}
}

test_optional_fails if {
	count(ec2_imdsv2.deny) == 1 with input as {"nodes": [{"id": "a", "name": "a", "attrs": {"metadata_options": [{"http_tokens": "optional"}]}}]}
}

test_unknown_is_unknown if {
	some v in ec2_imdsv2.deny with input as {"nodes": [{"id": "a", "name": "a", "attrs": {"metadata_options": [{"http_tokens": {"$unknown": "var.tokens"}}]}}]}
	v.unknown == "http_tokens is var.tokens, unknown to Seam"
}
