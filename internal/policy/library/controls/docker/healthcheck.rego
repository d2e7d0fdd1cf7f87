# METADATA
# title: Images declare a HEALTHCHECK
# description: >-
#   Without a HEALTHCHECK (or a probe in the orchestrator) a hung or half-compromised process keeps receiving
#   traffic; informational, since Kubernetes probes replace it.
# custom:
#   id: SEAM-DOCKER-HEALTH-001
#   severity: info
#   remediation: Add HEALTHCHECK CMD … to the final stage, or liveness and readiness probes to the pod spec.
#   frameworks:
#     nist-800-53: ["SI-4", "CP-10"]
#   select:
#     kinds: [dockerfile]
#     types: [Dockerfile]
#     edges: []
package seam.controls.docker.healthcheck

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.kind == "dockerfile"
	not "healthcheck" in object.keys(n.attrs)
	v := k8s.result(n, "from", sprintf("%s declares no HEALTHCHECK", [n.id]))
}
