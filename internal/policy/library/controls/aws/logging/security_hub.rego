# METADATA
# title: Security Hub is enabled
# description: >-
#   Security Hub collects findings from GuardDuty, Inspector, Macie, Config and IAM Access Analyzer into one
#   place with the owners' context, and runs the CIS and AWS best-practice standards continuously.
# custom:
#   id: SEAM-AWS-ACCT-003
#   severity: low
#   remediation: Add aws_securityhub_account (and aws_securityhub_standards_subscription for the CIS AWS Foundations Benchmark).
#   frameworks:
#     cis-aws: ["4.16"]
#     nist-800-53: ["SI-4", "CA-7"]
#     pci-dss: ["10.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, resource]
#     types: [provider.aws, aws_securityhub_account]
#     edges: []
package seam.controls.aws.account_security_hub

import rego.v1

present := [x | some x in input.nodes; x.type == "aws_securityhub_account"]

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	count(present) == 0
	v := {"node": p.id, "msg": sprintf("%s: no aws_securityhub_account in the files", [p.id])}
}
