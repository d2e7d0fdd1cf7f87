# METADATA
# title: Workloads on an attack path do not run privileged
# description: >-
#   A workload on an attack path to a crown jewel is where an attacker lands; if it runs privileged or shares
#   the host's namespaces, or mounts the host's filesystem, the next step is the node and everything on it.
#   Relies on the attack paths the engine lists on the node (input paths).
# custom:
#   id: SEAM-CROSS-PATH-001
#   severity: critical
#   remediation: Remove privileged, hostPID/hostNetwork/hostIPC and hostPath from the workload, or cut the path at its choke point (seam paths).
#   frameworks:
#     cis-kubernetes: ["5.2.2"]
#     nist-800-53: ["AC-6", "SC-39"]
#     pci-dss: ["2.2.1"]
#   select:
#     kinds: [workload]
#     edges: []
package seam.controls.cross.path_privileged

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

# escape lists what lets a container reach its node.
escape(n) := sort({w |
	some [p, c] in k8s.containers(n)
	k8s.sc(c, "privileged") == true
	w := sprintf("container %s privileged", [k8s.name(c)])
} | {w |
	some key in ["host_pid", "host_network", "host_ipc"]
	object.get(n.attrs, key, false) == true
	w := key
} | {w |
	some [_, vol] in k8s.volumes(n)
	vol.type == "hostPath"
	w := sprintf("hostPath %v", [object.get(vol, "path", "?")])
})

deny contains v if {
	some n in input.nodes
	k8s.is_workload(n)
	graph.on_path(n)
	ways := escape(n)
	count(ways) > 0
	targets := sort(graph.path_targets(n))
	v := {"node": n.id, "msg": sprintf("%s is on %d attack path(s) to %s and can escape to its node (%s)", [n.id, count(n.paths), concat(", ", targets), concat(", ", ways)]), "related": targets}
}
