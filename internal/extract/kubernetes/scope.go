package kubernetes

import "strings"

// scope says whether objects of a kind live in a namespace.
type scope int

const (
	scopeNamespaced scope = iota
	scopeCluster
)

// clusterKinds are the built-in (and a few very common add-on) kinds that are cluster-scoped.
var clusterKinds = map[string]bool{
	"Namespace": true, "Node": true, "PersistentVolume": true, "ClusterRole": true, "ClusterRoleBinding": true,
	"StorageClass": true, "CustomResourceDefinition": true, "PriorityClass": true, "IngressClass": true,
	"RuntimeClass": true, "CSIDriver": true, "CSINode": true, "VolumeAttachment": true,
	"ValidatingWebhookConfiguration": true, "MutatingWebhookConfiguration": true,
	"ValidatingAdmissionPolicy": true, "ValidatingAdmissionPolicyBinding": true,
	"MutatingAdmissionPolicy": true, "MutatingAdmissionPolicyBinding": true, "APIService": true,
	"PodSecurityPolicy": true, "CertificateSigningRequest": true, "ComponentStatus": true, "FlowSchema": true,
	"PriorityLevelConfiguration": true, "DeviceClass": true, "GatewayClass": true,
}

// namespacedCore are the built-in namespaced kinds whose scope Seam knows for certain.
var namespacedCore = map[string]bool{
	"Pod": true, "ReplicationController": true, "Service": true, "ServiceAccount": true, "Secret": true,
	"ConfigMap": true, "PersistentVolumeClaim": true, "Deployment": true, "StatefulSet": true, "DaemonSet": true,
	"ReplicaSet": true, "Job": true, "CronJob": true, "Ingress": true, "NetworkPolicy": true, "Role": true,
	"RoleBinding": true, "Endpoints": true, "EndpointSlice": true, "LimitRange": true, "ResourceQuota": true,
	"HorizontalPodAutoscaler": true, "PodDisruptionBudget": true, "Lease": true, "Event": true,
	"PodTemplate": true, "ControllerRevision": true,
}

// scopeTable knows the scope of built-in kinds and of the custom kinds whose CustomResourceDefinition was
// scanned ("group/Kind" → scope).
type scopeTable map[string]scope

// scope returns the scope of group/kind and whether Seam knows it. Built-in kinds come first, so a scanned
// CRD cannot redefine them. A custom kind without a scanned definition
// is cluster-scoped when its name starts with "Cluster" (ClusterIssuer, ClusterSecretStore, ClusterPolicy),
// else assumed namespaced.
func (t scopeTable) scope(group, kind string) (scope, bool) {
	if clusterKinds[kind] {
		return scopeCluster, true
	}
	if namespacedCore[kind] {
		return scopeNamespaced, true
	}
	if s, ok := t[group+"/"+kind]; ok {
		return s, true
	}
	if strings.HasPrefix(kind, "Cluster") {
		return scopeCluster, true
	}
	return scopeNamespaced, false
}

// learnScopes reads the scope of custom kinds from the CustomResourceDefinitions among objs.
func learnScopes(objs []*object) scopeTable {
	t := scopeTable{}
	for _, o := range objs {
		if o.kind != "CustomResourceDefinition" || o.group != "apiextensions.k8s.io" {
			continue
		}
		spec, _ := o.body["spec"].(map[string]any)
		group, _ := spec["group"].(string)
		names, _ := spec["names"].(map[string]any)
		kind, _ := names["kind"].(string)
		if group == "" || kind == "" {
			continue
		}
		if s, _ := spec["scope"].(string); s == "Cluster" {
			t[group+"/"+kind] = scopeCluster
		} else {
			t[group+"/"+kind] = scopeNamespaced
		}
	}
	return t
}
