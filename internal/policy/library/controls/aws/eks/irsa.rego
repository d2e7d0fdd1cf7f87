# METADATA
# title: EKS clusters give pods their own AWS identities
# description: >-
#   Without an IAM OIDC provider (IRSA) or EKS Pod Identity, pods that call AWS use the node's instance role,
#   so every pod on a node holds the union of what any of them needs. Per-workload roles keep a compromised
#   pod to its own permissions.
# custom:
#   id: SEAM-AWS-EKS-004
#   severity: medium
#   remediation: Add aws_iam_openid_connect_provider for the cluster's OIDC issuer (or the eks-pod-identity-agent add-on with aws_eks_pod_identity_association) and give each workload its own role.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-6", "IA-2"]
#     pci-dss: ["7.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [cluster]
#     types: [aws_eks_cluster]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.eks_irsa

import rego.v1

import data.seam.lib

federated(n) if count(lib.linked(n, "aws_iam_openid_connect_provider")) > 0

federated(n) if count(lib.linked(n, "aws_eks_pod_identity_association")) > 0

deny contains v if {
	some n in input.nodes
	not federated(n)
	v := {"node": n.id, "msg": sprintf("%s has no IAM OIDC provider or pod identity association in the files: pods fall back to the node role", [n.id])}
}
