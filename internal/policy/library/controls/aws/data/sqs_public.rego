# METADATA
# title: SQS queue policies do not allow everyone
# description: >-
#   A queue policy allowing Principal "*" without a condition lets any AWS account send messages into the
#   queue — feeding the consumer attacker-controlled input — or receive and delete the messages meant for
#   it.
# custom:
#   id: SEAM-AWS-SQS-002
#   severity: high
#   remediation: Name the principals that send and receive, or add aws:SourceArn or aws:PrincipalOrgID conditions.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_sqs_queue]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.sqs_public

import rego.v1

import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some f in aws.public_policy_findings(n, "aws_sqs_queue_policy", "queue")
	v := f
}
