# METADATA
# title: Hosts that run no containers keep the metadata hop limit at 1
# description: >-
#   A response hop limit above 1 lets IMDS responses travel past the host's own network stack, to a container
#   or to a forwarded request. Only container hosts (EKS and ECS nodes) need 2; anywhere else a larger limit
#   only widens who can reach the instance credentials.
# custom:
#   id: SEAM-AWS-EC2-002
#   severity: medium
#   remediation: Set metadata_options { http_put_response_hop_limit = 1 } on hosts that run no containers.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AC-3", "SC-7"]
#     pci-dss: ["2.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_instance, aws_launch_template, aws_launch_configuration]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.ec2_hop_limit

import rego.v1

import data.seam.lib

field := "metadata_options[0].http_put_response_hop_limit"

deny contains v if {
	some n in input.nodes
	not container_host(n)
	limit := lib.attr(n, ["metadata_options", 0, "http_put_response_hop_limit"])
	is_number(limit)
	limit > 1
	v := {"node": n.id, "field": field, "msg": sprintf("%s sets the IMDS hop limit to %d on a host that runs no containers", [n.id, limit])}
}

deny contains v if {
	some n in input.nodes
	not container_host(n)
	x := lib.attr(n, ["metadata_options", 0, "http_put_response_hop_limit"])
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s may set an IMDS hop limit above 1", [n.id]), "unknown": lib.unknown_msg(field, x)}
}

# container_host: a launch template an EKS node group, ECS capacity provider or autoscaling group for ECS
# uses, or user data that joins an ECS cluster or bootstraps EKS.
container_host(n) if {
	some m in lib.linked_ids(n)
	n.neighbours[m].type in {"aws_eks_node_group", "aws_ecs_capacity_provider"}
}

container_host(n) if regex.match(`ECS_CLUSTER=|/etc/eks/bootstrap\.sh|nodeadm|eks-node`, object.get(n.attrs, "user_data", ""))
