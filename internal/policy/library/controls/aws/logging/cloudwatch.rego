# METADATA
# title: CloudTrail delivers to CloudWatch Logs
# description: >-
#   Logs that only land in S3 are read after the fact. Delivered to CloudWatch Logs, the trail can drive
#   metric filters and alarms on root use, policy changes and console sign-in failures while they happen.
# custom:
#   id: SEAM-AWS-CT-005
#   severity: low
#   remediation: Set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AU-6", "SI-4"]
#     pci-dss: ["10.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [logging]
#     types: [aws_cloudtrail]
#     edges: []
package seam.controls.aws.cloudtrail_cloudwatch

import rego.v1

deny contains v if {
	some n in input.nodes
	not n.attrs.cloud_watch_logs_group_arn
	v := {"node": n.id, "field": "cloud_watch_logs_group_arn", "msg": sprintf("%s does not deliver to CloudWatch Logs", [n.id])}
}
