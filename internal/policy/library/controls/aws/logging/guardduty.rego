# METADATA
# title: GuardDuty is enabled
# description: >-
#   GuardDuty watches CloudTrail, VPC flow logs and DNS logs for credential misuse, instance compromise and
#   exfiltration — including the use of instance credentials from outside AWS, the usual sign of an IMDS
#   theft. Without a detector, nobody is told.
# custom:
#   id: SEAM-AWS-ACCT-001
#   severity: medium
#   remediation: Add aws_guardduty_detector { enable = true } in every region (or delegate an organization administrator).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SI-4", "IR-4"]
#     pci-dss: ["11.5.1", "10.4.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, logging]
#     types: [provider.aws, aws_guardduty_detector]
#     edges: []
package seam.controls.aws.account_guardduty

import rego.v1

import data.seam.lib

present := [x | some x in input.nodes; x.type == "aws_guardduty_detector"]

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	count(present) == 0
	v := {"node": p.id, "msg": sprintf("%s: no aws_guardduty_detector in the files", [p.id])}
}

deny contains v if {
	some d in present
	lib.is_false(object.get(d.attrs, "enable", true))
	v := {"node": d.id, "field": "enable", "msg": sprintf("%s is disabled", [d.id])}
}

deny contains v if {
	some d in present
	lib.unknown(d.attrs.enable)
	v := {"node": d.id, "field": "enable", "msg": sprintf("%s may be disabled", [d.id]), "unknown": lib.unknown_msg("enable", d.attrs.enable)}
}
