# Tests of the KMS controls. Nodes are from `seam graph internal/policy/library/testdata/aws --format json`
# (data.tf) in the policy engine's input shape, edges to the resources they protect left out: good rotates
# and grants only the account root; bad does not rotate and allows Principal "*" to decrypt.
package seam.controls.aws.kms_test

import rego.v1

import data.seam.controls.aws.kms_policy_public
import data.seam.controls.aws.kms_rotation

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

good := {
	"id": "aws_kms_key.good",
	"kind": "key",
	"type": "aws_kms_key",
	"file": "data.tf",
	"line": 67,
	"attrs": {"description": "records", "enable_key_rotation": true, "policy": {"Statement": [{"Action": "kms:*", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Resource": "*", "Sid": "Root"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {},
}

bad := {
	"id": "aws_kms_key.bad",
	"kind": "key",
	"type": "aws_kms_key",
	"file": "data.tf",
	"line": 82,
	"attrs": {"description": "legacy", "policy": {"Statement": [{"Action": "kms:Decrypt", "Effect": "Allow", "Principal": "*", "Resource": "*"}], "Version": "2012-10-17"}, "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {},
}


test_rotation if {
	hits(kms_rotation.deny) == {["aws_kms_key.bad", "enable_key_rotation", false]} with input as {"nodes": [good, bad]}
	count(kms_rotation.deny) == 0 with input as {"nodes": [json.patch(bad, [{"op": "add", "path": "/attrs/customer_master_key_spec", "value": "RSA_2048"}])]}
	hits(kms_rotation.deny) == {["aws_kms_key.good", "enable_key_rotation", true]} with input as {"nodes": [json.patch(good, [{"op": "replace", "path": "/attrs/enable_key_rotation", "value": {"$unknown": "var.rotate"}}])]}
}

test_policy_public if {
	hits(kms_policy_public.deny) == {["aws_kms_key.bad", "policy.Statement[0]", false]} with input as {"nodes": [good, bad]}
	hits(kms_policy_public.deny) == {["aws_kms_key.good", "policy", true]} with input as {"nodes": [json.patch(good, [{"op": "replace", "path": "/attrs/policy", "value": {"$unknown": "data.aws_iam_policy_document.key.json"}}])]}
}
