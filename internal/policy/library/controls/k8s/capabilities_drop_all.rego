# METADATA
# title: Containers drop all capabilities
# description: >-
#   A container keeps the runtime's default capabilities (NET_RAW among them, which allows ARP and DNS spoofing
#   on the node's network) unless it drops ALL. The restricted Pod Security Standard requires it.
# custom:
#   id: SEAM-K8S-PSR-004
#   severity: medium
#   remediation: "Set securityContext.capabilities.drop: [ALL] and add back only NET_BIND_SERVICE if needed."
#   frameworks:
#     cis-kubernetes: ["5.2.8", "5.2.10"]
#     nist-800-53: ["AC-6", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.capabilities_drop_all

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	not "ALL" in k8s.caps(c, "drop")
	v := k8s.result(n, sprintf("%s.securityContext.capabilities", [p]), sprintf("%s: container %s does not drop ALL capabilities", [n.id, k8s.name(c)]))
}
