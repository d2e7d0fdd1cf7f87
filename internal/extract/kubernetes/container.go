package kubernetes

import (
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/seam-sec/seam/internal/model"
)

// containers renders one list of a pod's containers (field is "containers", "initContainers" or
// "ephemeralContainers") and records their images, env and envFrom references.
func (w *workloadCtx) containers(field string, cs []corev1.Container) []any {
	if len(cs) == 0 {
		return nil
	}
	out := make([]any, 0, len(cs))
	for i, c := range cs {
		m := map[string]any{
			"name": c.Name, "image": c.Image, "line": w.line(field, i),
			"image_pull_policy": string(c.ImagePullPolicy),
			"command":           maskArgs(c.Command), "args": maskArgs(c.Args),
			"ports":            portsAttr(c.Ports),
			"env":              w.env(field, i, c),
			"env_from":         w.envFrom(field, i, c),
			"volume_mounts":    mountsAttr(c.VolumeMounts),
			"security_context": securityAttr(c.SecurityContext),
		}
		if c.RestartPolicy != nil {
			m["restart_policy"] = string(*c.RestartPolicy) // "Always" makes an init container a sidecar
		}
		if unrendered(c.Image) {
			m["image"] = model.Unknown(c.Image)
			w.b.assumptions = append(w.b.assumptions, model.Assumption{
				Subject: w.node.ID, Attribute: pathString([]any{field, i, "image"}),
				Reason:  "the image reference holds an unrendered template variable (" + c.Image + ")",
				Assumed: "the image is unknown: it is kept as written and cannot be matched by name",
				Prov:    prov(w.b.file, w.line(field, i, "image")),
			})
		}
		out = append(out, m)
		w.image(field, i, c)
	}
	return out
}

// unrendered reports whether a value still holds a template variable: ${VAR} (envsubst, CI) or {{ }}.
func unrendered(s string) bool {
	return strings.Contains(s, "${") || strings.Contains(s, "{{")
}

// image emits the runs edge and the image node for one container.
func (w *workloadCtx) image(field string, i int, c corev1.Container) {
	if c.Image == "" {
		return
	}
	line := w.line(field, i, "image")
	img := model.Node{ID: model.ImageID(c.Image), Kind: model.KindImage, Type: "container image",
		Name: model.NormalizeImageRef(c.Image), Attrs: map[string]any{"ref": c.Image}}
	img.Implicit, img.Prov = true, prov(w.b.file, line)
	w.refs.add(ref{edge: model.Edge{From: w.node.ID, To: img.ID, Kind: model.EdgeRuns, Prov: prov(w.b.file, line)},
		implicit: img}, map[string]any{"container": c.Name, "container_type": field})
}

// env renders a container's environment. Literal values are kept unless the name or value looks secret;
// valueFrom is kept as the reference it is, and Secret/ConfigMap references become edges.
func (w *workloadCtx) env(field string, i int, c corev1.Container) []any {
	if len(c.Env) == 0 {
		return nil
	}
	out := make([]any, 0, len(c.Env))
	for j, e := range c.Env {
		line := w.line(field, i, "env", j)
		m := map[string]any{"name": e.Name, "line": line}
		detail := map[string]any{"container": c.Name, "env": e.Name, "via": "env"}
		switch vf := e.ValueFrom; {
		case vf == nil:
			if secretLike(e.Name, e.Value) {
				m["value"], m["masked"] = masked, true
			} else {
				m["value"] = e.Value
			}
		case vf.SecretKeyRef != nil:
			m["value_from"] = map[string]any{"secret": vf.SecretKeyRef.Name, "key": vf.SecretKeyRef.Key,
				"optional": boolPtr(vf.SecretKeyRef.Optional)}
			detail["key"] = vf.SecretKeyRef.Key
			w.refs.add(w.secretRef(model.EdgeReadsSecret, vf.SecretKeyRef.Name, line), detail)
		case vf.ConfigMapKeyRef != nil:
			m["value_from"] = map[string]any{"config_map": vf.ConfigMapKeyRef.Name, "key": vf.ConfigMapKeyRef.Key,
				"optional": boolPtr(vf.ConfigMapKeyRef.Optional)}
			detail["key"] = vf.ConfigMapKeyRef.Key
			w.refs.add(w.configMapRef(model.EdgeReferences, vf.ConfigMapKeyRef.Name, line), detail)
		case vf.FieldRef != nil:
			m["value_from"] = map[string]any{"field_path": vf.FieldRef.FieldPath}
		case vf.ResourceFieldRef != nil:
			m["value_from"] = map[string]any{"resource": vf.ResourceFieldRef.Resource}
		case vf.FileKeyRef != nil:
			m["value_from"] = map[string]any{"file_volume": vf.FileKeyRef.VolumeName, "file_path": vf.FileKeyRef.Path,
				"key": vf.FileKeyRef.Key}
		}
		out = append(out, m)
	}
	return out
}

// envFrom renders envFrom sources and records their Secret and ConfigMap references.
func (w *workloadCtx) envFrom(field string, i int, c corev1.Container) []any {
	if len(c.EnvFrom) == 0 {
		return nil
	}
	out := make([]any, 0, len(c.EnvFrom))
	for j, src := range c.EnvFrom {
		line := w.line(field, i, "envFrom", j)
		m := map[string]any{"prefix": src.Prefix, "line": line}
		detail := map[string]any{"container": c.Name, "via": "envFrom"}
		if src.Prefix != "" {
			detail["prefix"] = src.Prefix
		}
		switch {
		case src.SecretRef != nil:
			m["secret"], m["optional"] = src.SecretRef.Name, boolPtr(src.SecretRef.Optional)
			w.refs.add(w.secretRef(model.EdgeReadsSecret, src.SecretRef.Name, line), detail)
		case src.ConfigMapRef != nil:
			m["config_map"], m["optional"] = src.ConfigMapRef.Name, boolPtr(src.ConfigMapRef.Optional)
			w.refs.add(w.configMapRef(model.EdgeReferences, src.ConfigMapRef.Name, line), detail)
		}
		out = append(out, m)
	}
	return out
}

// portsAttr renders container ports.
func portsAttr(ps []corev1.ContainerPort) []any {
	if len(ps) == 0 {
		return nil
	}
	out := make([]any, 0, len(ps))
	for _, p := range ps {
		m := map[string]any{"name": p.Name, "container_port": int(p.ContainerPort), "protocol": string(p.Protocol)}
		if p.Protocol == "" {
			m["protocol"] = "TCP"
		}
		if p.HostPort != 0 {
			m["host_port"] = int(p.HostPort)
		}
		if p.HostIP != "" {
			m["host_ip"] = p.HostIP
		}
		out = append(out, m)
	}
	return out
}

// mountsAttr renders volume mounts.
func mountsAttr(ms []corev1.VolumeMount) []any {
	if len(ms) == 0 {
		return nil
	}
	out := make([]any, 0, len(ms))
	for _, m := range ms {
		a := map[string]any{"name": m.Name, "mount_path": m.MountPath, "read_only": m.ReadOnly}
		if m.SubPath != "" {
			a["sub_path"] = m.SubPath
		}
		if m.MountPropagation != nil {
			a["mount_propagation"] = string(*m.MountPropagation)
		}
		out = append(out, a)
	}
	return out
}

// securityAttr renders a container security context; every field is present, null when unset (which means
// the pod-level or runtime default applies: allowPrivilegeEscalation unset is true for a non-root process).
func securityAttr(sc *corev1.SecurityContext) map[string]any {
	if sc == nil {
		sc = &corev1.SecurityContext{}
	}
	out := map[string]any{
		"privileged": boolPtr(sc.Privileged), "allow_privilege_escalation": boolPtr(sc.AllowPrivilegeEscalation),
		"run_as_user": int64Ptr(sc.RunAsUser), "run_as_group": int64Ptr(sc.RunAsGroup),
		"run_as_non_root": boolPtr(sc.RunAsNonRoot), "read_only_root_filesystem": boolPtr(sc.ReadOnlyRootFilesystem),
		"capabilities": nil, "seccomp_profile": nil, "proc_mount": nil,
	}
	if c := sc.Capabilities; c != nil {
		add, drop := make([]string, len(c.Add)), make([]string, len(c.Drop))
		for i, a := range c.Add {
			add[i] = string(a)
		}
		for i, d := range c.Drop {
			drop[i] = string(d)
		}
		out["capabilities"] = map[string]any{"add": stringList(add), "drop": stringList(drop)}
	}
	if sc.SeccompProfile != nil {
		out["seccomp_profile"] = string(sc.SeccompProfile.Type)
	}
	if sc.ProcMount != nil {
		out["proc_mount"] = string(*sc.ProcMount)
	}
	return out
}
