# METADATA
# title: apt-get install pins package versions
# description: >-
#   apt-get install without versions installs whatever the mirror has that day: two builds of the same
#   Dockerfile differ, and a vulnerable version can return silently.
# custom:
#   id: SEAM-DOCKER-RUN-003
#   severity: low
#   remediation: Pin versions (apt-get install -y pkg=1.2.3-1) and use --no-install-recommends.
#   frameworks:
#     nist-800-53: ["CM-2", "CM-14"]
#     pci-dss: ["6.3.2"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.apt_pinning

import rego.v1

import data.seam.lib.k8s

# unpinned(cmd) lists the packages of an apt-get/apt install without a =version.
unpinned(cmd) := [p |
	some seg in regex.split(`&&|;|\|\|`, cmd)
	regex.match(`\bapt(-get)?\s+(-\S+\s+)*install\b`, seg)
	words := regex.split(`\s+`, trim_space(regex.replace(seg, `^.*?\binstall\b`, "")))
	some p in words
	p != ""
	not startswith(p, "-")
	not contains(p, "=")
	not p in {"\\"}
]

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some [i, cmd] in k8s.runs(n)
	ps := unpinned(cmd)
	count(ps) > 0
	v := k8s.result(n, sprintf("run[%d]", [i]), sprintf("%s: RUN %d installs %s without a pinned version", [n.id, i, concat(", ", ps)]))
}

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	k8s.runs_unrecorded(n)
	v := k8s.runs_unknown(n, "install apt packages without pinned versions")
}
