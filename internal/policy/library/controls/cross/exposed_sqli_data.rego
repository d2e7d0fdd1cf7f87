# METADATA
# title: Internet-exposed workloads with SQL injection do not reach sensitive data
# description: >-
#   A SQL injection in a workload the internet reaches gives the attacker the workload's database connection;
#   when that database holds personal or card data the flaw is a breach. Relies on has-flaw edges (link/flaw),
#   derived.exposure and handles edges.
# custom:
#   id: SEAM-CROSS-DATA-002
#   severity: critical
#   remediation: Fix the injection (parameterised queries) first; limit the workload's database user to what it needs.
#   frameworks:
#     nist-800-53: ["SI-10", "AC-6"]
#     pci-dss: ["6.2.4"]
#   select:
#     kinds: [workload]
#     edges: {out: [handles, has-flaw], neighbours: false}
package seam.controls.cross.exposed_sqli_data

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

deny contains v if {
	some n in input.nodes
	k8s.internet_exposed(n)
	flaws := {e.to | some e in graph.edges_out(n, "has-flaw"); object.get(e.attrs, "class", "") == "sql-injection"}
	count(flaws) > 0
	classes := graph.data_classes(n, "read") & {"data-class:pii", "data-class:pci", "data-class:phi"}
	count(classes) > 0
	v := {"node": n.id, "msg": sprintf("%s is reachable from the internet, has a SQL injection flaw and reaches %s", [n.id, concat(", ", sort(classes))]), "related": sort(flaws | classes)}
}
