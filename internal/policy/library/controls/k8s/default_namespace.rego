# METADATA
# title: Workloads do not run in the default namespace
# description: >-
#   The default namespace is where everything lands without a decision: its workloads share RBAC, quotas and
#   network policy with whatever else was applied there, so nothing bounds them.
# custom:
#   id: SEAM-K8S-WL-004
#   severity: low
#   remediation: Give the workload its own namespace (metadata.namespace) with its own policies.
#   frameworks:
#     cis-kubernetes: ["5.7.4", "5.7.1"]
#     nist-800-53: ["SC-7", "AC-4"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.default_namespace

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	k8s.namespace(n) == "default"
	v := k8s.result(n, "metadata.namespace", sprintf("%s runs in the default namespace", [n.id]))
}
