# METADATA
# title: EKS node groups do not open SSH to the internet
# description: >-
#   A managed node group with remote_access.ec2_ssh_key and no source_security_group_ids gets port 22 open to
#   0.0.0.0/0 on every node, as the EKS documentation states. Every worker becomes an internet-facing SSH
#   server holding the node role.
# custom:
#   id: SEAM-AWS-EKS-005
#   severity: high
#   remediation: Remove remote_access (use SSM Session Manager), or set remote_access { source_security_group_ids = [<bastion group>] }.
#   frameworks:
#     cis-aws: ["5.2"]
#     nist-800-53: ["SC-7", "AC-17"]
#     pci-dss: ["1.3.1", "1.4.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [host]
#     types: [aws_eks_node_group]
#     edges: []
package seam.controls.aws.eks_node_ssh

import rego.v1

import data.seam.lib

deny contains v if {
	some n in input.nodes
	some r in lib.blocks(object.get(n.attrs, "remote_access", []))
	r.ec2_ssh_key
	count(object.get(r, "source_security_group_ids", [])) == 0
	v := {"node": n.id, "field": "remote_access[0].ec2_ssh_key", "msg": sprintf("%s opens SSH on its nodes to 0.0.0.0/0 (an SSH key and no source security groups)", [n.id])}
}

deny contains v if {
	some n in input.nodes
	some r in lib.blocks(object.get(n.attrs, "remote_access", []))
	r.ec2_ssh_key
	lib.unknown(r.source_security_group_ids)
	v := {"node": n.id, "field": "remote_access[0].source_security_group_ids", "msg": sprintf("%s may open SSH on its nodes to the internet", [n.id]), "unknown": lib.unknown_msg("remote_access[0].source_security_group_ids", r.source_security_group_ids)}
}
