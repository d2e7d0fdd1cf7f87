# METADATA
# title: No secret in the repository unlocks a production identity or store
# description: >-
#   A credential committed to the repository is readable by everyone with the repository (and its forks, clones
#   and CI logs) forever; when it unlocks a production identity or data store it is a standing way in. Relies on
#   unlocks edges (link/secret) and the target's environment tag or derived business criticality.
# custom:
#   id: SEAM-CROSS-SECRET-001
#   severity: critical
#   remediation: Revoke and rotate the credential now, remove it from the repository history, and load it from a secret store at runtime.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     pci-dss: ["8.6.2", "8.3.2"]
#   select:
#     kinds: [secret]
#     edges: {out: [unlocks]}
package seam.controls.cross.secret_unlocks_prod

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

deny contains v if {
	some n in input.nodes
	n.kind == "secret"
	not object.get(n.attrs, "baselined", false)
	some e in graph.edges_out(n, "unlocks")
	t := n.neighbours[e.to]
	t.kind in {"identity", "datastore"}
	graph.production(t)
	v := {"node": n.id, "msg": sprintf("%s (%s) unlocks production %s %s", [n.id, object.get(n.attrs, "masked", "masked"), t.kind, t.id]), "related": [t.id]}
}
