# METADATA
# title: Internet-exposed workloads with SSRF do not run where IMDSv1 answers
# description: >-
#   A server-side request forgery in a workload the internet reaches can fetch http://169.254.169.254/ as the
#   node; with IMDSv1 allowed (http_tokens optional) that returns the node role's credentials to the attacker.
#   Walks workload → runs-on → node group → runs → launch template (or reads an instance's own metadata_options)
#   between the selected nodes, and reads has-flaw edges and derived.exposure / derived.egress.
# custom:
#   id: SEAM-CROSS-IMDS-001
#   severity: critical
#   remediation: Require IMDSv2 (metadata_options http_tokens = "required", hop limit 1) on the nodes, block the metadata address with a NetworkPolicy, and fix the SSRF.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-6", "SI-10"]
#     pci-dss: ["6.2.4", "2.2.1"]
#   select:
#     kinds: [workload, host]
#     edges: {out: [has-flaw, runs, runs-on], neighbours: false}
package seam.controls.cross.ssrf_imdsv1

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

# hosts(n) are the selected nodes whose metadata options govern n: n itself (an instance), the launch
# templates of the node groups it runs on, and those of a node group it runs on directly.
hosts(n) := {n.id} | graph.hop(graph.out(n, "runs-on"), "runs") | graph.out(n, "runs")

tokens(h) := x if {
	mo := graph.node(h).attrs.metadata_options
	k8s.unknown(mo)
	x := mo
} else := x if {
	x := graph.node(h).attrs.metadata_options[0].http_tokens
} else := "optional" if {
	graph.node(h).type in {"aws_instance", "aws_launch_template"}
}

ssrf(n) := {e.to | some e in graph.edges_out(n, "has-flaw"); object.get(e.attrs, "class", "") == "ssrf"}

deny contains v if {
	some n in input.nodes
	n.kind == "workload"
	k8s.internet_exposed(n)
	object.get(k8s.derived(n, "egress"), "metadata_reachable", true) != false
	flaws := ssrf(n)
	count(flaws) > 0
	some h in hosts(n)
	t := tokens(h)
	t != "required"
	msg := sprintf("%s is reachable from the internet, has an SSRF flaw, and runs where %s allows IMDSv1", [n.id, h])
	v := object.union({"node": n.id, "msg": msg, "related": sort(flaws | {h})}, unknown_part(t))
}

unknown_part(t) := {"unknown": k8s.unknown_msg("metadata_options", t)} if k8s.unknown(t)

unknown_part(t) := {} if not k8s.unknown(t)
