package kubernetes

import (
	"go.yaml.in/yaml/v3"
	corev1 "k8s.io/api/core/v1"

	"github.com/seam-sec/seam/internal/model"
)

// volumes renders a pod's volumes and records mounts of Secrets, ConfigMaps and claims as edges. A volume of
// a type Seam does not model keeps its type name (the YAML key beside "name").
func (w *workloadCtx) volumes(vs []corev1.Volume) []any {
	if len(vs) == 0 {
		return nil
	}
	out := make([]any, 0, len(vs))
	for i, v := range vs {
		line := w.line("volumes", i)
		m := map[string]any{"name": v.Name, "line": line}
		detail := map[string]any{"volume": v.Name, "via": "volume"}
		switch {
		case v.HostPath != nil:
			w.note("volumes", i, "hostPath")
			m["type"], m["path"] = "hostPath", v.HostPath.Path
			m["host_path_type"] = ""
			if v.HostPath.Type != nil {
				m["host_path_type"] = string(*v.HostPath.Type)
			}
		case v.Secret != nil:
			m["type"], m["secret_name"], m["optional"] = "secret", v.Secret.SecretName, boolPtr(v.Secret.Optional)
			w.mount(w.secretRef(model.EdgeMounts, v.Secret.SecretName, line), v.Secret.SecretName, detail)
		case v.ConfigMap != nil:
			m["type"], m["config_map_name"], m["optional"] = "configMap", v.ConfigMap.Name, boolPtr(v.ConfigMap.Optional)
			w.mount(w.configMapRef(model.EdgeMounts, v.ConfigMap.Name, line), v.ConfigMap.Name, detail)
		case v.EmptyDir != nil:
			m["type"], m["medium"] = "emptyDir", string(v.EmptyDir.Medium)
		case v.PersistentVolumeClaim != nil:
			c := v.PersistentVolumeClaim
			m["type"], m["claim_name"], m["read_only"] = "persistentVolumeClaim", c.ClaimName, c.ReadOnly
			w.mount(w.objRef(model.EdgeMounts, "PersistentVolumeClaim", c.ClaimName, line), c.ClaimName, detail)
		case v.Projected != nil:
			m["type"] = "projected"
			m["sources"] = w.projected(v.Name, v.Projected.Sources, line)
		case v.DownwardAPI != nil:
			m["type"] = "downwardAPI"
		case v.CSI != nil:
			m["type"], m["driver"] = "csi", v.CSI.Driver
		default:
			m["type"] = otherVolumeType(nodeAt(w.o.root, w.at("volumes", i)...))
		}
		out = append(out, m)
	}
	return out
}

// mount adds a mounts edge unless the volume names nothing.
func (w *workloadCtx) mount(r ref, name string, detail map[string]any) {
	if name != "" {
		w.refs.add(r, detail)
	}
}

// projected renders the sources of a projected volume; a serviceAccountToken source is a mounted token.
func (w *workloadCtx) projected(volume string, srcs []corev1.VolumeProjection, line int) []any {
	out := make([]any, 0, len(srcs))
	for _, s := range srcs {
		detail := map[string]any{"volume": volume, "via": "projected"}
		switch {
		case s.ServiceAccountToken != nil:
			t := s.ServiceAccountToken
			out = append(out, map[string]any{"type": "serviceAccountToken", "audience": t.Audience,
				"expiration_seconds": int64Ptr(t.ExpirationSeconds), "path": t.Path})
		case s.Secret != nil:
			out = append(out, map[string]any{"type": "secret", "name": s.Secret.Name})
			w.mount(w.secretRef(model.EdgeMounts, s.Secret.Name, line), s.Secret.Name, detail)
		case s.ConfigMap != nil:
			out = append(out, map[string]any{"type": "configMap", "name": s.ConfigMap.Name})
			w.mount(w.configMapRef(model.EdgeMounts, s.ConfigMap.Name, line), s.ConfigMap.Name, detail)
		case s.DownwardAPI != nil:
			out = append(out, map[string]any{"type": "downwardAPI"})
		case s.ClusterTrustBundle != nil:
			out = append(out, map[string]any{"type": "clusterTrustBundle"})
		default:
			out = append(out, map[string]any{"type": "other"})
		}
	}
	return out
}

// otherVolumeType names a volume Seam does not model by its YAML key (nfs, awsElasticBlockStore, …).
func otherVolumeType(v *yaml.Node) string {
	if v == nil {
		return "unknown"
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if k := v.Content[i].Value; k != "name" {
			return k
		}
	}
	return "unknown"
}
