# METADATA
# title: Services are not of type NodePort
# description: >-
#   A NodePort opens the port on every node of the cluster, bypassing the load balancer and Ingress controls;
#   where nodes have public addresses it is on the internet.
# custom:
#   id: SEAM-K8S-EXP-002
#   severity: low
#   remediation: Use a ClusterIP Service behind an Ingress or an internal load balancer.
#   frameworks:
#     nist-800-53: ["SC-7", "CM-7"]
#     pci-dss: ["1.3.1"]
#   select:
#     kinds: [exposure]
#     types: [Service]
#     edges: []
package seam.controls.k8s.service_node_port

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.type == "Service"
	n.attrs.type == "NodePort"
	v := k8s.result(n, "spec.type", sprintf("%s opens a port on every node (type NodePort)", [n.id]))
}
