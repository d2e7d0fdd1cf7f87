# METADATA
# title: Every crown jewel has an accountable owner
# description: >-
#   A crown jewel nobody owns is a risk nobody fixes: findings and paths to it have no one to page. Reads the
#   crown jewel's resources (seam.yaml) and each resource's derived owner (link/owner); a resource the scanned
#   files do not define gives an unknown.
# custom:
#   id: SEAM-CROSS-OWNER-001
#   severity: medium
#   remediation: "Give the resource an owner: a seam.yaml owners entry, a Backstage spec.owner, an owner tag or a CODEOWNERS line."
#   frameworks:
#     nist-800-53: ["PM-5", "CM-8"]
#     pci-dss: ["12.5.1", "12.4.1"]
#   select:
#     kinds: [crown-jewel, datastore, identity, workload]
#     edges: []
package seam.controls.cross.crown_jewel_owner

import rego.v1

import data.seam.lib.k8s
import data.seam.lib.graph

owned(m) if {
	o := object.get(object.get(m, "derived", {}), "owner", null)
	is_object(o)
	object.get(o, "owner", "") != ""
}

deny contains v if {
	some j in input.nodes
	j.kind == "crown-jewel"
	some r in k8s.list(object.get(j.attrs, "resources", []))
	m := graph.node(r)
	not owned(m)
	v := {"node": r, "msg": sprintf("%s is crown jewel %s and has no owner", [r, j.id]), "related": [j.id]}
}

deny contains v if {
	some j in input.nodes
	j.kind == "crown-jewel"
	some r in k8s.list(object.get(j.attrs, "resources", []))
	not graph.node(r)
	not contains(r, "*")
	v := {"node": j.id, "msg": sprintf("crown jewel %s names %s, which Seam cannot find an owner for", [j.id, r]), "unknown": sprintf("%s is not a data store, identity or workload of the scanned files", [r])}
}
