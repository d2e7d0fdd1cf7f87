# METADATA
# title: No secrets in ARG
# description: >-
#   Build arguments are recorded in the image history (docker history) and in build caches; a secret passed or
#   defaulted as ARG leaks with the image. The extractor marks values that look secret (masked), and Seam flags
#   names that do.
# custom:
#   id: SEAM-DOCKER-SEC-002
#   severity: high
#   remediation: Use a BuildKit secret mount (RUN --mount=type=secret) at build time and a runtime secret store for the container.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     pci-dss: ["8.6.2", "3.5.1"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.args_secret

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some e in k8s.list(object.get(n.attrs, "args", []))
	secret(e)
	v := k8s.result(n, sprintf("args.%s", [e.name]), sprintf("%s: ARG %s (line %d) holds a secret", [n.id, e.name, e.line]))
}

secret(e) if e.masked == true

secret(e) if {
	k8s.secret_name(e.name)
	not regex.match(`(?i)(_file|_path|_url|_name|_user(name)?|_id)$`, e.name)
}
