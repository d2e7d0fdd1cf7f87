# METADATA
# title: Load balancers keep access logs
# description: >-
#   Access logs record every request the load balancer served: client address, path, status and target. They
#   are the first evidence in any investigation of an internet-facing service.
# custom:
#   id: SEAM-AWS-ELB-004
#   severity: medium
#   remediation: Add access_logs { bucket = <log bucket>, enabled = true }.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [exposure]
#     types: [aws_lb, aws_alb, aws_elb]
#     edges: []
package seam.controls.aws.elb_access_logs

import rego.v1

import data.seam.lib

# Classic ELBs log when an access_logs block is present unless it says enabled = false; aws_lb needs enabled = true.
enabled_default(n) := n.type == "aws_elb"

deny contains v if {
	some n in input.nodes
	x := object.get(n.attrs, ["access_logs", 0, "enabled"], enabled_default(n))
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": "access_logs[0].enabled", "msg": sprintf("%s keeps no access logs", [n.id])}
}

deny contains v if {
	some n in input.nodes
	not n.attrs.access_logs
	n.type == "aws_elb"
	v := {"node": n.id, "field": "access_logs", "msg": sprintf("%s keeps no access logs", [n.id])}
}

deny contains v if {
	some n in input.nodes
	x := lib.attr(n, ["access_logs", 0, "enabled"])
	lib.unknown(x)
	v := {"node": n.id, "field": "access_logs[0].enabled", "msg": sprintf("%s may keep no access logs", [n.id]), "unknown": lib.unknown_msg("access_logs[0].enabled", x)}
}
