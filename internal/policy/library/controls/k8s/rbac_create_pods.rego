# METADATA
# title: Roles do not create pods or pod controllers
# description: >-
#   Creating a pod, or a Deployment, Job or other controller that creates one, runs any image with any
#   ServiceAccount of the namespace and any hostPath the admission policy allows: it is every permission those
#   ServiceAccounts hold.
# custom:
#   id: SEAM-K8S-RBAC-005
#   severity: medium
#   remediation: Grant create on workloads only to the deployment pipeline's identity.
#   frameworks:
#     cis-kubernetes: ["5.1.4"]
#     nist-800-53: ["AC-6"]
#     pci-dss: ["7.2.2"]
#   select:
#     kinds: [grant]
#     types: [Role, ClusterRole]
#     edges: []
package seam.controls.k8s.rbac_create_pods

import rego.v1

import data.seam.lib.k8s

deny contains v if {
	some n in input.nodes
	some [i, r] in k8s.rules(n)
	k8s.grants(r, {"create"}, {"pods", "deployments", "daemonsets", "statefulsets", "replicasets", "jobs", "cronjobs", "replicationcontrollers"})
	v := k8s.result(n, sprintf("rules[%d].resources", [i]), sprintf("%s: rule %d can create pods or pod controllers", [n.id, i]))
}
