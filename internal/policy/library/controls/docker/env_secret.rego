# METADATA
# title: No secrets in ENV
# description: >-
#   An ENV value is baked into every layer after it and shown by docker inspect to anyone who can pull the
#   image; a secret there is published with the image. The extractor marks values that look secret (masked), and
#   Seam flags names that do.
# custom:
#   id: SEAM-DOCKER-SEC-001
#   severity: high
#   remediation: Use a BuildKit secret mount (RUN --mount=type=secret) at build time and a runtime secret store for the container.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     pci-dss: ["8.6.2", "3.5.1"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.env_secret

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	some e in k8s.list(object.get(n.attrs, "env", []))
	secret(e)
	v := k8s.result(n, sprintf("env.%s", [e.name]), sprintf("%s: ENV %s (line %d) holds a secret", [n.id, e.name, e.line]))
}

secret(e) if e.masked == true

secret(e) if {
	k8s.secret_name(e.name)
	not regex.match(`(?i)(_file|_path|_url|_name|_user(name)?|_id)$`, e.name)
}
