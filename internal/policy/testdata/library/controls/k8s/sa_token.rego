# METADATA
# title: Workloads do not mount a ServiceAccount token they do not need
# description: >-
#   A mounted token lets code execution in the pod talk to the Kubernetes API as the pod's ServiceAccount,
#   and, through IRSA, trade it for the cloud role bound to it.
# custom:
#   id: SEAM-K8S-SA-001
#   severity: medium
#   remediation: Set automountServiceAccountToken false on the pod spec (or the ServiceAccount) unless the pod calls the API.
#   frameworks:
#     cis-kubernetes: ["5.1.6"]
#     nist-800-53: ["AC-6"]
#   select:
#     kinds: [workload]
#     types: [Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod]
package seam.controls.k8s.sa_token

import data.seam.lib
import rego.v1

deny contains v if {
	some n in input.nodes
	lib.is_true(n.attrs.automount_effective)
	v := {"node": n.id, "msg": sprintf("%s mounts its ServiceAccount token", [n.name]), "field": "spec.template.spec.automountServiceAccountToken"}
}
