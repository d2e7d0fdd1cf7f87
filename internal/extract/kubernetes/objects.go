package kubernetes

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/seam-sec/seam/internal/model"
)

// addService builds a Service (an exposure) and queues its selector for the workloads it routes to.
func (b *builder) addService(o *object, s *corev1.Service) {
	n := b.newNode(o, model.KindExposure)
	if n == nil {
		return
	}
	typ := string(s.Spec.Type)
	if typ == "" {
		typ = string(corev1.ServiceTypeClusterIP)
	}
	var ports []any
	for _, p := range s.Spec.Ports {
		m := map[string]any{"name": p.Name, "port": int(p.Port), "protocol": string(p.Protocol),
			"target_port": intOrString(p.TargetPort.String(), p.TargetPort.Type == 0, int(p.TargetPort.IntVal))}
		if p.Protocol == "" {
			m["protocol"] = "TCP"
		}
		if p.TargetPort.String() == "0" {
			m["target_port"] = int(p.Port) // unset: the API server defaults it to port
		}
		if p.NodePort != 0 {
			m["node_port"] = int(p.NodePort)
		}
		ports = append(ports, m)
	}
	lb := map[string]any{}
	for k, v := range s.Annotations {
		if strings.Contains(strings.ToLower(k), "load-balancer") || strings.Contains(strings.ToLower(k), "loadbalancer") {
			lb[k] = v
		}
	}
	n.Attrs["type"] = typ
	n.Attrs["ports"] = ports
	n.Attrs["selector"] = stringMap(s.Spec.Selector)
	n.Attrs["cluster_ip"] = s.Spec.ClusterIP
	n.Attrs["external_ips"] = stringList(s.Spec.ExternalIPs)
	n.Attrs["external_name"] = s.Spec.ExternalName
	n.Attrs["load_balancer_source_ranges"] = stringList(s.Spec.LoadBalancerSourceRanges)
	n.Attrs["load_balancer_class"] = strPtr(s.Spec.LoadBalancerClass)
	n.Attrs["external_traffic_policy"] = string(s.Spec.ExternalTrafficPolicy)
	if len(lb) > 0 {
		n.Attrs["load_balancer_annotations"] = lb
	}
	if len(s.Spec.Selector) > 0 {
		sel := labels.SelectorFromSet(s.Spec.Selector)
		b.routes = append(b.routes, &selectorInfo{from: n.ID, namespace: nsOf(n),
			selectors: []labels.Selector{sel}, edgeKind: model.EdgeRoutesTo, file: b.file,
			attrs: map[string]any{"selector": sel.String()}, line: lineAt(o.root, "spec", "selector")})
	}
}

// intOrString returns an int-or-string port as an int when it is one.
func intOrString(s string, isInt bool, i int) any {
	if isInt {
		return i
	}
	return s
}

// addServiceAccount builds a ServiceAccount (an identity) with its cloud workload-identity annotations.
func (b *builder) addServiceAccount(o *object, sa *corev1.ServiceAccount) {
	n := b.newNode(o, model.KindIdentity)
	if n == nil {
		return
	}
	n.Attrs["automount_service_account_token"] = boolPtr(sa.AutomountServiceAccountToken)
	for attr, key := range map[string]string{
		"aws_role_arn":        "eks.amazonaws.com/role-arn",
		"gcp_service_account": "iam.gke.io/gcp-service-account",
		"azure_client_id":     "azure.workload.identity/client-id",
	} {
		if v, ok := sa.Annotations[key]; ok {
			n.Attrs[attr] = v
		}
	}
	b.saAutomount[n.ID] = sa.AutomountServiceAccountToken
	ns := nsOf(n)
	var secrets, pulls []string
	for i, s := range sa.Secrets {
		if s.Name != "" {
			secrets = append(secrets, s.Name)
			b.addRef(n.ID, model.EdgeReferences, k8sTarget(ns, "Secret", s.Name), lineOr(o, o.line, "secrets", i),
				map[string]any{"via": "secrets"})
		}
	}
	for i, s := range sa.ImagePullSecrets {
		if s.Name != "" {
			pulls = append(pulls, s.Name)
			b.addRef(n.ID, model.EdgeReferences, k8sTarget(ns, "Secret", s.Name),
				lineOr(o, o.line, "imagePullSecrets", i), map[string]any{"via": "imagePullSecrets"})
		}
	}
	n.Attrs["secrets"] = stringList(secrets)
	n.Attrs["image_pull_secrets"] = stringList(pulls)
}

// lineOr returns the line of a path in o, or def.
func lineOr(o *object, def int, path ...any) int {
	if l := lineAt(o.root, path...); l > 0 {
		return l
	}
	return def
}

// addSecret builds a Secret (a data store) from its type, key names and the hints of its connection strings
// (see values.go); values are never stored.
func (b *builder) addSecret(o *object, s *corev1.Secret) {
	n := b.newNode(o, model.KindDataStore)
	if n == nil {
		return
	}
	typ := string(s.Type)
	if typ == "" {
		typ = string(corev1.SecretTypeOpaque)
	}
	n.Attrs["type"] = typ
	n.Attrs["keys"] = sortedKeys(s.Data, s.StringData)
	n.Attrs["immutable"] = boolPtr(s.Immutable)
	if hints, keys := secretHints(s.Data, s.StringData); len(hints) > 0 {
		n.Attrs["value_hints"] = hints
		for _, k := range keys {
			field := "data"
			if _, ok := s.StringData[k]; ok {
				field = "stringData"
			}
			noteLine(n, o, field, k)
		}
	}
	if sa := s.Annotations[corev1.ServiceAccountNameKey]; s.Type == corev1.SecretTypeServiceAccountToken && sa != "" {
		b.addRef(n.ID, model.EdgeReferences, k8sTarget(nsOf(n), "ServiceAccount", sa),
			lineOr(o, o.line, "metadata", "annotations", corev1.ServiceAccountNameKey),
			map[string]any{"via": "service-account-token"})
	}
}

// addConfigMap builds a ConfigMap (a data store) from its key names and data values (see values.go).
func (b *builder) addConfigMap(o *object, c *corev1.ConfigMap) {
	n := b.newNode(o, model.KindDataStore)
	if n == nil {
		return
	}
	n.Attrs["keys"] = sortedKeys(c.BinaryData, c.Data)
	n.Attrs["immutable"] = boolPtr(c.Immutable)
	if data := configData(c.Data); data != nil {
		n.Attrs["data"] = data
		for k := range c.Data {
			noteLine(n, o, "data", k)
		}
	}
}

// noteLine records the line of a field of o (a path of map keys) in the node's "lines" attribute, under the
// keys joined with ".": "data.DATABASE_URL", "metadata.labels.team".
func noteLine(n *model.Node, o *object, path ...string) {
	keys := make([]any, len(path))
	for i, p := range path {
		keys[i] = p
	}
	l := lineAt(o.root, keys...)
	if l <= 0 {
		return
	}
	lines, _ := n.Attrs["lines"].(map[string]any)
	if lines == nil {
		lines = map[string]any{}
		n.Attrs["lines"] = lines
	}
	lines[strings.Join(path, ".")] = l
}

// addPVC builds a PersistentVolumeClaim (a data store: the volume behind it).
func (b *builder) addPVC(o *object, c *corev1.PersistentVolumeClaim) {
	n := b.newNode(o, model.KindDataStore)
	if n == nil {
		return
	}
	modes := make([]string, len(c.Spec.AccessModes))
	for i, m := range c.Spec.AccessModes {
		modes[i] = string(m)
	}
	n.Attrs["storage_class_name"] = strPtr(c.Spec.StorageClassName)
	n.Attrs["access_modes"] = stringList(modes)
	n.Attrs["volume_name"] = c.Spec.VolumeName
}

// addNamespace builds a Namespace; its labels carry Pod Security Admission levels.
func (b *builder) addNamespace(o *object, _ *corev1.Namespace) {
	b.newNode(o, model.KindResource)
}

// addGeneric keeps any other object (custom resources, HPAs, PDBs …) as a resource with its metadata and
// body, secret-looking values masked. A CustomResourceDefinition keeps its group, names, scope and versions,
// not its (large) schema.
func (b *builder) addGeneric(o *object) {
	n := b.newNode(o, model.KindResource)
	if n == nil || o.body == nil {
		return
	}
	if o.kind == "CustomResourceDefinition" {
		spec, _ := o.body["spec"].(map[string]any)
		crd := map[string]any{"group": spec["group"], "scope": spec["scope"], "names": spec["names"]}
		var versions []any
		if vs, ok := spec["versions"].([]any); ok {
			for _, v := range vs {
				if vm, ok := v.(map[string]any); ok {
					versions = append(versions, vm["name"])
				}
			}
		}
		crd["versions"] = versions
		n.Attrs["crd"] = crd
		return
	}
	if len(o.body) > 0 {
		n.Attrs["body"] = maskBody(o.body, 0)
	}
}
