# METADATA
# title: The account encrypts new EBS volumes by default
# description: >-
#   EBS encryption by default makes every new volume and snapshot copy in the region encrypted, whatever the
#   module or console user that creates it forgets. Without it, each volume's encryption depends on one
#   attribute nobody reviews.
# custom:
#   id: SEAM-AWS-EC2-005
#   severity: medium
#   remediation: Add resource "aws_ebs_encryption_by_default" { enabled = true } to the account baseline.
#   frameworks:
#     cis-aws: ["2.2.1"]
#     nist-800-53: ["SC-28"]
#     pci-dss: ["3.5.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [account, resource]
#     types: [provider.aws, aws_ebs_encryption_by_default]
#     edges: []
package seam.controls.aws.ec2_ebs_default_encryption

import rego.v1

import data.seam.lib

settings := [d | some d in input.nodes; d.type == "aws_ebs_encryption_by_default"]

deny contains v if {
	some p in input.nodes
	p.type == "provider.aws"
	count(settings) == 0
	v := {"node": p.id, "msg": sprintf("%s: no aws_ebs_encryption_by_default in the files, so new EBS volumes are encrypted only when each one asks", [p.id])}
}

deny contains v if {
	some d in settings
	lib.is_false(object.get(d.attrs, "enabled", true))
	v := {"node": d.id, "field": "enabled", "msg": sprintf("%s turns EBS encryption by default off", [d.id])}
}

deny contains v if {
	some d in settings
	lib.unknown(d.attrs.enabled)
	v := {"node": d.id, "field": "enabled", "msg": sprintf("%s may turn EBS encryption by default off", [d.id]), "unknown": lib.unknown_msg("enabled", d.attrs.enabled)}
}
