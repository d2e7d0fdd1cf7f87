# METADATA
# title: Secrets Manager secrets rotate
# description: >-
#   A secret that never rotates stays valid for as long as anyone who ever read it — a former employee, a
#   leaked build log, a compromised workload — keeps a copy. Rotation bounds that window and proves the
#   consumers can take a new value.
# custom:
#   id: SEAM-AWS-SM-001
#   severity: medium
#   remediation: Add aws_secretsmanager_secret_rotation with a rotation Lambda (or managed rotation) and rotation_rules { automatically_after_days = 30 }.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-5", "IA-5(1)"]
#     pci-dss: ["8.6.3"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_secretsmanager_secret]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.secrets_rotation

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	count(lib.linked(n, "aws_secretsmanager_secret_rotation")) == 0
	v := {"node": n.id, "msg": sprintf("%s is never rotated: no aws_secretsmanager_secret_rotation in the files", [n.id])}
}
