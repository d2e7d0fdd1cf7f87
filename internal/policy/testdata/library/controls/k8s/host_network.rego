# METADATA
# title: Workloads do not share the node's network namespace
# description: >-
#   A pod on the host network reaches every service bound on the node, including the instance metadata
#   service, and bypasses NetworkPolicy.
# custom:
#   id: SEAM-K8S-POD-001
#   severity: high
#   remediation: Remove hostNetwork true from the pod spec.
#   frameworks:
#     cis-kubernetes: ["5.2.5"]
#     pci-dss: ["1.3.1"]
#   select:
#     kinds: [workload]
#     types: [Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod]
package seam.controls.k8s.host_network

import data.seam.lib
import rego.v1

deny contains v if {
	some n in input.nodes
	lib.is_true(n.attrs.host_network)
	v := {"node": n.id, "msg": sprintf("%s uses the host network", [n.name]), "field": "spec.template.spec.hostNetwork"}
}
