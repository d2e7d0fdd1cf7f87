package kubernetes

import (
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/seam-sec/seam/internal/model"
)

// podSource is the pod template of a workload, wherever its kind keeps it.
type podSource struct {
	spec     *corev1.PodSpec
	meta     metav1.ObjectMeta // the template's metadata (the Pod's own for a Pod)
	path     []any             // YAML path from the object to the pod spec
	replicas *int32
	hasReps  bool
	selector any
	extra    map[string]any
}

// podSourceOf finds the pod template of a typed workload object, or reports that o is not a workload.
func podSourceOf(o *object) (podSource, bool) {
	tmpl := []any{"spec", "template", "spec"}
	switch t := o.typed.(type) {
	case *corev1.Pod:
		return podSource{spec: &t.Spec, meta: t.ObjectMeta, path: []any{"spec"}}, true
	case *corev1.ReplicationController:
		ps := podSource{path: tmpl, replicas: t.Spec.Replicas, hasReps: true, selector: stringMap(t.Spec.Selector)}
		if t.Spec.Template != nil {
			ps.spec, ps.meta = &t.Spec.Template.Spec, t.Spec.Template.ObjectMeta
		}
		return ps, true
	case *appsv1.Deployment:
		return podSource{spec: &t.Spec.Template.Spec, meta: t.Spec.Template.ObjectMeta, path: tmpl,
			replicas: t.Spec.Replicas, hasReps: true, selector: selectorAttr(t.Spec.Selector)}, true
	case *appsv1.StatefulSet:
		return podSource{spec: &t.Spec.Template.Spec, meta: t.Spec.Template.ObjectMeta, path: tmpl,
			replicas: t.Spec.Replicas, hasReps: true, selector: selectorAttr(t.Spec.Selector),
			extra: map[string]any{"service_name": t.Spec.ServiceName}}, true
	case *appsv1.DaemonSet:
		return podSource{spec: &t.Spec.Template.Spec, meta: t.Spec.Template.ObjectMeta, path: tmpl,
			selector: selectorAttr(t.Spec.Selector)}, true
	case *appsv1.ReplicaSet:
		return podSource{spec: &t.Spec.Template.Spec, meta: t.Spec.Template.ObjectMeta, path: tmpl,
			replicas: t.Spec.Replicas, hasReps: true, selector: selectorAttr(t.Spec.Selector)}, true
	case *batchv1.Job:
		return podSource{spec: &t.Spec.Template.Spec, meta: t.Spec.Template.ObjectMeta, path: tmpl,
			selector: selectorAttr(t.Spec.Selector)}, true
	case *batchv1.CronJob:
		jt := t.Spec.JobTemplate.Spec
		return podSource{spec: &jt.Template.Spec, meta: jt.Template.ObjectMeta,
			path:  []any{"spec", "jobTemplate", "spec", "template", "spec"},
			extra: map[string]any{"schedule": t.Spec.Schedule, "suspend": boolPtr(t.Spec.Suspend)}}, true
	}
	return podSource{}, false
}

// pathString renders a YAML path as "spec.template.spec.containers[0].image".
func pathString(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		}
	}
	return b.String()
}

// workloadCtx carries what the parts of one workload need: its node, namespace, pod-spec path and the
// references it collects.
type workloadCtx struct {
	b     *builder
	o     *object
	node  *model.Node
	ns    string
	path  []any
	lines map[string]any
	refs  pendingRefs
}

// at appends rel to the pod-spec path.
func (w *workloadCtx) at(rel ...any) []any {
	return append(append(make([]any, 0, len(w.path)+len(rel)), w.path...), rel...)
}

// line returns the line of a field under the pod spec, falling back to the object's line.
func (w *workloadCtx) line(rel ...any) int {
	if l := lineAt(w.o.root, w.at(rel...)...); l > 0 {
		return l
	}
	return w.o.line
}

// note records the line of a notable field under the pod spec in the node's "lines" attribute.
func (w *workloadCtx) note(rel ...any) {
	p := w.at(rel...)
	if l := lineAt(w.o.root, p...); l > 0 {
		w.lines[pathString(p)] = l
	}
}

// addWorkload builds the node and references of a workload (Pod, Deployment, StatefulSet, DaemonSet,
// ReplicaSet, Job, CronJob, ReplicationController).
func (b *builder) addWorkload(o *object, ps podSource) {
	n := b.newNode(o, model.KindWorkload)
	if n == nil {
		return
	}
	lines, _ := n.Attrs["lines"].(map[string]any) // the labels' lines, from newNode
	if lines == nil {
		lines = map[string]any{}
	}
	w := &workloadCtx{b: b, o: o, node: n, ns: nsOf(n), path: ps.path, lines: lines}
	if ps.hasReps {
		n.Attrs["replicas"] = int32Ptr(ps.replicas)
	}
	if ps.selector != nil {
		n.Attrs["selector"] = ps.selector
	}
	for k, v := range ps.extra {
		n.Attrs[k] = v
	}
	spec := ps.spec
	if spec == nil {
		spec = &corev1.PodSpec{}
		n.Attrs["pod_template_missing"] = true
	}
	podLabels := ps.meta.Labels
	n.Attrs["pod_labels"] = stringMap(podLabels)
	if len(ps.meta.Annotations) > 0 {
		n.Attrs["pod_annotations"] = annotationsAttr(ps.meta.Annotations)
	}
	info := &workloadInfo{node: n, namespace: w.ns, podLabels: podLabels, automount: spec.AutomountServiceAccountToken}
	w.identity(spec, info)
	w.hostAttrs(spec)
	n.Attrs["volumes"] = w.volumes(spec.Volumes)
	n.Attrs["containers"] = w.containers("containers", spec.Containers)
	n.Attrs["init_containers"] = w.containers("initContainers", spec.InitContainers)
	eph := make([]corev1.Container, len(spec.EphemeralContainers))
	for i, ec := range spec.EphemeralContainers {
		eph[i] = corev1.Container(ec.EphemeralContainerCommon)
	}
	n.Attrs["ephemeral_containers"] = w.containers("ephemeralContainers", eph)
	w.pullSecrets(spec.ImagePullSecrets)
	w.notePodFields()
	n.Attrs["lines"] = w.lines
	b.refs = append(b.refs, w.refs.list()...)
	b.workloads = append(b.workloads, info)
}

// identity records the pod's ServiceAccount and token settings, and the uses-identity edge.
func (w *workloadCtx) identity(spec *corev1.PodSpec, info *workloadInfo) {
	n := w.node
	sa, field := spec.ServiceAccountName, "serviceAccountName"
	if sa == "" && spec.DeprecatedServiceAccount != "" {
		sa, field = spec.DeprecatedServiceAccount, "serviceAccount"
	}
	n.Attrs["service_account_defaulted"] = sa == ""
	if sa == "" {
		sa = "default"
	}
	n.Attrs["service_account_name"] = sa
	n.Attrs["automount_service_account_token"] = boolPtr(spec.AutomountServiceAccountToken)
	w.note(field)
	w.note("automountServiceAccountToken")
	info.saID, info.saLine = model.K8sID(w.ns, "ServiceAccount", sa), w.line(field)
	w.b.addRef(n.ID, model.EdgeUsesIdentity, k8sTarget(w.ns, "ServiceAccount", sa), info.saLine, nil)
}

// hostAttrs records host namespaces and the pod security context.
func (w *workloadCtx) hostAttrs(spec *corev1.PodSpec) {
	n := w.node
	n.Attrs["host_pid"] = spec.HostPID
	n.Attrs["host_network"] = spec.HostNetwork
	n.Attrs["host_ipc"] = spec.HostIPC
	for _, f := range []string{"hostPID", "hostNetwork", "hostIPC", "securityContext"} {
		w.note(f)
	}
	if spec.NodeName != "" {
		n.Attrs["node_name"] = spec.NodeName
	}
	n.Attrs["security_context"] = podSecurityAttr(spec.SecurityContext)
}

// podSecurityAttr renders a pod security context; unset fields are null, which means "the runtime default".
func podSecurityAttr(sc *corev1.PodSecurityContext) map[string]any {
	if sc == nil {
		sc = &corev1.PodSecurityContext{}
	}
	var sysctls []string
	for _, s := range sc.Sysctls {
		sysctls = append(sysctls, s.Name)
	}
	var groups []any
	for _, g := range sc.SupplementalGroups {
		groups = append(groups, int(g))
	}
	out := map[string]any{
		"run_as_user": int64Ptr(sc.RunAsUser), "run_as_group": int64Ptr(sc.RunAsGroup),
		"run_as_non_root": boolPtr(sc.RunAsNonRoot), "fs_group": int64Ptr(sc.FSGroup),
		"supplemental_groups": groups, "sysctls": stringList(sysctls), "seccomp_profile": nil,
	}
	if sc.SeccompProfile != nil {
		out["seccomp_profile"] = string(sc.SeccompProfile.Type)
	}
	return out
}

// pullSecrets records imagePullSecrets as references to the Secrets they name.
func (w *workloadCtx) pullSecrets(refs []corev1.LocalObjectReference) {
	var names []string
	for i, r := range refs {
		if r.Name == "" {
			continue
		}
		names = append(names, r.Name)
		w.refs.add(w.secretRef(model.EdgeReferences, r.Name, w.line("imagePullSecrets", i)),
			map[string]any{"via": "imagePullSecrets"})
	}
	w.node.Attrs["image_pull_secrets"] = stringList(names)
}

// secretRef and configMapRef make a reference from the workload to a Secret or ConfigMap of its namespace.
func (w *workloadCtx) secretRef(kind model.EdgeKind, name string, line int) ref {
	return w.objRef(kind, "Secret", name, line)
}

func (w *workloadCtx) configMapRef(kind model.EdgeKind, name string, line int) ref {
	return w.objRef(kind, "ConfigMap", name, line)
}

func (w *workloadCtx) objRef(kind model.EdgeKind, targetKind, name string, line int) ref {
	to := k8sTarget(w.ns, targetKind, name)
	to.Implicit, to.Prov = true, prov(w.b.file, line)
	return ref{edge: model.Edge{From: w.node.ID, To: to.ID, Kind: kind, Prov: prov(w.b.file, line)}, implicit: to}
}
