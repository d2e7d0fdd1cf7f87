# METADATA
# title: DynamoDB tables of sensitive data use a customer managed key
# description: >-
#   By default DynamoDB encrypts with an AWS owned key the account cannot see or control. For personal, card
#   or health data a customer managed key makes every read also depend on a key policy the owner controls
#   and records each use in CloudTrail.
# custom:
#   id: SEAM-AWS-DDB-002
#   severity: low
#   remediation: Set server_side_encryption { enabled = true, kms_key_arn = <customer managed key ARN> }.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-12", "SC-28"]
#     pci-dss: ["3.5.1", "3.6.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_dynamodb_table]
#     edges: []
package seam.controls.aws.dynamodb_kms

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	lib.sensitive(n)
	not n.attrs.server_side_encryption[0].kms_key_arn
	v := {"node": n.id, "field": "server_side_encryption[0].kms_key_arn", "msg": sprintf("%s holds sensitive data without a customer managed key", [n.id])}
}
