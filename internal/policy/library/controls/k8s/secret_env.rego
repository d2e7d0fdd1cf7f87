# METADATA
# title: Secrets are mounted as files, not environment variables
# description: >-
#   A Secret in an environment variable is inherited by every child process, printed by crash handlers and debug
#   endpoints, and visible to anyone who can exec into the pod or read /proc; a mounted file can be read-only
#   and rotated.
# custom:
#   id: SEAM-K8S-SEC-002
#   severity: low
#   remediation: Mount the Secret as a volume and read it from the file.
#   frameworks:
#     cis-kubernetes: ["5.4.1"]
#     nist-800-53: ["SC-28", "IA-5"]
#     pci-dss: ["8.3.2"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.secret_env

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	some i, e in object.get(c, "env", [])
	s := e.value_from.secret
	v := k8s.result(n, sprintf("%s.env[%d]", [p, i]), sprintf("%s: container %s reads Secret %s into env %s", [n.id, k8s.name(c), s, e.name]))
}

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	some i, e in object.get(c, "env_from", [])
	s := e.secret
	v := k8s.result(n, sprintf("%s.envFrom[%d]", [p, i]), sprintf("%s: container %s loads every key of Secret %s into its environment", [n.id, k8s.name(c), s]))
}
