# METADATA
# title: Returns malformed results
# description: A string, a result without msg and one naming a node that does not exist; all are dropped with diagnostics.
# custom:
#   id: SEAM-TEST-EVAL-002
#   severity: low
#   remediation: None; a fixture.
#   select:
#     types: [Deployment]
package seam.controls.test.malformed

import rego.v1

deny contains "just a string"

deny contains {"node": "k8s:shop/Deployment/api"}

deny contains {"node": "no-such-node", "msg": "ghost"}

deny contains {"node": "k8s:shop/Deployment/api", "msg": "well formed"}
