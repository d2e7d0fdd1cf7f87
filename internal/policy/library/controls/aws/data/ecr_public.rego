# METADATA
# title: ECR repository policies do not allow everyone
# description: >-
#   A repository policy allowing Principal "*" lets any AWS account pull the images — with the code,
#   configuration and any secrets baked into them — or, with push actions, replace them.
# custom:
#   id: SEAM-AWS-ECR-003
#   severity: high
#   remediation: Name the accounts or roles that pull (aws:PrincipalOrgID for an organization); publish public images through ECR Public instead.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_ecr_repository]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.ecr_public

import rego.v1

import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some f in aws.public_policy_findings(n, "aws_ecr_repository_policy", "repository")
	v := f
}
