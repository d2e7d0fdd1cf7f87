package kubernetes

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFieldLines checks that attrs.lines holds the manifest paths guardrails point at, each with the line of
// its key (or of the element, for an index). The Pod exercises host namespaces, a hostPort, capabilities,
// resources and a hostPath volume; the Service its type and ports; the Role its rules' verbs and resources;
// the ServiceAccount its token automount.
func TestFieldLines(t *testing.T) {
	f := extractMap(t, map[string]string{"all.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: ops
spec:
  hostPID: true
  containers:
    - name: agent
      image: acme/agent:1
      ports:
        - containerPort: 9100
          hostPort: 9100
      securityContext:
        capabilities:
          add: ["SYS_ADMIN"]
      resources:
        limits:
          memory: 64Mi
  volumes:
    - name: root
      hostPath:
        path: /
---
apiVersion: v1
kind: Service
metadata:
  name: agent
  namespace: ops
spec:
  type: NodePort
  ports:
    - port: 9100
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: ops
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: agent
  namespace: ops
automountServiceAccountToken: false
`})
	lines := func(id string, keys ...string) map[string]any {
		all, _ := nodeByID(t, f, id).Attrs["lines"].(map[string]any)
		out := map[string]any{}
		for _, k := range keys {
			out[k] = all[k]
		}
		return out
	}
	got := map[string]any{
		"pod": lines("k8s:ops/Pod/agent", "spec.hostPID", "spec.containers[0].image",
			"spec.containers[0].ports[0].hostPort", "spec.containers[0].securityContext.capabilities.add",
			"spec.containers[0].securityContext.capabilities.add[0]", "spec.containers[0].resources.limits.memory",
			"spec.volumes[0].hostPath", "spec.volumes[0].hostPath.path"),
		"svc":  lines("k8s:ops/Service/agent", "spec.type", "spec.ports[0]", "spec.ports[0].port"),
		"role": lines("k8s:ops/Role/reader", "rules[0]", "rules[0].verbs", "rules[0].resources"),
		"sa":   lines("k8s:ops/ServiceAccount/agent", "automountServiceAccountToken"),
	}
	want := map[string]any{
		"pod": map[string]any{"spec.hostPID": 7, "spec.containers[0].image": 10,
			"spec.containers[0].ports[0].hostPort": 13, "spec.containers[0].securityContext.capabilities.add": 16,
			"spec.containers[0].securityContext.capabilities.add[0]": 16, "spec.containers[0].resources.limits.memory": 19,
			"spec.volumes[0].hostPath": 22, "spec.volumes[0].hostPath.path": 23},
		"svc":  map[string]any{"spec.type": 31, "spec.ports[0]": 33, "spec.ports[0].port": 33},
		"role": map[string]any{"rules[0]": 41, "rules[0].verbs": 43, "rules[0].resources": 42},
		"sa":   map[string]any{"automountServiceAccountToken": 50},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}
