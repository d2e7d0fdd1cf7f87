# METADATA
# title: Roles do not trust every AWS service
# description: >-
#   A Service principal of "*" (or a wildcard such as "*.amazonaws.com") lets any AWS service, acting for any
#   customer, assume the role. Name the one service that runs the workload.
# custom:
#   id: SEAM-AWS-IAM-015
#   severity: high
#   remediation: Set Principal { Service = "<service>.amazonaws.com" } for the service that uses the role, with aws:SourceAccount or aws:SourceArn.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "AC-6"]
#     pci-dss: ["7.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [identity]
#     types: [aws_iam_role]
#     edges: []
package seam.controls.aws.iam_trust_service_wildcard

import rego.v1

import data.seam.lib
import data.seam.lib.aws

deny contains v if {
	some n in input.nodes
	some [i, s] in aws.statements(aws.trust_doc(n))
	aws.allows(s)
	services := [p | some p in lib.as_list(object.get(object.get(s, "Principal", {}), "Service", [])); is_string(p); contains(p, "*")]
	count(services) > 0
	v := {"node": n.id, "field": sprintf("assume_role_policy.Statement[%d]", [i]), "msg": sprintf("%s: trust statement %d trusts service %s", [n.id, i, concat(", ", services)])}
}
