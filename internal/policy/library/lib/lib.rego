# Helpers every control shares: unknown values, booleans as Terraform writes them, tags, and the node's
# neighbourhood (edges and the nodes at their other end) as the policy engine gives it.
package seam.lib

import rego.v1

# unknown(x) is true when x is a value Seam could not know from the files: {"$unknown": "<expression>"}.
unknown(x) if {
	is_object(x)
	is_string(x["$unknown"])
}

# expr(x) is the Terraform expression behind an unknown value, for the sentence of a result.
expr(x) := x["$unknown"]

# unknown_msg says which value Seam could not know and why the control cannot decide.
unknown_msg(field, x) := sprintf("%s is %s, which Seam cannot know from the files", [field, x["$unknown"]])

# is_true(x) is true for true and for the string "true" (Terraform converts between them).
is_true(x) if x == true

is_true(x) if x == "true"

# is_false(x) is true for false and for the string "false".
is_false(x) if x == false

is_false(x) if x == "false"

# at(x, path) is the value at path (keys and list indexes) inside x, or the first unknown value met on the
# way (a whole block given by a variable), or undefined when the path is absent. A null value is absent:
# in Terraform, null means "use the default".
at(x, path) := v if {
	us := [u |
		some i in numbers.range(1, count(path))
		u := object.get(x, array.slice(path, 0, i), null)
		unknown(u)
	]
	count(us) > 0
	v := us[0]
} else := v if {
	v := object.get(x, path, null)
	v != null
}

# attr(n, path) is at(n.attrs, path).
attr(n, path) := at(n.attrs, path)

# as_list(x) is x when it is a list and [x] otherwise (policy documents allow either).
as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

# tag(n, key) is the node's tag key, with provider default tags merged (tags_all), else from tags.
tag(n, key) := n.attrs.tags_all[key]

tag(n, key) := n.attrs.tags[key] if not n.attrs.tags_all[key]

# out_edges(n, kind) lists the edges of that kind from n, in the engine's order.
out_edges(n, kind) := [e | some e in object.get(n, "out", []); e.kind == kind]

# in_edges(n, kind) lists the edges of that kind into n.
in_edges(n, kind) := [e | some e in object.get(n, "in", []); e.kind == kind]

# neighbour(n, id) is the neighbour of n with that ID.
neighbour(n, id) := n.neighbours[id]

# linked_ids(n) is the set of node IDs at the other end of any edge of n, in either direction.
linked_ids(n) := {e.to | some e in object.get(n, "out", [])} | {e.from | some e in object.get(n, "in", [])}

# neighbours_by_edge(n, kind) lists the neighbours joined to n by an edge of that kind, either direction,
# sorted by ID.
neighbours_by_edge(n, kind) := [m |
	some id in sort({e.to | some e in out_edges(n, kind)} | {e.from | some e in in_edges(n, kind)})
	m := n.neighbours[id]
]

# linked(n, type) lists the neighbours of n of that resource type, joined by any edge in either direction,
# sorted by ID.
linked(n, type) := [m |
	some id in sort(linked_ids(n))
	m := n.neighbours[id]
	m.type == type
]

# derived(n, key) is a derived property's value, whether the engine gives it bare or as {value, provenance}.
derived(n, key) := v if {
	d := n.derived[key]
	is_object(d)
	v := d.value
} else := n.derived[key]

# sensitive_classes are the data classes whose stores the controls treat as sensitive.
sensitive_classes := {"pii", "pci", "phi", "credentials"}

# sensitive(n) is true when n holds sensitive data: a holds edge to such a data class, or a
# data_classification tag naming one (or confidential/restricted).
sensitive(n) if {
	some e in out_edges(n, "holds")
	trim_prefix(e.to, "data-class:") in sensitive_classes
}

sensitive(n) if lower(tag(n, "data_classification")) in (sensitive_classes | {"confidential", "restricted", "sensitive"})

# critical(n) is true for a node of the top business tier (derived criticality tier-1), a store of card or
# health data, or one tagged criticality/tier = tier-1 or critical.
critical(n) if derived(n, "criticality").tier == "tier-1"

critical(n) if {
	some e in out_edges(n, "holds")
	e.to in {"data-class:pci", "data-class:phi"}
}

critical(n) if lower(tag(n, "data_classification")) in {"pci", "phi"}

critical(n) if {
	some key in ["criticality", "tier"]
	lower(tag(n, key)) in {"tier-1", "critical"}
}

# secret_name(s) is true for a name that says it holds a credential (PASSWORD, SECRET, TOKEN, API_KEY …) and
# not a reference to one (…_ARN, …_NAME, …_ID, …_PATH, …_FILE).
secret_name(s) if {
	regex.match(`(?i)(passw(or)?d|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key)`, s)
	not regex.match(`(?i)(_arn|_name|_id|_path|_file|_url|_ref)$`, s)
}

# reference_expr(x) is true for an unknown value that is a reference to another resource's ARN, ID or name
# (a pointer to a secret, not the secret).
reference_expr(x) if {
	unknown(x)
	regex.match(`^\$?\{?[a-z_.\[\]"0-9-]+\.(arn|id|name)\}?$`, x["$unknown"])
}

# blocks(x) is a nested block list as the extractor stores it: x when it is a list, [x] when the whole block
# is an unknown value (so that lookups inside it find nothing rather than fail), else [].
blocks(x) := x if is_array(x)

blocks(x) := [x] if unknown(x)

blocks(x) := [] if {
	not is_array(x)
	not unknown(x)
}
