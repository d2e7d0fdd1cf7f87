# A small stand-in for the built-in library's helpers (internal/policy/library/lib), so that the engine's
# tests do not depend on the library's contents: the same names and meanings as docs/design/guardrails.md.
package seam.lib

import rego.v1

# unknown(x) is true when x is a value Seam could not resolve ({"$unknown": "<expression>"}).
unknown(x) if {
	is_object(x)
	is_string(x["$unknown"])
}

# is_true(x) is true for a literal true only: an unknown is neither true nor false.
is_true(x) if x == true

# tag(n, key) is the value of a Terraform tag or Kubernetes label.
tag(n, key) := n.attrs.tags[key]

tag(n, key) := n.attrs.labels[key] if not n.attrs.tags[key]

# neighbours_by_edge(n, kind) are the nodes n's out-edges of that kind lead to.
neighbours_by_edge(n, kind) := [n.neighbours[e.to] | some e in n.out; e.kind == kind; n.neighbours[e.to]]
