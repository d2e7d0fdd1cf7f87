# METADATA
# title: KMS keys rotate their key material
# description: >-
#   Automatic rotation replaces a symmetric key's material every year while keeping old material for
#   decryption, which limits how much data one exposed or weakened key protects. Asymmetric and HMAC keys
#   cannot rotate automatically and are not checked.
# custom:
#   id: SEAM-AWS-KMS-001
#   severity: medium
#   remediation: Set enable_key_rotation = true (and rotation_period_in_days if a shorter period is required).
#   frameworks:
#     cis-aws: ["3.6"]
#     nist-800-53: ["SC-12"]
#     pci-dss: ["3.6.1", "3.7.4"]
#     cis-kubernetes: []
#   select:
#     kinds: [key]
#     types: [aws_kms_key]
#     edges: []
package seam.controls.aws.kms_rotation

import rego.v1

import data.seam.lib

symmetric(n) if object.get(n.attrs, "customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"

deny contains v if {
	some n in input.nodes
	symmetric(n)
	x := object.get(n.attrs, "enable_key_rotation", false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": "enable_key_rotation", "msg": sprintf("%s does not rotate its key material", [n.id])}
}

deny contains v if {
	some n in input.nodes
	symmetric(n)
	lib.unknown(n.attrs.enable_key_rotation)
	v := {"node": n.id, "field": "enable_key_rotation", "msg": sprintf("%s may not rotate its key material", [n.id]), "unknown": lib.unknown_msg("enable_key_rotation", n.attrs.enable_key_rotation)}
}
