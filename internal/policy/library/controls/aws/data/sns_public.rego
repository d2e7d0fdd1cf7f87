# METADATA
# title: SNS topic policies do not allow everyone
# description: >-
#   A topic policy allowing Principal "*" without a condition lets any AWS account publish to the topic —
#   injecting messages into every subscriber — or subscribe to it and receive every message.
# custom:
#   id: SEAM-AWS-SNS-002
#   severity: high
#   remediation: Name the publishing principals, or add aws:SourceOwner, aws:SourceArn or aws:PrincipalOrgID conditions.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [resource, datastore]
#     types: [aws_sns_topic]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.sns_public

import rego.v1

import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some f in aws.public_policy_findings(n, "aws_sns_topic_policy", "topic")
	v := f
}
