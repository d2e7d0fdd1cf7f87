package kubernetes

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
)

// genApp writes one team's rendered manifests: ServiceAccount, Deployment (two containers, env from a Secret
// and a ConfigMap, volumes), Service, Ingress, ConfigMap, Secret, Role, RoleBinding, NetworkPolicy and an HPA
// (a kind kept generically): 10 objects, about 150 lines.
func genApp(i int) []byte {
	var b strings.Builder
	ns := fmt.Sprintf("team-%d", i%50)
	app := fmt.Sprintf("app-%d", i)
	fmt.Fprintf(&b, "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: %s\n  namespace: %s\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/%s\n", app, ns, app)
	fmt.Fprintf(&b, `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: %[1]s
  namespace: %[2]s
  labels: {app: %[1]s, team: %[2]s}
spec:
  replicas: 3
  selector:
    matchLabels: {app: %[1]s}
  template:
    metadata:
      labels: {app: %[1]s}
    spec:
      serviceAccountName: %[1]s
      securityContext: {runAsNonRoot: true, runAsUser: 10001}
      containers:
        - name: app
          image: ghcr.io/acme/%[1]s:1.%[3]d.0
          args: ["--listen=:8080", "--log-level=info"]
          ports: [{name: http, containerPort: 8080}]
          env:
            - {name: LOG_FORMAT, value: json}
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: %[1]s-db, key: password}}
            - name: FEATURES
              valueFrom: {configMapKeyRef: {name: %[1]s-config, key: features}}
          envFrom:
            - configMapRef: {name: %[1]s-config}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          volumeMounts:
            - {name: config, mountPath: /etc/app}
            - {name: tmp, mountPath: /tmp}
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          ports: [{containerPort: 9901}]
      volumes:
        - name: config
          configMap: {name: %[1]s-config}
        - name: tmp
          emptyDir: {}
`, app, ns, i%20)
	fmt.Fprintf(&b, "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: %[1]s\n  namespace: %[2]s\nspec:\n  selector: {app: %[1]s}\n  ports: [{name: http, port: 80, targetPort: http}]\n", app, ns)
	fmt.Fprintf(&b, "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: %[1]s\n  namespace: %[2]s\nspec:\n  ingressClassName: nginx\n  tls: [{hosts: [%[1]s.example.com], secretName: %[1]s-tls}]\n  rules:\n    - host: %[1]s.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: %[1]s, port: {number: 80}}}\n", app, ns)
	fmt.Fprintf(&b, "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %[1]s-config\n  namespace: %[2]s\ndata:\n  features: a,b,c\n  config.yaml: |\n    server:\n      port: 8080\n", app, ns)
	fmt.Fprintf(&b, "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: %[1]s-db\n  namespace: %[2]s\ntype: Opaque\ndata:\n  password: c2VjcmV0\n  username: YXBw\n", app, ns)
	fmt.Fprintf(&b, "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: %[1]s\n  namespace: %[2]s\nrules:\n  - apiGroups: [\"\"]\n    resources: [configmaps]\n    verbs: [get, list, watch]\n", app, ns)
	fmt.Fprintf(&b, "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: %[1]s\n  namespace: %[2]s\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: %[1]s}\nsubjects:\n  - {kind: ServiceAccount, name: %[1]s}\n", app, ns)
	fmt.Fprintf(&b, "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: %[1]s\n  namespace: %[2]s\nspec:\n  podSelector: {matchLabels: {app: %[1]s}}\n  ingress:\n    - from: [{namespaceSelector: {matchLabels: {name: ingress-nginx}}}]\n      ports: [{port: 8080}]\n", app, ns)
	fmt.Fprintf(&b, "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: %[1]s\n  namespace: %[2]s\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %[1]s}\n  minReplicas: 3\n  maxReplicas: 10\n", app, ns)
	return []byte(b.String())
}

// BenchmarkExtract reads 500 files of 10 objects each (5,000 objects) in one call, as the engine does.
func BenchmarkExtract(b *testing.B) {
	const files = 500
	fsys := fstest.MapFS{}
	var paths []string
	for i := 0; i < files; i++ {
		p := fmt.Sprintf("deploy/app-%03d.yaml", i)
		fsys[p] = &fstest.MapFile{Data: genApp(i)}
		paths = append(paths, p)
	}
	e := New()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		f, err := e.Extract(ctx, extract.Input{FS: fsys, Paths: paths})
		if err != nil || len(f.Nodes) < 10*files || len(f.Diagnostics) > 0 {
			b.Fatalf("%v: %d nodes %+v", err, len(f.Nodes), f.Diagnostics)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files*10), "ns/object")
}
