# METADATA
# title: EKS sends API, audit and authenticator logs to CloudWatch
# description: >-
#   The Kubernetes audit log is the only record of who read which secret, created which pod or bound which
#   role; the authenticator log maps those users to IAM principals. Without them a cluster compromise cannot
#   be traced, and Seam's telemetry coverage sees no EKS audit events.
# custom:
#   id: SEAM-AWS-EKS-003
#   severity: medium
#   remediation: Set enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"].
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss: ["10.2.1", "10.2.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [cluster]
#     types: [aws_eks_cluster]
#     edges: []
package seam.controls.aws.eks_control_plane_logging

import rego.v1

import data.seam.lib

required := ["api", "audit", "authenticator"]

deny contains v if {
	some n in input.nodes
	types := object.get(n.attrs, "enabled_cluster_log_types", [])
	not lib.unknown(types)
	missing := [t | some t in required; not t in types]
	count(missing) > 0
	v := {"node": n.id, "field": "enabled_cluster_log_types", "msg": sprintf("%s does not log %s", [n.id, concat(", ", missing)])}
}

deny contains v if {
	some n in input.nodes
	lib.unknown(n.attrs.enabled_cluster_log_types)
	v := {"node": n.id, "field": "enabled_cluster_log_types", "msg": sprintf("%s may not keep audit logs", [n.id]), "unknown": lib.unknown_msg("enabled_cluster_log_types", n.attrs.enabled_cluster_log_types)}
}
