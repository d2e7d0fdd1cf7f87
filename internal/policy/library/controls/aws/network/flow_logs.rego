# METADATA
# title: VPCs have flow logs
# description: >-
#   VPC flow logs are the record of which address talked to which, on which port, accepted or rejected. They
#   are how an investigation sees lateral movement and exfiltration, and the telemetry Seam's coverage
#   analysis looks for on every network hop.
# custom:
#   id: SEAM-AWS-VPC-001
#   severity: medium
#   remediation: Add aws_flow_log with vpc_id = the VPC, traffic_type = "ALL" (or at least "REJECT") and a CloudWatch Logs or S3 destination.
#   frameworks:
#     cis-aws: ["3.7"]
#     nist-800-53: ["AU-2", "AU-12", "SI-4"]
#     pci-dss: ["10.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [network]
#     types: [aws_vpc, aws_default_vpc]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.vpc_flow_logs

import rego.v1

import data.seam.lib

logged(n) if count(lib.linked(n, "aws_flow_log")) > 0

deny contains v if {
	some n in input.nodes
	not logged(n)
	v := {"node": n.id, "msg": sprintf("%s has no flow log", [n.id])}
}
