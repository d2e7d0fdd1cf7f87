package webshop_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"

	"github.com/seam-sec/seam/internal/cli"
)

// The account, region and cluster the Terraform and the manifests must agree on.
const (
	account  = "123456789012"
	region   = "eu-west-1"
	registry = account + ".dkr.ecr." + region + ".amazonaws.com/"
	tfPrefix = "infra/terraform:"
)

// result is the part of Seam's JSON result (docs/json-output.md) these tests read.
type result struct {
	Nodes []struct {
		ID    string         `json:"id"`
		Kind  string         `json:"kind"`
		Name  string         `json:"name"`
		Attrs map[string]any `json:"attrs"`
	} `json:"nodes"`
	Diagnostics []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	} `json:"diagnostics"`
}

var (
	scanOnce sync.Once
	scanRaw  []byte
	scanErr  error
)

// scan runs "seam graph . --format json" over the example, as a user would, once per test binary.
func scan(t *testing.T) (*result, []byte) {
	t.Helper()
	scanOnce.Do(func() {
		var stdout, stderr bytes.Buffer
		code := cli.Run(context.Background(), []string{"graph", ".", "--format", "json", "--quiet", "--no-color"},
			strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
		if code != 0 {
			scanErr = fmt.Errorf("seam graph exited %d: %s", code, stderr.String())
		}
		scanRaw = stdout.Bytes()
	})
	if scanErr != nil {
		t.Fatal(scanErr)
	}
	var r result
	if err := json.Unmarshal(scanRaw, &r); err != nil {
		t.Fatal(err)
	}
	return &r, scanRaw
}

// find returns the attributes of node id, or nil if the scan did not produce it.
func (r *result) find(id string) map[string]any {
	for _, n := range r.Nodes {
		if n.ID == id {
			if n.Attrs == nil {
				return map[string]any{}
			}
			return n.Attrs
		}
	}
	return nil
}

// attrs returns the attributes of node id, failing the test if the scan did not produce it.
func (r *result) attrs(t *testing.T, id string) map[string]any {
	t.Helper()
	a := r.find(id)
	if a == nil {
		t.Fatalf("the scan has no node %s", id)
	}
	return a
}

// get follows a path of map keys and list indexes (ints) through decoded JSON.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// TestLayersAgree: the names one layer uses for another resolve. Images in the manifests are the ECR
// repositories Terraform creates and have a Dockerfile; IRSA annotations name the roles Terraform creates, whose
// trust policies name those service accounts; Services select pods; the Ingress, secretKeyRef and
// configMapKeyRef point at objects and keys that exist; the ConfigMap names the Terraform bucket.
func TestLayersAgree(t *testing.T) {
	m := decodeManifests(t)
	r, _ := scan(t)
	for name, d := range m.deployments {
		img := d.Spec.Template.Spec.Containers[0].Image
		repo, _, _ := strings.Cut(strings.TrimPrefix(img, registry), ":")
		ecr := r.attrs(t, tfPrefix+`aws_ecr_repository.service["`+name+`"]`)
		if !strings.HasPrefix(img, registry) || ecr["name"] != repo {
			t.Errorf("Deployment %s: image %s is not in the ECR repository Terraform makes for it", name, img)
		}
		if _, err := os.Stat("services/" + strings.TrimPrefix(repo, "webshop/") + "/Dockerfile"); err != nil {
			t.Errorf("Deployment %s: no Dockerfile builds %s: %v", name, img, err)
		}
		if sa := d.Spec.Template.Spec.ServiceAccountName; sa != "" && m.serviceAccounts[sa] == nil {
			t.Errorf("Deployment %s: ServiceAccount %s is not defined", name, sa)
		}
		checkEnvRefs(t, m, name, d.Spec.Template.Spec.Containers[0].Env)
	}
	for _, sa := range []string{"api", "worker"} {
		role := r.attrs(t, tfPrefix+"module.irsa_"+sa+".aws_iam_role.this")
		arn := "arn:aws:iam::" + account + ":role/" + role["name"].(string)
		if got := m.serviceAccounts[sa].Annotations["eks.amazonaws.com/role-arn"]; got != arn {
			t.Errorf("ServiceAccount %s: role-arn %q, Terraform makes %q", sa, got, arn)
		}
		trust, _ := json.Marshal(role["assume_role_policy"])
		if !strings.Contains(string(trust), `"system:serviceaccount:shop:`+sa+`"`) {
			t.Errorf("role of %s does not trust system:serviceaccount:shop:%s: %s", sa, sa, trust)
		}
	}
	for name, s := range m.services {
		d := m.deployments[name]
		if d == nil || !subset(s.Spec.Selector, d.Spec.Template.Labels) {
			t.Errorf("Service %s selects no Deployment's pods", name)
		}
	}
	for _, rule := range m.ingresses["webshop"].Spec.Rules {
		for _, p := range rule.HTTP.Paths {
			if m.services[p.Backend.Service.Name] == nil {
				t.Errorf("Ingress path %s: no Service %s", p.Path, p.Backend.Service.Name)
			}
		}
	}
	bucket := r.attrs(t, tfPrefix+"aws_s3_bucket.customer_documents")["bucket"]
	if got := m.configMaps["webshop-config"].Data["DOCUMENTS_BUCKET"]; got != bucket {
		t.Errorf("ConfigMap DOCUMENTS_BUCKET %q, Terraform bucket %q", got, bucket)
	}
	// An RDS endpoint begins with the DB instance identifier: <identifier>.<id>.<region>.rds.amazonaws.com.
	db := r.attrs(t, tfPrefix+"aws_db_instance.orders")
	u, err := url.Parse(m.secrets["orders-db"].StringData["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	labels := strings.Split(u.Hostname(), ".")
	if len(labels) != 6 || labels[0] != db["identifier"] || labels[2] != region || strings.Join(labels[3:], ".") != "rds.amazonaws.com" ||
		strings.TrimPrefix(u.Path, "/") != db["db_name"] {
		t.Errorf("Secret orders-db DATABASE_URL names %s/%s, not the endpoint of RDS instance %v (database %v)",
			u.Host, u.Path, db["identifier"], db["db_name"])
	}
}

// subset reports whether every label of a selector is among the labels, as a Service selects pods.
func subset(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return len(sel) > 0
}

func checkEnvRefs(t *testing.T, m *manifests, deployment string, env []corev1.EnvVar) {
	t.Helper()
	for _, e := range env {
		if e.ValueFrom == nil {
			continue
		}
		if ref := e.ValueFrom.SecretKeyRef; ref != nil {
			if s := m.secrets[ref.Name]; s == nil || s.StringData[ref.Key] == "" && s.Data[ref.Key] == nil {
				t.Errorf("Deployment %s: env %s reads missing Secret key %s/%s", deployment, e.Name, ref.Name, ref.Key)
			}
		}
		if ref := e.ValueFrom.ConfigMapKeyRef; ref != nil {
			if c := m.configMaps[ref.Name]; c == nil || c.Data[ref.Key] == "" {
				t.Errorf("Deployment %s: env %s reads missing ConfigMap key %s/%s", deployment, e.Name, ref.Name, ref.Key)
			}
		}
	}
}

// TestScanTellsTheStory: a Seam scan of the example holds every fact the README's attack paths rest on,
// reads every file without a warning or error, and stores no secret value.
func TestScanTellsTheStory(t *testing.T) {
	r, raw := scan(t)
	facts := []struct {
		name string
		id   string
		path []any
		want any
	}{
		{"IMDSv1 allowed on the nodes", "aws_launch_template.node", []any{"metadata_options", 0, "http_tokens"}, "optional"},
		{"pods can reach IMDS", "aws_launch_template.node", []any{"metadata_options", 0, "http_put_response_hop_limit"}, 2.0},
		{"node role keeps the documents grant", "aws_iam_role_policy.node_documents_legacy",
			[]any{"policy", "Statement", 0, "Action"}, []any{"s3:GetObject", "s3:ListBucket"}},
		{"api role reads the whole bucket", "module.irsa_api.aws_iam_role_policy.this",
			[]any{"policy", "Statement", 0, "Action"}, []any{"s3:Get*", "s3:List*"}},
		{"worker role is scoped to uploads/", "module.irsa_worker.aws_iam_role_policy.this",
			[]any{"policy", "Statement", 1, "Resource"}, "arn:aws:s3:::customer-documents/uploads/*"},
		{"bucket holds PII", "aws_s3_bucket.customer_documents", []any{"tags", "data_classification"}, "pii"},
		{"database holds PCI", "aws_db_instance.orders", []any{"tags", "data_classification"}, "pci"},
		{"database is private", "aws_db_instance.orders", []any{"publicly_accessible"}, false},
	}
	for _, f := range facts {
		if got := get(r.attrs(t, tfPrefix+f.id), f.path...); !cmp.Equal(f.want, got) {
			t.Errorf("%s: %s %v = %#v, want %#v", f.name, f.id, f.path, got, f.want)
		}
	}
	if get(r.attrs(t, "dockerfile:services/storefront/Dockerfile"), "runs_as_root") != true {
		t.Error("the storefront image should run as root")
	}
	for _, id := range []string{"crown-jewel:customer-documents", "crown-jewel:orders-db", "internet",
		"business-service:api", "data-class:pii", "owner:@acme/payments", "module:services/api/go.mod",
		"module:services/storefront/package-lock.json", "module:services/worker/requirements.txt",
		"pkg:npm/express@4.19.2", "pkg:pypi/boto3@1.34.34"} {
		r.attrs(t, id)
	}
	// Go PURLs are written with or without the "v" of the module version; either is the package.
	const chi = "pkg:golang/github.com/go-chi/chi/v5@"
	if r.find(chi+"v5.1.0") == nil && r.find(chi+"5.1.0") == nil {
		t.Error("the scan has no node for chi v5.1.0 from services/api/go.mod")
	}
	for _, d := range r.Diagnostics {
		if d.Severity != "info" {
			t.Errorf("%s:%d: %s: %s", d.File, d.Line, d.Severity, d.Message)
		}
	}
	for _, secret := range []string{"wJalrXUtnFEMI", "AKIAIOSFODNN7EXAMPLE", "not-a-real-password"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the scan result contains the secret value %q", secret)
		}
	}
}

// TestSinksAreWhereTheREADMESays: the two code flaws the README points at are in the files it names.
func TestSinksAreWhereTheREADMESays(t *testing.T) {
	for path, sink := range map[string]string{
		"services/api/internal/handlers/preview.go":  `http.Get(r.URL.Query().Get("url"))`,
		"services/api/internal/handlers/products.go": `WHERE category = '%s' ORDER BY %s`,
	} {
		if !strings.Contains(string(read(t, path)), sink) {
			t.Errorf("%s no longer contains %s", path, sink)
		}
	}
}
