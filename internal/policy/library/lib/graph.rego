# Neighbourhood helpers of the relationship-aware (cross-layer) controls. A selected node carries its own
# edges and the summaries of its neighbours (one hop); a control that needs a second or third hop selects
# the kinds on the way, and these helpers walk edges between the selected nodes of the batch input.
#
# Decisions:
#   - Multi-hop facts come from what the link stage derived where it exists (handles edges, can edges,
#     derived.exposure, derived.egress); walking the batch is for chains the link stage does not summarise
#     (workload → image → package → vulnerability, workload → node group → launch template).
#   - position is built once per evaluation (a complete rule), so a walk is a lookup per hop.
package seam.lib.graph

import rego.v1

# position maps the ID of every selected node to its index in input.nodes. Positions, not the entries
# themselves: building an object hashes its values, and an entry with its neighbourhood is large.
position := {n.id: i | some i, n in input.nodes}

# node(id) is the selected node with that ID.
node(id) := input.nodes[position[id]]

# out(n, kind) is the set of node IDs n has an edge of that kind to.
out(n, kind) := {e.to | some e in object.get(n, "out", []); e.kind == kind}

# into(n, kind) is the set of node IDs with an edge of that kind into n.
into(n, kind) := {e.from | some e in object.get(n, "in", []); e.kind == kind}

# edges_out(n, kind) lists n's edges of that kind.
edges_out(n, kind) := [e | some e in object.get(n, "out", []); e.kind == kind]

# summary(n, id) is what is known of the node with that ID seen from n: its full entry when it is selected,
# else its neighbour summary.
summary(n, id) := node(id)

summary(n, id) := n.neighbours[id] if not node(id)

# hop(ids, kind) is the set of node IDs reached from any selected node in ids by one edge of that kind.
hop(ids, kind) := {to |
	some id in ids
	m := node(id)
	some to in out(m, kind)
}

# images(w) is the set of image IDs a workload runs, with the images they are built as (a manifest's tag
# is linked to the image the build configuration pushes by built-from → Dockerfile ← built-from).
images(w) := out(w, "runs")

# packages(w) is the set of package IDs in the images a workload runs (image contains package, and the
# modules the image contains).
packages(w) := {p |
	some p in hop(images(w), "contains")
	startswith(p, "pkg:")
} | {p |
	some m in hop(images(w), "contains")
	not startswith(m, "pkg:")
	some p in hop({m}, "contains")
}

# affected_edges lists [package, vulnerability, affected-by edge attrs], read from the selected
# vulnerability nodes' in-edges: a control need not select the (many) package nodes to see them. A
# complete rule, so it is evaluated once per query (a partial rule looked up by key is evaluated per lookup).
affected_edges := [[e.from, n.id, object.get(e, "attrs", {})] |
	some n in input.nodes
	n.kind == "vulnerability"
	some e in object.get(n, "in", [])
	e.kind == "affected-by"
]

# vulnerabilities(w) lists [package, vulnerability, edge attrs] for every affected-by edge of a package
# in the workload's images.
vulnerabilities(w) := [[p, vid, attrs] |
	count(affected_edges) > 0
	pk := packages(w)
	some [p, vid, attrs] in affected_edges
	pk[p]
]

# identities(n) is the set of identity IDs a node uses, with the cloud roles its ServiceAccount maps to
# (workload → ServiceAccount → IAM role through IRSA).
identities(n) := ids if {
	first := out(n, "uses-identity")
	ids := first | hop(first, "uses-identity")
}

# data_classes(n, access) is the set of data-class IDs the node handles with that access (read, write),
# from the handles edges the link stage derives from connections and grants.
data_classes(n, access) := {e.to |
	some e in edges_out(n, "handles")
	access in object.get(object.get(e, "attrs", {}), "access", [])
}

# classes_held(id) is the set of data-class IDs a selected store holds.
classes_held(id) := out(node(id), "holds")

# on_path(n) is true when an attack path runs through n.
on_path(n) if count(object.get(n, "paths", [])) > 0

# path_targets(n) is the set of targets of the attack paths through n.
path_targets(n) := {p.target | some p in object.get(n, "paths", [])}

# code_execution_classes are the foothold classes (docs/design/vulnerabilities.md) that give an attacker
# code execution in the process.
code_execution_classes := {"remote-code-execution", "command-injection", "code-injection", "deserialization"}

# exploitable(attrs) is true for an affected-by edge that a VEX statement does not rule out.
exploitable(attrs) if object.get(attrs, "vex_status", "") != "not_affected"

# rce_vulnerabilities(w) lists [package, vulnerability] of the workload's images whose vulnerability is of a
# code-execution class and not ruled out by VEX.
rce_vulnerabilities(w) := [[p, vid] |
	some [p, vid, attrs] in vulnerabilities(w)
	exploitable(attrs)
	vn := node(vid)
	count({c | some c in object.get(vn.attrs, "classes", [])} & code_execution_classes) > 0
]

# admins is the set of selected identities that are admin-equivalent: a Kubernetes identity the link
# stage's RBAC summary calls cluster-admin equivalent, or a cloud identity that can change the permissions
# of an identity (permissions-management on it: attach a policy, then do anything) or escalate. Complete,
# so it is decided once per identity a workload uses, not once per workload.
admins := {id | some id in used_identities; admin_node(node(id))}

# used_identities is the set of identities the selected workloads use, directly or through IRSA.
used_identities := {id | some w in input.nodes; w.kind == "workload"; some id in identities(w)}

# admin_equivalent(id) is true when the selected identity id is in admins.
admin_equivalent(id) if id in admins

admin_node(m) if m.derived.rbac.cluster_admin == true

admin_node(m) if {
	some kind in ["identity", "account"]
	count(granted(m, "permissions-management", kind)) > 0
}

admin_node(m) if count(out(m, "can-escalate-to")) > 0

# granted(m, level, kind) lists the IDs of the nodes of that kind a selected node's IAM grants give it
# that access level on (read, write, permissions-management …): the entry's grants summary of its can edges.
granted(m, level, kind) := object.get(m, ["grants", "access", level, kind], [])

# passes(m) lists the IDs of the roles a selected node's IAM grants let it pass (iam:PassRole).
passes(m) := object.get(m, ["grants", "pass_role"], [])

# production(m) is true for a node tagged or labelled as production, or of the highest business
# criticality (tier rank 0 or 1, as the link stage derives it).
production(m) if {
	some key in ["environment", "env", "stage"]
	some tags in [object.get(m.attrs, "tags_all", {}), object.get(m.attrs, "tags", {}), object.get(m.attrs, "labels", {})]
	is_object(tags)
	v := tags[key]
	is_string(v)
	regex.match(`(?i)^prod`, v)
}

production(m) if {
	c := object.get(object.get(m, "derived", {}), "criticality", {})
	is_object(c)
	c.rank <= 1
}
