# METADATA
# title: IAM Access Analyzer is enabled
# description: >-
#   IAM Access Analyzer finds resources — buckets, keys, roles, queues, secrets — shared with principals
#   outside the account or organization, which is how an accidental public or cross-account grant is
#   noticed.
# custom:
#   id: SEAM-AWS-ACCT-004
#   severity: low
#   remediation: Add aws_accessanalyzer_analyzer with type ACCOUNT (or ORGANIZATION) in every region in use.
#   frameworks:
#     cis-aws: ["1.20"]
#     nist-800-53: ["AC-6", "CA-7"]
#     pci-dss: ["7.2.4"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, resource]
#     types: [provider.aws, aws_accessanalyzer_analyzer]
#     edges: []
package seam.controls.aws.account_access_analyzer

import rego.v1

present := [x | some x in input.nodes; x.type == "aws_accessanalyzer_analyzer"]

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	count(present) == 0
	v := {"node": p.id, "msg": sprintf("%s: no aws_accessanalyzer_analyzer in the files", [p.id])}
}
