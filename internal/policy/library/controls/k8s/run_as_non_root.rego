# METADATA
# title: Containers must run as non-root
# description: >-
#   Without runAsNonRoot the kubelet starts the image's user, which is root for most images; a root process
#   turns a container escape or a hostPath mount into root on the node. The restricted Pod Security Standard
#   requires it. Seam takes the container's setting, else the pod's.
# custom:
#   id: SEAM-K8S-PSR-001
#   severity: medium
#   remediation: "Set securityContext.runAsNonRoot: true (pod or container) and a non-zero runAsUser the image supports."
#   frameworks:
#     cis-kubernetes: ["5.2.7"]
#     nist-800-53: ["AC-6", "CM-7"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
#     edges: []
package seam.controls.k8s.run_as_non_root

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	some [p, c] in k8s.containers(n)
	x := k8s.effective(n, c, "run_as_non_root")
	x != true
	not nonzero_user(n, c)
	v := k8s.verdict(n, k8s.effective_field(n, p, c, "run_as_non_root", "runAsNonRoot"), sprintf("%s: container %s may run as root (runAsNonRoot is %v)", [n.id, k8s.name(c), x]), x)
}

# nonzero_user is true when a non-zero runAsUser pins the process to a non-root user anyway.
nonzero_user(n, c) if {
	u := k8s.effective(n, c, "run_as_user")
	is_number(u)
	u != 0
}
