package gen

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// Kubernetes: one multi-document file per application (about ten objects: ServiceAccount, two ConfigMaps,
// a Secret, a workload, Service, PodDisruptionBudget, Role, RoleBinding, and sometimes an Ingress, a
// NetworkPolicy or a ClusterRole with its binding), grouped into namespaces of ten applications whose first file also holds the
// Namespace. Objects reference each other by name (selectors, serviceAccountName, secretKeyRef, Ingress
// backends, RoleBinding subjects), workloads run the images apps/ builds, and half the ServiceAccounts carry
// an IRSA role ARN of a role the Terraform part creates.

// k8sApp is one application's manifests being written.
type k8sApp struct {
	r      *rng
	ns     string
	name   string
	kind   string // Deployment, StatefulSet, DaemonSet or CronJob
	app    int    // index of the application directory whose image it runs
	docs   []string
	left   *int
	labels string
}

func genKubernetes(w *writer, opt Options) {
	left := opt.KubernetesObjects
	r := newRNG(opt.Seed, "kubernetes")
	apps := max(appCount(opt), 1)
	for i := 0; left > 0; i++ {
		ns := fmt.Sprintf("%s-%02d", teams[(i/10)%len(teams)], i/10)
		a := &k8sApp{r: r, ns: ns, name: fmt.Sprintf("%s-%d", r.service(), i), app: r.intn(apps), left: &left,
			kind: pick(r, []string{"Deployment", "Deployment", "Deployment", "Deployment", "StatefulSet",
				"CronJob", "DaemonSet"})}
		a.labels = "app.kubernetes.io/name: " + a.name + "\n    app.kubernetes.io/part-of: " + ns
		if i%10 == 0 {
			a.doc(a.namespace())
		}
		a.write(opt)
		if len(a.docs) > 0 {
			w.file(fmt.Sprintf("k8s/%s/%s.yaml", ns, a.name), strings.Join(a.docs, "---\n"))
		}
	}
}

// doc adds one object if the budget allows.
func (a *k8sApp) doc(text string) {
	if *a.left == 0 {
		return
	}
	*a.left--
	a.docs = append(a.docs, text)
}

func (a *k8sApp) write(opt Options) {
	a.doc(a.serviceAccount(opt))
	a.doc(a.configMap())
	a.doc(a.filesConfigMap())
	a.doc(a.secret())
	a.doc(a.workload())
	if a.kind != "CronJob" {
		a.doc(a.service())
	}
	if a.kind == "Deployment" || a.kind == "StatefulSet" {
		a.doc(a.disruptionBudget())
	}
	a.doc(a.role())
	a.doc(a.roleBinding())
	if a.kind == "Deployment" && a.r.chance(50) {
		a.doc(a.ingress())
	}
	if a.r.chance(60) {
		a.doc(a.networkPolicy())
	}
	if a.r.chance(5) {
		a.doc(a.clusterRole())
		a.doc(a.clusterRoleBinding())
	}
}

func (a *k8sApp) meta(name string) string {
	return fmt.Sprintf("metadata:\n  name: %s\n  namespace: %s\n  labels:\n    %s\n", name, a.ns, a.labels)
}

func (a *k8sApp) namespace() string {
	return fmt.Sprintf("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n  labels:\n    team: %s\n",
		a.ns, strings.SplitN(a.ns, "-", 2)[0])
}

func (a *k8sApp) serviceAccount(opt Options) string {
	s := "apiVersion: v1\nkind: ServiceAccount\n" + a.meta(a.name)
	if opt.TerraformResources > 0 && a.r.chance(50) {
		root := a.r.intn(tfRoots(opt.TerraformResources))
		s += fmt.Sprintf("  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::%s:role/%s-%s\n",
			account, rootPrefix(root), stackName(root, a.r.intn(3)))
	}
	if a.r.chance(30) {
		s += "automountServiceAccountToken: false\n"
	}
	return s
}

func (a *k8sApp) configMap() string {
	return "apiVersion: v1\nkind: ConfigMap\n" + a.meta(a.name+"-config") + fmt.Sprintf(`data:
  LOG_LEVEL: %s
  UPSTREAM_URL: http://%s.%s.svc.cluster.local
  FEATURE_FLAGS: "%s,%s"
`, pick(a.r, []string{"info", "debug", "warn"}), a.name, a.ns, a.r.word(), a.r.word())
}

// filesConfigMap holds configuration files the workload mounts as a volume.
func (a *k8sApp) filesConfigMap() string {
	return "apiVersion: v1\nkind: ConfigMap\n" + a.meta(a.name+"-files") + fmt.Sprintf(`data:
  app.yaml: |
    server:
      port: 8080
      readTimeout: %ds
    upstream: http://%s.%s.svc.cluster.local
`, a.r.between(5, 60), a.name, a.ns)
}

func (a *k8sApp) disruptionBudget() string {
	return "apiVersion: policy/v1\nkind: PodDisruptionBudget\n" + a.meta(a.name) + fmt.Sprintf(`spec:
  minAvailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: %s
`, a.name)
}

func (a *k8sApp) secret() string {
	// Made-up values: the benchmark repository must not look like it leaks anything real.
	v := base64.StdEncoding.EncodeToString([]byte("generated-" + a.r.hex(8)))
	return "apiVersion: v1\nkind: Secret\n" + a.meta(a.name+"-credentials") +
		"type: Opaque\ndata:\n  DATABASE_PASSWORD: " + v + "\n  API_TOKEN: " + v + "\n"
}

// podSpec is the pod template's spec, indented for its place in the workload.
func (a *k8sApp) podSpec(indent string) string {
	sc := "runAsNonRoot: true\n  allowPrivilegeEscalation: false"
	switch a.r.intn(20) {
	case 0:
		sc = "privileged: true"
	case 1:
		sc = "runAsUser: 0"
	}
	hostPath := ""
	if a.r.chance(4) {
		hostPath = "\n- name: host\n  hostPath:\n    path: /var/run"
	}
	spec := fmt.Sprintf(`serviceAccountName: %[1]s
containers:
  - name: %[1]s
    image: %[2]s
    ports:
      - name: http
        containerPort: %[3]d
    env:
      - name: LOG_LEVEL
        valueFrom:
          configMapKeyRef:
            name: %[1]s-config
            key: LOG_LEVEL
      - name: DATABASE_PASSWORD
        valueFrom:
          secretKeyRef:
            name: %[1]s-credentials
            key: DATABASE_PASSWORD
    envFrom:
      - configMapRef:
          name: %[1]s-config
    volumeMounts:
      - name: credentials
        mountPath: /etc/credentials
        readOnly: true
      - name: files
        mountPath: /etc/app
    resources:
      requests:
        cpu: %[4]dm
        memory: %[5]dMi
    securityContext:
      %[6]s
volumes:
- name: files
  configMap:
    name: %[1]s-files
- name: credentials
  secret:
    secretName: %[1]s-credentials%[7]s
`, a.name, appImage(a.app, a.r.semver()), pick(a.r, []int{8080, 3000, 8000, 9090}), a.r.between(1, 10)*50,
		a.r.between(1, 8)*64, strings.ReplaceAll(sc, "\n", "\n    "), hostPath)
	return indent + strings.ReplaceAll(strings.TrimSuffix(spec, "\n"), "\n", "\n"+indent) + "\n"
}

func (a *k8sApp) template(indent string) string {
	return fmt.Sprintf("%[1]stemplate:\n%[1]s  metadata:\n%[1]s    labels:\n%[1]s      app.kubernetes.io/name: %[2]s\n"+
		"%[1]s      app.kubernetes.io/part-of: %[3]s\n%[1]s  spec:\n", indent, a.name, a.ns) + a.podSpec(indent+"    ")
}

func (a *k8sApp) workload() string {
	selector := "  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + a.name + "\n"
	switch a.kind {
	case "CronJob":
		return "apiVersion: batch/v1\nkind: CronJob\n" + a.meta(a.name) +
			fmt.Sprintf("spec:\n  schedule: \"%d * * * *\"\n  jobTemplate:\n    spec:\n", a.r.intn(60)) +
			strings.Replace(a.template("      "), "spec:\n", "spec:\n          restartPolicy: OnFailure\n", 1)
	case "StatefulSet":
		return "apiVersion: apps/v1\nkind: StatefulSet\n" + a.meta(a.name) + "spec:\n  serviceName: " + a.name +
			"\n  replicas: 3\n" + selector + a.template("  ")
	case "DaemonSet":
		return "apiVersion: apps/v1\nkind: DaemonSet\n" + a.meta(a.name) + "spec:\n" + selector + a.template("  ")
	}
	return "apiVersion: apps/v1\nkind: Deployment\n" + a.meta(a.name) +
		fmt.Sprintf("spec:\n  replicas: %d\n", a.r.between(1, 6)) + selector + a.template("  ")
}

func (a *k8sApp) service() string {
	typ := pick(a.r, []string{"ClusterIP", "ClusterIP", "ClusterIP", "LoadBalancer", "NodePort"})
	return "apiVersion: v1\nkind: Service\n" + a.meta(a.name) + fmt.Sprintf(`spec:
  type: %s
  selector:
    app.kubernetes.io/name: %s
  ports:
    - name: http
      port: 80
      targetPort: http
`, typ, a.name)
}

func (a *k8sApp) role() string {
	verbs := `["get", "list", "watch"]`
	if a.r.chance(10) {
		verbs = `["*"]`
	}
	return "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n" + a.meta(a.name) + fmt.Sprintf(`rules:
  - apiGroups: [""]
    resources: ["configmaps", "%s"]
    verbs: %s
`, pick(a.r, []string{"pods", "secrets", "services", "endpoints"}), verbs)
}

func (a *k8sApp) roleBinding() string {
	return "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n" + a.meta(a.name) + fmt.Sprintf(`roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: %s
subjects:
  - kind: ServiceAccount
    name: %s
    namespace: %s
`, a.name, a.name, a.ns)
}

func (a *k8sApp) ingress() string {
	return "apiVersion: networking.k8s.io/v1\nkind: Ingress\n" + a.meta(a.name) + fmt.Sprintf(`spec:
  ingressClassName: nginx
  rules:
    - host: %s.%s.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: %s
                port:
                  name: http
`, a.name, a.ns, a.name)
}

func (a *k8sApp) networkPolicy() string {
	return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n" + a.meta(a.name) + fmt.Sprintf(`spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: %s
  policyTypes: ["Ingress"]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: %s
      ports:
        - protocol: TCP
          port: http
`, a.name, a.ns)
}

func (a *k8sApp) clusterRole() string {
	return fmt.Sprintf(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: %s-%s
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["get", "list", "create", "patch"]
`, a.ns, a.name)
}

func (a *k8sApp) clusterRoleBinding() string {
	return fmt.Sprintf(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: %s-%s
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: %s-%s
subjects:
  - kind: ServiceAccount
    name: %s
    namespace: %s
`, a.ns, a.name, a.ns, a.name, a.name, a.ns)
}
