# METADATA
# title: ECR repositories scan images on push
# description: >-
#   Scanning on push reports the known vulnerabilities of every image as it arrives, before it runs. Without
#   it (or registry-level enhanced scanning) vulnerable images reach the cluster unnoticed.
# custom:
#   id: SEAM-AWS-ECR-001
#   severity: medium
#   remediation: Set image_scanning_configuration { scan_on_push = true }, or configure aws_ecr_registry_scanning_configuration with scan_type = "ENHANCED".
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["RA-5", "SI-2"]
#     pci-dss: ["6.3.1", "11.3.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore, resource]
#     types: [aws_ecr_repository, aws_ecr_registry_scanning_configuration]
#     edges: []
package seam.controls.aws.ecr_scan_on_push

import rego.v1

import data.seam.lib

field := "image_scanning_configuration[0].scan_on_push"

registry_scanning if {
	some r in input.nodes
	r.type == "aws_ecr_registry_scanning_configuration"
	count(lib.blocks(object.get(r.attrs, "rule", []))) > 0
}

deny contains v if {
	some n in input.nodes
	n.type == "aws_ecr_repository"
	not registry_scanning
	x := object.get(n.attrs, ["image_scanning_configuration", 0, "scan_on_push"], false)
	not lib.unknown(x)
	not lib.is_true(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s does not scan images on push", [n.id])}
}

deny contains v if {
	some n in input.nodes
	n.type == "aws_ecr_repository"
	not registry_scanning
	x := lib.attr(n, ["image_scanning_configuration", 0, "scan_on_push"])
	lib.unknown(x)
	v := {"node": n.id, "field": field, "msg": sprintf("%s may not scan images on push", [n.id]), "unknown": lib.unknown_msg(field, x)}
}
