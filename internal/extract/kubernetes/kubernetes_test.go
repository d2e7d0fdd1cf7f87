package kubernetes

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"deploy/api.yaml":                  true,
		"k8s/prod/all.yml":                 true,
		"manifests/Service.YAML":           true,
		"charts/shop/templates/dep.yaml":   true, // read, then reported as a Helm template
		"deploy/api.json":                  false,
		"Dockerfile":                       false,
		".github/workflows/ci.yml":         false,
		"sub/.github/dependabot.yml":       false,
		"docker-compose.yml":               false,
		"docker-compose.prod.yaml":         false,
		"compose.yaml":                     false,
		"catalog-info.yaml":                false,
		"svc/api.catalog-info.yaml":        false,
		"seam.yaml":                        false,
		".gitlab-ci.yml":                   false,
		"pnpm-lock.yaml":                   false,
		"charts/shop/Chart.yaml":           false,
		"charts/shop/values.yaml":          false,
		"charts/shop/values-prod.yaml":     false,
		"overlays/prod/kustomization.yaml": false,
		".circleci/config.yml":             false,
	}
	e := New()
	for p, want := range tests {
		if got := e.FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
}

// nodeByID finds a node in facts, failing the test when it is missing.
func nodeByID(t *testing.T, f model.Facts, id string) model.Node {
	t.Helper()
	for _, n := range f.Nodes {
		if n.ID == id {
			return n
		}
	}
	t.Fatalf("no node %s", id)
	return model.Node{}
}

// TestWorkloadAttributes checks the security-relevant attributes of the app fixture's workloads.
func TestWorkloadAttributes(t *testing.T) {
	f := extractDir(t, "app")
	agent := nodeByID(t, f, "k8s:default/DaemonSet/node-agent")
	c := agent.Attrs["containers"].([]any)[0].(map[string]any)
	sc := c["security_context"].(map[string]any)
	got := map[string]any{
		"host_pid": agent.Attrs["host_pid"], "host_network": agent.Attrs["host_network"],
		"namespace_unset": agent.Attrs["namespace_unset"], "privileged": sc["privileged"],
		"caps": sc["capabilities"], "volume": agent.Attrs["volumes"].([]any)[0],
		"privileged_line": agent.Attrs["lines"].(map[string]any)["spec.template.spec.containers[0].securityContext.privileged"],
		"automount":       agent.Attrs["automount_effective"], "sa": agent.Attrs["service_account_name"],
		"sa_automount": agent.Attrs["service_account_automount"],
	}
	want := map[string]any{
		"host_pid": true, "host_network": true, "namespace_unset": true, "privileged": true,
		"caps":            map[string]any{"add": []any{"SYS_ADMIN", "NET_ADMIN"}, "drop": nil},
		"volume":          map[string]any{"name": "host-root", "line": 30, "type": "hostPath", "path": "/", "host_path_type": "Directory"},
		"privileged_line": 24, "automount": true, "sa": "default", "sa_automount": nil,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DaemonSet attributes (-want +got):\n%s", diff)
	}

	api := nodeByID(t, f, "k8s:shop/Deployment/api")
	env := api.Attrs["containers"].([]any)[0].(map[string]any)["env"].([]any)
	gotAPI := map[string]any{
		"automount_effective": api.Attrs["automount_effective"], "pod": api.Attrs["automount_service_account_token"],
		"sa": api.Attrs["service_account_automount"], "replicas": api.Attrs["replicas"],
		"env0": env[0], "env1": env[1], "env2": env[2],
	}
	wantAPI := map[string]any{
		"automount_effective": false, "pod": nil, "sa": false, "replicas": 3,
		"env0": map[string]any{"name": "DB_HOST", "value": "db.shop.svc", "line": 47},
		"env1": map[string]any{"name": "API_TOKEN", "value": masked, "masked": true, "line": 49},
		"env2": map[string]any{"name": "DB_PASSWORD", "value_from": map[string]any{"secret": "api-db", "key": "password", "optional": nil}, "line": 51},
	}
	if diff := cmp.Diff(wantAPI, gotAPI); diff != "" {
		t.Errorf("Deployment attributes (-want +got):\n%s", diff)
	}

	cron := nodeByID(t, f, "k8s:shop/CronJob/report")
	vol := cron.Attrs["volumes"].([]any)[0].(map[string]any)
	wantSources := []any{
		map[string]any{"type": "serviceAccountToken", "audience": "vault", "expiration_seconds": 3600, "path": "token"},
		map[string]any{"type": "secret", "name": "report-creds"},
	}
	if diff := cmp.Diff(wantSources, vol["sources"]); diff != "" || cron.Attrs["schedule"] != "0 2 * * *" {
		t.Errorf("CronJob schedule %v, projected sources (-want +got):\n%s", cron.Attrs["schedule"], diff)
	}
}

// TestOtherObjects checks Service, Ingress, ServiceAccount, RBAC and NetworkPolicy attributes.
func TestOtherObjects(t *testing.T) {
	f := extractDir(t, "app")
	got := map[string]any{
		"sa.role":       nodeByID(t, f, "k8s:shop/ServiceAccount/api").Attrs["aws_role_arn"],
		"svc.type":      nodeByID(t, f, "k8s:shop/Service/api").Attrs["type"],
		"svc.ports":     nodeByID(t, f, "k8s:shop/Service/api").Attrs["ports"],
		"ing.class":     nodeByID(t, f, "k8s:shop/Ingress/api").Attrs["ingress_class_name"],
		"ing.tls":       nodeByID(t, f, "k8s:shop/Ingress/api").Attrs["tls"],
		"role.rules":    nodeByID(t, f, "k8s:shop/Role/secret-reader").Attrs["rules"],
		"admin.builtin": nodeByID(t, f, "k8s:_cluster/ClusterRole/cluster-admin").Attrs["builtin"],
		"deny.ingress":  nodeByID(t, f, "k8s:shop/NetworkPolicy/default-deny").Attrs["default_deny_ingress"],
		"deny.egress":   nodeByID(t, f, "k8s:shop/NetworkPolicy/default-deny").Attrs["default_deny_egress"],
		"deny.all":      nodeByID(t, f, "k8s:shop/NetworkPolicy/default-deny").Attrs["selects_all_pods"],
		"allow.types":   nodeByID(t, f, "k8s:shop/NetworkPolicy/allow-ingress-to-api").Attrs["policy_types"],
		"secret.keys":   nodeByID(t, f, "k8s:shop/Secret/api-db").Attrs["keys"],
		"cm.keys":       nodeByID(t, f, "k8s:shop/ConfigMap/api-config").Attrs["keys"],
		"cm.data":       nodeByID(t, f, "k8s:shop/ConfigMap/api-config").Attrs["data"],
		"secret.hints":  nodeByID(t, f, "k8s:shop/Secret/api-db").Attrs["value_hints"],
		"secret.lines":  nodeByID(t, f, "k8s:shop/Secret/api-db").Attrs["lines"],
	}
	want := map[string]any{
		"sa.role":   "arn:aws:iam::111122223333:role/shop-api",
		"svc.type":  "LoadBalancer",
		"svc.ports": []any{map[string]any{"name": "http", "port": 80, "protocol": "TCP", "target_port": "http"}},
		"ing.class": "nginx",
		"ing.tls":   []any{map[string]any{"hosts": []any{"shop.example.com"}, "secret_name": "shop-tls"}},
		"role.rules": []any{map[string]any{"api_groups": []any{""}, "resources": []any{"secrets"}, "verbs": []any{"get"},
			"resource_names": nil, "non_resource_urls": nil}},
		"admin.builtin": true, "deny.ingress": true, "deny.egress": true, "deny.all": true,
		"allow.types": []any{"Ingress"},
		"secret.keys": []any{"DATABASE_URL", "REPLICA_DSN", "REPORTS_JDBC", "password", "username"},
		"cm.keys": []any{"CALLBACK_URL", "DOCUMENTS_BUCKET", "SMTP_PASSWORD", "application.properties", "flags",
			"logo.png", "settings.json"},
		"cm.data": map[string]any{"flags": "beta-checkout", "settings.json": `{"timeout": 30}`,
			"DOCUMENTS_BUCKET": "shop-documents", "SMTP_PASSWORD": masked,
			"CALLBACK_URL":           "https://hooks:" + masked + "@callbacks.partner.example/shop",
			"application.properties": "server.port=8080\ndb.password=" + masked + "\n"},
		"secret.hints": map[string]any{
			"DATABASE_URL": map[string]any{"scheme": "postgres", "host": "orders.c1a2b3.eu-west-1.rds.amazonaws.com",
				"port": 5432, "database": "shop"},
			"REPLICA_DSN":  map[string]any{"scheme": "postgres", "host": "replica.shop.internal", "port": 5433, "database": "shop"},
			"REPORTS_JDBC": map[string]any{"scheme": "jdbc:postgresql", "host": "reports.shop.internal", "port": 5432, "database": "reports"},
		},
		"secret.lines": map[string]any{"type": 20, "data": 21, "stringData": 25, "data.REPLICA_DSN": 23, "data.REPORTS_JDBC": 24, "stringData.DATABASE_URL": 27},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
}

// TestNoSecretValues makes sure no secret value of any fixture reaches the facts, in any form.
func TestNoSecretValues(t *testing.T) {
	for _, dir := range caseDirs {
		out := string(marshalFacts(t, extractDir(t, dir)))
		// Base64 of the Secret's data values as written, and the decoded values' user names, as well.
		for _, leak := range []string{"MUST-NOT-LEAK", "hunter2", "aHVudGVy", "LEAKED-VIA-ANNOTATION", "aG9zdD1y",
			"amRiYzpw", "user=report", "shop-user", "user=r"} {
			if strings.Contains(out, leak) {
				t.Errorf("%s: facts contain %q", dir, leak)
			}
		}
	}
}

// extractMap runs the extractor over an in-memory repository.
func extractMap(t testing.TB, files map[string]string) model.Facts {
	t.Helper()
	fsys := fstest.MapFS{}
	var paths []string
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(data)}
		paths = append(paths, p)
	}
	sortStrings(paths)
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestInline covers small inputs, each with the exact facts it must give.
func TestInline(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  summary
	}{{
		name:  "env value of the wrong type is an error at its line, the Pod is still read",
		input: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n    env:\n    - name: PORT\n      value: 8080\n",
		want: summary{
			Nodes: []string{"image:docker.io/library/nginx:1 image implicit @m.yaml:7", "k8s:default/Pod/p workload @m.yaml:1",
				"k8s:default/ServiceAccount/default identity implicit @m.yaml:1"},
			Edges: []string{"k8s:default/Pod/p -runs-> image:docker.io/library/nginx:1 @m.yaml:7",
				"k8s:default/Pod/p -uses-identity-> k8s:default/ServiceAccount/default @m.yaml:1"},
			Diagnostics: []string{"m.yaml:10:error"},
		},
	}, {
		name:  "a document marker inside a block scalar is content, not a new document",
		input: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: multi}\ndata:\n  docs.yaml: |\n    a: 1\n    ---\n    b: 2\n",
		want:  summary{Nodes: []string{"k8s:default/ConfigMap/multi datastore @m.yaml:1"}},
	}, {
		name:  "JSON-style flow YAML, a leading document marker and an empty document",
		input: "---\n---\n{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"ns1\"}}\n...\n",
		want:  summary{Nodes: []string{"k8s:_cluster/Namespace/ns1 resource @m.yaml:3"}},
	}, {
		name:  "generateName names the object by its prefix",
		input: "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: migrate-, namespace: db}\nspec:\n  template:\n    spec:\n      serviceAccountName: migrator\n      containers: [{name: m, image: \"flyway/flyway\"}]\n",
		want: summary{
			Nodes: []string{"image:docker.io/flyway/flyway:latest image implicit @m.yaml:8", "k8s:db/Job/migrate- workload @m.yaml:1",
				"k8s:db/ServiceAccount/migrator identity implicit @m.yaml:7"},
			Edges: []string{"k8s:db/Job/migrate- -runs-> image:docker.io/flyway/flyway:latest @m.yaml:8",
				"k8s:db/Job/migrate- -uses-identity-> k8s:db/ServiceAccount/migrator @m.yaml:7"},
		},
	}, {
		name:  "an Ingress of the old v1beta1 API routes to its Service",
		input: "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old, namespace: w}\nspec:\n  backend: {serviceName: web, servicePort: 80}\n",
		want: summary{
			Nodes: []string{"k8s:w/Ingress/old exposure @m.yaml:1", "k8s:w/Service/web exposure implicit @m.yaml:5"},
			Edges: []string{"k8s:w/Ingress/old -routes-to-> k8s:w/Service/web @m.yaml:5"},
		},
	}, {
		name:  "ClusterRole aggregation references the roles it gathers",
		input: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: monitoring}\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {agg: mon}\nrules: []\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: mon-pods, labels: {agg: mon}}\nrules: [{apiGroups: [\"\"], resources: [pods], verbs: [list]}]\n",
		want: summary{
			Nodes: []string{"k8s:_cluster/ClusterRole/mon-pods grant @m.yaml:9", "k8s:_cluster/ClusterRole/monitoring grant @m.yaml:1"},
			Edges: []string{"k8s:_cluster/ClusterRole/monitoring -references-> k8s:_cluster/ClusterRole/mon-pods @m.yaml:4"},
		},
	}, {
		name:  "an alias bomb is refused, not expanded",
		input: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
		want:  summary{Diagnostics: []string{"m.yaml:1:error"}},
	}, {
		name:  "YAML that is not Kubernetes is skipped quietly, even when broken",
		input: "name: ci\non: [push\n",
		want:  summary{},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(extractMap(t, map[string]string{"m.yaml": tt.input}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCrossFile checks that selectors and references resolve across files and namespaces stay apart.
func TestCrossFile(t *testing.T) {
	f := extractMap(t, map[string]string{
		"a/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {serviceAccountName: web, containers: [{name: w, image: web}]}\n",
		"b/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: b}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: w, image: web}]}\n",
		"a/svc.yaml":    "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: a}\nspec: {selector: {app: web}}\n",
		"a/sa.yaml":     "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: a}\n",
	})
	var got []string
	for _, e := range f.Edges {
		if e.Kind == model.EdgeRoutesTo || e.Kind == model.EdgeUsesIdentity {
			got = append(got, e.From+" -"+string(e.Kind)+"-> "+e.To)
		}
	}
	want := []string{
		"k8s:a/Deployment/web -uses-identity-> k8s:a/ServiceAccount/web",
		"k8s:a/Service/web -routes-to-> k8s:a/Deployment/web",
		"k8s:b/Deployment/web -uses-identity-> k8s:b/ServiceAccount/default",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	for _, n := range f.Nodes {
		if n.ID == "k8s:a/ServiceAccount/web" && n.Implicit {
			t.Errorf("a defined ServiceAccount must not be emitted as implicit")
		}
	}
}

// TestDeterministic runs the parallel extraction repeatedly and expects byte-identical facts.
func TestDeterministic(t *testing.T) {
	first := marshalFacts(t, extractDir(t, "app"))
	for i := 0; i < 5; i++ {
		if got := marshalFacts(t, extractDir(t, "app")); string(got) != string(first) {
			t.Fatalf("run %d differs", i)
		}
	}
}

// TestLimits covers the size cap, an unreadable file and a cancelled context.
func TestLimits(t *testing.T) {
	fsys := fstest.MapFS{"big.yaml": {Data: []byte("apiVersion: v1\nkind: Namespace\nmetadata: {name: big}\n")}}
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"big.yaml", "gone.yaml"}, MaxFileSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(summary{Diagnostics: []string{"big.yaml:0:warning", "gone.yaml:0:error"}}, summarise(f)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New().Extract(ctx, extract.Input{FS: fsys, Paths: []string{"big.yaml"}}); err == nil {
		t.Errorf("a cancelled context must stop the extraction with its error")
	}
}

func TestMaskArgs(t *testing.T) {
	got := maskArgs([]string{"--port=80", "--db-password=x", "--token", "y", "-v", "redis://:pw@r:6379", "--dsn=postgres://u:p@h/db", "--url=https://h/x"})
	want := []any{"--port=80", "--db-password=" + masked, "--token", masked, "-v", masked, "--dsn=" + masked, "--url=https://h/x"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestWorkloadKinds checks that every pod-carrying kind, in current and older API versions, becomes a
// workload that runs its image, and that ephemeral and init containers count.
func TestWorkloadKinds(t *testing.T) {
	pod := "    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: img-%s}]}\n"
	docs := []string{
		"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: img-pod}]\n  initContainers: [{name: i, image: img-init}]\n  ephemeralContainers: [{name: e, image: img-debug}]\n",
		"apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  replicas: 2\n  selector: {app: x}\n  template:\n" + fmt.Sprintf(pod, "rc"),
		"apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ss}\nspec:\n  serviceName: db\n  template:\n" + fmt.Sprintf(pod, "ss"),
		"apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  template:\n" + fmt.Sprintf(pod, "rs"),
		"apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\nspec:\n  template:\n" + fmt.Sprintf(pod, "old"),
		"apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n" + fmt.Sprintf(pod, "job"),
		"apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: '@hourly'\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: [{name: c, image: img-cron}]}\n",
	}
	f := extractMap(t, map[string]string{"w.yaml": strings.Join(docs, "---\n")})
	var got []string
	for _, e := range f.Edges {
		if e.Kind == model.EdgeRuns {
			got = append(got, e.From+" "+strings.TrimPrefix(e.To, "image:docker.io/library/"))
		}
	}
	want := []string{
		"k8s:default/CronJob/cj img-cron:latest",
		"k8s:default/Deployment/old img-old:latest",
		"k8s:default/Job/j img-job:latest",
		"k8s:default/Pod/p img-debug:latest",
		"k8s:default/Pod/p img-init:latest",
		"k8s:default/Pod/p img-pod:latest",
		"k8s:default/ReplicaSet/rs img-rs:latest",
		"k8s:default/ReplicationController/rc img-rc:latest",
		"k8s:default/StatefulSet/ss img-ss:latest",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("runs edges (-want +got):\n%s", diff)
	}
	if len(f.Diagnostics) > 0 {
		t.Errorf("unexpected diagnostics: %v", f.Diagnostics)
	}
	if rc := nodeByID(t, f, "k8s:default/ReplicationController/rc"); rc.Attrs["replicas"] != 2 {
		t.Errorf("rc replicas = %v", rc.Attrs["replicas"])
	}
	if ss := nodeByID(t, f, "k8s:default/StatefulSet/ss"); ss.Attrs["service_name"] != "db" || ss.Attrs["replicas"] != nil {
		t.Errorf("statefulset service_name = %v, replicas = %v (unset must stay nil)", ss.Attrs["service_name"], ss.Attrs["replicas"])
	}
}

// TestUnrenderedImage checks that an image with a template variable is an unknown with an assumption.
func TestUnrenderedImage(t *testing.T) {
	f := extractMap(t, map[string]string{"d.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\nspec:\n  containers:\n  - name: c\n    image: ${REGISTRY}/api:${TAG}\n"})
	c := nodeByID(t, f, "k8s:n/Pod/p").Attrs["containers"].([]any)[0].(map[string]any)
	if expr, ok := model.IsUnknown(c["image"]); !ok || expr != "${REGISTRY}/api:${TAG}" {
		t.Errorf("image attribute = %v, want an unknown", c["image"])
	}
	var got []string
	for _, a := range f.Assumptions {
		got = append(got, fmt.Sprintf("%s %s @%d", a.Subject, a.Attribute, a.Prov.Line))
	}
	want := []string{"k8s:n/Pod/p automount_effective @1", "k8s:n/Pod/p containers[0].image @7"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
	nodeByID(t, f, "image:${REGISTRY}/api:${TAG}")
}
