# METADATA
# title: Containers do not bind host ports
# description: >-
#   A hostPort publishes the container on the node's own address, past Services and NetworkPolicy, and pins the
#   pod to nodes where the port is free. Kubernetes Pod Security Standards (baseline) forbid it.
# custom:
#   id: SEAM-K8S-PSS-006
#   severity: medium
#   remediation: Remove hostPort and expose the container through a Service.
#   frameworks:
#     cis-kubernetes: ["5.2.13"]
#     nist-800-53: ["SC-7", "CM-7"]
#     pci-dss: ["1.2.5"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.host_ports

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	some i, port in object.get(c, "ports", []) 
	hp := object.get(port, "host_port", 0)
	hp != 0
	v := k8s.verdict(n, sprintf("%s.ports[%d].hostPort", [p, i]), sprintf("%s: container %s binds host port %v", [n.id, k8s.name(c), hp]), hp)
}
