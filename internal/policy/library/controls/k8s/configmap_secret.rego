# METADATA
# title: ConfigMaps hold no secrets
# description: >-
#   ConfigMaps are not Secrets: they are readable by every role that reads configuration, shown in plain text by
#   kubectl describe and never encrypted at rest. A key named like a password or token, or a value the extractor
#   redacted as secret-looking, belongs in a Secret.
# custom:
#   id: SEAM-K8S-SEC-003
#   severity: high
#   remediation: Move the key into a Secret (or an external secret store) and reference it from there.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     pci-dss: ["8.6.2", "3.5.1"]
#   select:
#     kinds: [datastore]
#     types: [ConfigMap]
#     edges: []
package seam.controls.k8s.configmap_secret

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	n.type == "ConfigMap"
	some key in k8s.list(object.get(n.attrs, "keys", []))
	secret_looking(n, key)
	v := k8s.result(n, sprintf("data.%s", [key]), sprintf("%s: key %s looks like a secret", [n.id, key]))
}

secret_looking(n, key) if object.get(k8s.obj(object.get(n.attrs, "data", {})), key, "") == "[redacted]"

secret_looking(n, key) if {
	k8s.secret_name(key)
	not regex.match(`(?i)(_file|_path|_url|_name|_user(name)?|_id)$`, key)
}
