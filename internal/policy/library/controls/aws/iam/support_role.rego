# METADATA
# title: A role can manage incidents with AWS Support
# description: >-
#   During an incident someone must be able to open and follow AWS Support cases without using the root user
#   or an administrator. CIS asks for a role with the AWSSupportAccess managed policy.
# custom:
#   id: SEAM-AWS-IAM-017
#   severity: low
#   remediation: Create a role for the incident responders and attach arn:aws:iam::aws:policy/AWSSupportAccess.
#   frameworks:
#     cis-aws: ["1.17"]
#     nist-800-53: ["IR-7"]
#     pci-dss: ["12.10.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, grant, identity]
#     types: [provider.aws, aws_iam_role_policy_attachment, aws_iam_group_policy_attachment, aws_iam_user_policy_attachment, aws_iam_policy_attachment, aws_iam_role]
#     edges: []
package seam.controls.aws.iam_support_role

import rego.v1

import data.seam.lib.aws

supported if {
	some n in input.nodes
	some m in aws.managed_arns(n)
	is_string(m.arn)
	endswith(m.arn, ":policy/AWSSupportAccess")
}

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	not supported
	v := {"node": p.id, "msg": sprintf("%s: no role, group or user in the files has AWSSupportAccess", [p.id])}
}
