# METADATA
# title: EBS volumes and instance disks are encrypted
# description: >-
#   An unencrypted volume or snapshot can be copied and read by anyone who obtains snapshot or volume
#   permissions in the account, and shares of it leak the data in the clear. A disk whose encryption is not
#   set is encrypted only when the account turns on EBS encryption by default.
# custom:
#   id: SEAM-AWS-EC2-004
#   severity: high
#   remediation: Set encrypted = true on every root_block_device, ebs_block_device and aws_ebs_volume, or enable aws_ebs_encryption_by_default.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-28", "SC-13"]
#     pci-dss: ["3.5.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload, resource, datastore]
#     types: [aws_instance, aws_launch_template, aws_ebs_volume, aws_ebs_encryption_by_default]
#     edges: []
package seam.controls.aws.ec2_ebs_encryption

import rego.v1

import data.seam.lib

# by_default: the files turn on account-wide default encryption (a known true; an unknown leaves the
# absent settings unknown).
by_default if {
	some d in input.nodes
	d.type == "aws_ebs_encryption_by_default"
	lib.is_true(object.get(d.attrs, "enabled", true))
}

default_unknown := d if {
	some d in input.nodes
	d.type == "aws_ebs_encryption_by_default"
	lib.unknown(d.attrs.enabled)
}

deny contains v if {
	some n in input.nodes
	some d in disks(n)
	x := object.get(d.block, "encrypted", null)
	lib.is_false(x)
	v := {"node": n.id, "field": d.field, "msg": sprintf("%s has an unencrypted EBS disk", [n.id])}
}

deny contains v if {
	some n in input.nodes
	some d in disks(n)
	object.get(d.block, "encrypted", null) == null
	object.get(d.block, "snapshot_id", null) == null
	not by_default
	not default_unknown
	v := {"node": n.id, "field": d.field, "msg": sprintf("%s has an EBS disk without encryption and the files do not enable EBS encryption by default", [n.id])}
}

deny contains v if {
	some n in input.nodes
	some d in disks(n)
	x := object.get(d.block, "encrypted", null)
	lib.unknown(x)
	v := {"node": n.id, "field": d.field, "msg": sprintf("%s may have an unencrypted EBS disk", [n.id]), "unknown": lib.unknown_msg(d.field, x)}
}

deny contains v if {
	some n in input.nodes
	some d in disks(n)
	object.get(d.block, "encrypted", null) == null
	not by_default
	u := default_unknown
	v := {"node": n.id, "field": d.field, "msg": sprintf("%s may have an unencrypted EBS disk", [n.id]), "unknown": sprintf("encryption is unset and %s", [lib.unknown_msg(sprintf("%s enabled", [u.id]), u.attrs.enabled)])}
}

# disks(n) lists the EBS settings blocks of n with the path of their encrypted attribute.
disks(n) := [{"block": n.attrs, "field": "encrypted"}] if n.type == "aws_ebs_volume"

disks(n) := array.concat(
	[{"block": b, "field": sprintf("root_block_device[%d].encrypted", [i])} | some i, b in lib.blocks(object.get(n.attrs, "root_block_device", [{}]))],
	[{"block": b, "field": sprintf("ebs_block_device[%d].encrypted", [i])} | some i, b in lib.blocks(object.get(n.attrs, "ebs_block_device", []))],
) if n.type == "aws_instance"

disks(n) := [{"block": e, "field": sprintf("block_device_mappings[%d].ebs[%d].encrypted", [i, j])} |
	some i, b in lib.blocks(object.get(n.attrs, "block_device_mappings", []))
	some j, e in object.get(b, "ebs", [])
] if n.type == "aws_launch_template"
