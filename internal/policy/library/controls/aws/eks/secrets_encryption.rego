# METADATA
# title: EKS encrypts Kubernetes secrets with a customer managed key
# description: >-
#   Envelope encryption of secrets with a KMS key the account controls means that reading secrets from etcd
#   backups or snapshots needs kms:Decrypt on that key, which is logged and can be revoked; without it
#   the cluster's secrets rest under keys the account cannot audit or revoke.
# custom:
#   id: SEAM-AWS-EKS-002
#   severity: medium
#   remediation: Add encryption_config { resources = ["secrets"], provider { key_arn = aws_kms_key.<key>.arn } }.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-28", "SC-12"]
#     pci-dss: ["3.5.1", "3.6.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [cluster]
#     types: [aws_eks_cluster]
#     edges: []
package seam.controls.aws.eks_secrets_encryption

import rego.v1

import data.seam.lib

encrypts(n) if {
	some c in lib.blocks(object.get(n.attrs, "encryption_config", []))
	"secrets" in object.get(c, "resources", [])
}

deny contains v if {
	some n in input.nodes
	not encrypts(n)
	not lib.unknown(object.get(n.attrs, "encryption_config", []))
	v := {"node": n.id, "field": "encryption_config", "msg": sprintf("%s does not encrypt Kubernetes secrets with a KMS key", [n.id])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.encryption_config)
	v := {"node": n.id, "field": "encryption_config", "msg": sprintf("%s may not encrypt Kubernetes secrets with a KMS key", [n.id]), "unknown": lib.unknown_msg("encryption_config", n.attrs.encryption_config)}
}
