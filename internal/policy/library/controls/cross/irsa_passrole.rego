# METADATA
# title: ServiceAccounts do not map to a cloud role that can pass roles
# description: >-
#   iam:PassRole lets an identity hand any role it may pass to a new EC2 instance, Lambda or ECS task and act as
#   that role: with IRSA, every pod of the ServiceAccount holds that escalation. Reads the ServiceAccount's
#   uses-identity edge to the IAM role and the role's can edges (actions) between the selected identities.
# custom:
#   id: SEAM-CROSS-IRSA-001
#   severity: high
#   remediation: Remove iam:PassRole from the role, or restrict it to named roles with an iam:PassedToService condition.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [identity]
#     edges: {out: [uses-identity], neighbours: false}
package seam.controls.cross.irsa_passrole

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

passes(role) := sort(graph.passes(graph.node(role)))

deny contains v if {
	some n in input.nodes
	n.type == "ServiceAccount"
	some role in graph.out(n, "uses-identity")
	targets := passes(role)
	count(targets) > 0
	v := {"node": n.id, "msg": sprintf("%s maps (IRSA) to %s, which can pass role(s) %s", [n.id, role, concat(", ", targets)]), "related": array.concat([role], targets)}
}
