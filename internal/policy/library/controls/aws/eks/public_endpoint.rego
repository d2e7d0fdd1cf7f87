# METADATA
# title: EKS API endpoints are not open to the whole internet
# description: >-
#   The public endpoint of an EKS cluster accepts connections from 0.0.0.0/0 unless public_access_cidrs
#   narrows it, and endpoint_public_access is on by default. The Kubernetes API is then one leaked kubeconfig,
#   token or API-server vulnerability away from anyone.
# custom:
#   id: SEAM-AWS-EKS-001
#   severity: high
#   remediation: Set vpc_config { endpoint_public_access = false, endpoint_private_access = true }, or restrict public_access_cidrs to known ranges.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-7", "AC-17"]
#     pci-dss: ["1.3.1", "1.4.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [cluster]
#     types: [aws_eks_cluster]
#     edges: []
package seam.controls.aws.eks_public_endpoint

import rego.v1

import data.seam.lib
import data.seam.lib.aws

public(n) := object.get(n.attrs, ["vpc_config", 0, "endpoint_public_access"], true)

cidrs(n) := object.get(n.attrs, ["vpc_config", 0, "public_access_cidrs"], ["0.0.0.0/0"])

deny contains v if {
	some n in input.nodes
	lib.is_true(public(n))
	c := cidrs(n)
	not lib.unknown(c)
	some x in c
	aws.world(x)
	v := {"node": n.id, "field": "vpc_config[0].public_access_cidrs", "msg": sprintf("%s serves its Kubernetes API to %s", [n.id, x])}
}

deny contains v if {
	some n in input.nodes
	lib.is_true(public(n))
	some x in lib.as_list(cidrs(n))
	lib.unknown(x)
	field := "vpc_config[0].public_access_cidrs"
	v := {"node": n.id, "field": field, "msg": sprintf("%s may serve its Kubernetes API to the internet", [n.id]), "unknown": lib.unknown_msg(field, x)}
}

deny contains v if {
	some n in input.nodes
	x := public(n)
	lib.unknown(x)
	some c in lib.as_list(cidrs(n))
	aws.world(c)
	field := "vpc_config[0].endpoint_public_access"
	v := {"node": n.id, "field": field, "msg": sprintf("%s may serve its Kubernetes API to the internet", [n.id]), "unknown": lib.unknown_msg(field, x)}
}
