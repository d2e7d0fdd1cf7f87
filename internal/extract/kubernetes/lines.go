package kubernetes

import (
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/seam-sec/seam/internal/model"
)

// maxLineItems bounds the elements of one sequence whose lines are recorded (a list of 5,000 env entries
// points at the list beyond it).
const maxLineItems = 100

// field is a manifest path whose line, and the lines of the fields below it down to depth levels, a node
// records in "lines". Depth 0 records the path alone.
type field struct {
	path  []any
	depth int
}

// podFields are the pod-spec fields security controls point at, relative to the pod spec.
var podFields = []field{
	{[]any{"hostPID"}, 0}, {[]any{"hostNetwork"}, 0}, {[]any{"hostIPC"}, 0}, {[]any{"hostUsers"}, 0},
	{[]any{"shareProcessNamespace"}, 0}, {[]any{"nodeName"}, 0}, {[]any{"serviceAccountName"}, 0},
	{[]any{"serviceAccount"}, 0}, {[]any{"automountServiceAccountToken"}, 0}, {[]any{"imagePullSecrets"}, 1},
	{[]any{"securityContext"}, 3}, {[]any{"volumes"}, 3},
}

// containerFields are the fields of one container (or init or ephemeral container) controls point at.
var containerFields = []field{
	{[]any{"name"}, 0}, {[]any{"image"}, 0}, {[]any{"imagePullPolicy"}, 0}, {[]any{"command"}, 0}, {[]any{"args"}, 0},
	{[]any{"securityContext"}, 3}, {[]any{"resources"}, 2}, {[]any{"ports"}, 2}, {[]any{"env"}, 1},
	{[]any{"envFrom"}, 1}, {[]any{"volumeMounts"}, 2}, {[]any{"livenessProbe"}, 0}, {[]any{"readinessProbe"}, 0},
}

// kindFields are the fields recorded for other kinds, as paths from the object's root.
var kindFields = map[string][]field{
	"Service": {{[]any{"spec", "type"}, 0}, {[]any{"spec", "ports"}, 2}, {[]any{"spec", "selector"}, 0},
		{[]any{"spec", "externalIPs"}, 1}, {[]any{"spec", "loadBalancerSourceRanges"}, 1},
		{[]any{"spec", "externalTrafficPolicy"}, 0}, {[]any{"spec", "externalName"}, 0}},
	"Ingress": {{[]any{"spec", "ingressClassName"}, 0}, {[]any{"spec", "tls"}, 2}, {[]any{"spec", "rules"}, 2},
		{[]any{"spec", "defaultBackend"}, 0}, {[]any{"spec", "backend"}, 0}},
	"Role":               {{[]any{"rules"}, 2}},
	"ClusterRole":        {{[]any{"rules"}, 2}, {[]any{"aggregationRule"}, 0}},
	"RoleBinding":        {{[]any{"roleRef"}, 1}, {[]any{"subjects"}, 2}},
	"ClusterRoleBinding": {{[]any{"roleRef"}, 1}, {[]any{"subjects"}, 2}},
	"ServiceAccount": {{[]any{"automountServiceAccountToken"}, 0}, {[]any{"secrets"}, 1},
		{[]any{"imagePullSecrets"}, 1}},
	"ConfigMap":     {{[]any{"data"}, 0}, {[]any{"binaryData"}, 0}},
	"Secret":        {{[]any{"type"}, 0}, {[]any{"data"}, 0}, {[]any{"stringData"}, 0}},
	"NetworkPolicy": {{[]any{"spec", "podSelector"}, 0}, {[]any{"spec", "policyTypes"}, 0}, {[]any{"spec", "ingress"}, 1}, {[]any{"spec", "egress"}, 1}},
}

// noteFields records in lines the line of each field under base (a path in o's tree) and of what is below
// it, by manifest path ("spec.template.spec.containers[0].securityContext.capabilities.add[0]").
func noteFields(lines map[string]any, o *object, base []any, fields []field) {
	for _, f := range fields {
		p := append(append(make([]any, 0, len(base)+len(f.path)), base...), f.path...)
		l := lineAt(o.root, p...)
		if l <= 0 {
			continue
		}
		key := pathString(p)
		lines[key] = l
		treeLines(lines, nodeAt(o.root, p...), key, f.depth)
	}
}

// treeLines records the line of every mapping key and sequence element below n, down to depth levels.
func treeLines(lines map[string]any, n *yaml.Node, prefix string, depth int) {
	n = resolve(n)
	if n == nil || depth <= 0 {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode {
				p := prefix + "." + k.Value
				lines[p] = k.Line
				treeLines(lines, n.Content[i+1], p, depth-1)
			}
		}
	case yaml.SequenceNode:
		for i, e := range n.Content {
			if i >= maxLineItems {
				break
			}
			p := prefix + "[" + strconv.Itoa(i) + "]"
			if e = resolve(e); e != nil {
				lines[p] = e.Line
				treeLines(lines, e, p, depth-1)
			}
		}
	}
}

// noteKindFields records the lines of the fields kindFields names for o's kind on n.
func noteKindFields(n *model.Node, o *object) {
	fields := kindFields[o.kind]
	if n == nil || len(fields) == 0 {
		return
	}
	lines, _ := n.Attrs["lines"].(map[string]any)
	if lines == nil {
		lines = map[string]any{}
	}
	noteFields(lines, o, nil, fields)
	if len(lines) > 0 {
		n.Attrs["lines"] = lines
	}
}

// notePodFields records the lines of the pod spec's and each container's fields on a workload.
func (w *workloadCtx) notePodFields() {
	noteFields(w.lines, w.o, w.path, podFields)
	for _, list := range []string{"containers", "initContainers", "ephemeralContainers"} {
		seq := resolve(nodeAt(w.o.root, w.at(list)...))
		if seq == nil || seq.Kind != yaml.SequenceNode {
			continue
		}
		noteFields(w.lines, w.o, w.path, []field{{[]any{list}, 1}})
		for i := range seq.Content {
			if i >= maxLineItems {
				break
			}
			noteFields(w.lines, w.o, w.at(list, i), containerFields)
		}
	}
}
