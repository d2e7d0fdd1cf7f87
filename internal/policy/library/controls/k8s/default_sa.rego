# METADATA
# title: Workloads do not use the default ServiceAccount
# description: >-
#   Every pod that names no ServiceAccount shares the namespace's default one: a grant added to it for one
#   workload reaches all, and its token cannot be told apart in the audit log.
# custom:
#   id: SEAM-K8S-SA-003
#   severity: low
#   remediation: Create a ServiceAccount per workload and set serviceAccountName.
#   frameworks:
#     cis-kubernetes: ["5.1.5"]
#     nist-800-53: ["AC-2", "AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.default_sa

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	object.get(n.attrs, "service_account_name", "default") == "default"
	v := k8s.result(n, k8s.pod_field(n, "serviceAccountName"), sprintf("%s runs as the default ServiceAccount of namespace %s", [n.id, k8s.namespace(n)]))
}
