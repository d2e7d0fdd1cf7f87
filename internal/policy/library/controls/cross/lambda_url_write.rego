# METADATA
# title: Lambda function URLs without authentication do not front a role that writes data
# description: >-
#   A function URL with authorization_type NONE lets anyone on the internet invoke the function; if its role can
#   write to a data store, any flaw in the handler becomes tampering with (or ransoming) that data. Reads the
#   URL through the function's in-edges and the role's can edges (access write) between the selected nodes.
# custom:
#   id: SEAM-CROSS-LAMBDA-001
#   severity: high
#   remediation: Set authorization_type = "AWS_IAM" on the function URL (or front it with an authenticating API gateway), and scope the role's write access.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6", "IA-2"]
#     pci-dss: ["7.2.1", "8.2.1"]
#   select:
#     kinds: [workload, identity]
#     edges: {out: [uses-identity], in: [exposes, routes-to]}
package seam.controls.cross.lambda_url_write

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

open_url(n) := [[u.id, t] |
	some e in n.in
	e.kind in {"routes-to", "exposes"}
	u := n.neighbours[e.from]
	u.type == "aws_lambda_function_url"
	t := object.get(u.attrs, "authorization_type", "NONE")
	t != "AWS_IAM"
]

writes(role) := sort(graph.granted(graph.node(role), "write", "datastore"))

deny contains v if {
	some n in input.nodes
	n.type == "aws_lambda_function"
	some [url, t] in open_url(n)
	some role in graph.out(n, "uses-identity")
	stores := writes(role)
	count(stores) > 0
	base := {"node": n.id, "msg": sprintf("%s is invoked without authentication through %s and its role %s can write %s", [n.id, url, role, concat(", ", stores)]), "related": array.concat([url, role], stores)}
	v := object.union(base, auth_unknown(t))
}

auth_unknown(t) := {"unknown": k8s.unknown_msg("authorization_type", t)} if k8s.unknown(t)

auth_unknown(t) := {} if not k8s.unknown(t)
