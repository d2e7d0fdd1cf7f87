package secrets

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
)

// planted is every value planted under testdata/planted, with the finding it must give. The values are
// fake (see testdata/planted/README.md).
var planted = []struct {
	value                 string
	id, kind, key, masked string
	column                int
}{
	{"TcEokd5ihu9lEmJc", "secret:.env:4:generic-api-key", KindDatabasePassword, "DB_PASSWORD", "TcEo…(16)", 13},
	{"AKIASUMNLMYTBX2KJQEV", "secret:app/main.go:4:aws-access-token", KindAWSAccessKeyID, "awsKeyID", "AKIA…(20)", 19},
	{"sk_test_L2aEJXquQrDs0GPRZwwrPwV8", "secret:app/payments.js:2:stripe-access-token", KindAPIToken, "stripeKey", "sk_t…(32)", 20},
	{"ARUsRJlNONwktN9ugkZeESG61she/QAqq0nv3Vth", "secret:app/settings.py:2:generic-api-key", KindAWSSecretKey, "AWS_SECRET_ACCESS_KEY", "ARUs…(40)", 26},
	{"03wyenpxawzr0h9xc9tgs86vswi008x3", "secret:config/app.json:4:generic-api-key", KindGenericAPIKey, "api_key", "03wy…(32)", 15},
	{"LfrYb9JF8eF+ItKL/8pcqMKRLd7SUqeaG6nyb229X8YzL7iMa3K8Nsv9/Qt2giDI", "secret:deploy/deploy_key.pem:2:private-key", KindPrivateKey, "", "----…(386)", 1},
	{"ghp_FrGYJ3GxeYYXwSLQcWtxJTQr1FqXSTs98vPl", "secret:docker/Dockerfile:4:github-pat", KindGitHubToken, "GH_TOKEN", "ghp_…(40)", 14},
	{"AKIA2RLYKEI4IIAANNKK", "secret:docker/Dockerfile:5:aws-access-token", KindAWSAccessKeyID, "AWS_ACCESS_KEY_ID", "AKIA…(20)", 23},
	{"1Aw71l33SCx9vHjHkm1x", "secret:infra/main.tf:18:hashicorp-tf-password", KindDatabasePassword, "password", "1Aw7…(20)", 17},
	{"AKIAQWB5PDKHX6PYGPAN", "secret:infra/main.tf:8:aws-access-token", KindAWSAccessKeyID, "AWS_ACCESS_KEY_ID", "AKIA…(20)", 32},
	{"MaRiNTN9Ox98whGcTZc1UWb5fxzpF7STG7nVLe3l", "secret:infra/main.tf:9:generic-api-key", KindAWSSecretKey, "AWS_SECRET_ACCESS_KEY", "MaRi…(40)", 32},
	{"72EsSfUQUAkNX7LHQ7", "secret:infra/prod.tfvars:3:generic-api-key", KindDatabasePassword, "db_password", "72Es…(18)", 16},
	{"jkMyKE9m9iMfw05QayguK6NIjuO4", "secret:k8s/app.yaml:10:generic-api-key", KindGenericAPIKey, "PAYMENTS_API_KEY", "jkMy…(28)", 22},
	{"AtNJX3OrUbmkLCNPloWRlO", "secret:k8s/app.yaml:19:generic-api-key", KindDatabasePassword, "DB_PASSWORD", "AtNJ…(22)", 17},
	{"ghp_2AsjD7N2kHD9FSUuErsEz5jhy0I9lO7F3vlf", "secret:k8s/app.yaml:38:github-pat", KindGitHubToken, "GITHUB_TOKEN", "ghp_…(40)", 23},
	{"WFI5dEJ2Tm1RazJMd3A3WmhKY2Y=", "secret:k8s/secret-data.yaml:10:generic-api-key", KindDatabasePassword, "DB_PASSWORD", "WFI5…(28)", 16},
	{"XR9tBvNmQk2Lwp7ZhJcf", "secret:k8s/secret-data.yaml:10:kubernetes-secret-yaml", KindKubernetesSecret, "", "DB_P…(41)", 3},
	{"5KyBBoFsETyy926kMMqVtFqAbu8tF7sjEbhQN9Cp", "secret:kube/kubeconfig:16:generic-api-key", KindKubernetesToken, "token", "5KyB…(40)", 14},
}

// TestPlanted checks that every planted value gives its finding, and nothing else is found.
func TestPlanted(t *testing.T) {
	f := extractFS(t, dirFS(t, "testdata/planted"), extract.Options{})
	type row struct {
		ID, Kind, Key, Masked string
		Column                int
	}
	var want, got []row
	for _, p := range planted {
		want = append(want, row{p.id, p.kind, p.key, p.masked, p.column})
	}
	for _, n := range f.Nodes {
		key, _ := n.Attrs["key"].(string)
		got = append(got, row{n.ID, n.Attrs["kind"].(string), key, n.Attrs["masked"].(string), n.Attrs["column"].(int)})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(f.Diagnostics) > 0 {
		t.Errorf("unexpected diagnostics: %v", f.Diagnostics)
	}
}

// TestContext checks what the surroundings give the link stage.
func TestContext(t *testing.T) {
	f := extractFS(t, dirFS(t, "testdata/planted"), extract.Options{})
	got := map[string]map[string]any{}
	for _, n := range f.Nodes {
		m := map[string]any{}
		for _, k := range []string{"tf_block", "hosts", "kube_servers", "kube_clusters"} {
			if v, ok := n.Attrs[k]; ok {
				m[k] = v
			}
		}
		if _, ok := n.Attrs["value_hash"]; ok {
			m["value_hash"] = true
		}
		if len(m) > 0 {
			got[n.ID] = m
		}
	}
	rds := []any{"orders.c9akciq32xyz.eu-west-1.rds.amazonaws.com"}
	want := map[string]map[string]any{
		"secret:.env:4:generic-api-key":                 {"hosts": rds},
		"secret:app/main.go:4:aws-access-token":         {"value_hash": true},
		"secret:docker/Dockerfile:5:aws-access-token":   {"value_hash": true},
		"secret:infra/main.tf:18:hashicorp-tf-password": {"tf_block": "aws_db_instance.orders"},
		"secret:infra/main.tf:8:aws-access-token":       {"tf_block": "aws_lambda_function.thumbs", "value_hash": true},
		"secret:infra/main.tf:9:generic-api-key":        {"tf_block": "aws_lambda_function.thumbs"},
		// the tfvars password has no host beside it
		"secret:k8s/app.yaml:19:generic-api-key": {"hosts": rds},
		"secret:kube/kubeconfig:16:generic-api-key": {"kube_servers": []any{"https://4F2A9C0E1B7D3E5F.gr7.eu-west-1.eks.amazonaws.com"},
			"kube_clusters": []any{"shop-prod"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("context (-want +got):\n%s", diff)
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "…(0)"},
		{"hunter2", "…(7)"},
		{"abcdefghijk", "…(11)"},        // 11 characters: fully masked
		{"abcdefghijkl", "abcd…(12)"},   // 12: the first four shown
		{"ÄÖÜßabcdefghij", "ÄÖÜß…(14)"}, // characters, not bytes
		{"AKIAQWB5PDKHX6PYGPAN", "AKIA…(20)"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("infra/main.tf", "aws-access-token", "AKIAQWB5PDKHX6PYGPAN")
	if !fingerprintPattern.MatchString(a) {
		t.Fatalf("fingerprint %q has the wrong form", a)
	}
	for _, other := range []string{
		Fingerprint("infra/other.tf", "aws-access-token", "AKIAQWB5PDKHX6PYGPAN"),
		Fingerprint("infra/main.tf", "generic-api-key", "AKIAQWB5PDKHX6PYGPAN"),
		Fingerprint("infra/main.tf", "aws-access-token", "AKIA2RLYKEI4IIAANNKK"),
		Fingerprint("infra/main.tfaws-access-token", "", "AKIAQWB5PDKHX6PYGPAN"), // the separators matter
	} {
		if other == a {
			t.Errorf("fingerprints collide: %s", a)
		}
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		rule, key, block string
		kube             bool
		want             string
	}{
		{"aws-access-token", "", "", false, KindAWSAccessKeyID},
		{"generic-api-key", "aws_secret_access_key", "", false, KindAWSSecretKey},
		{"generic-api-key", "AWS_SECRET", "", false, KindAWSSecretKey},
		{"generic-api-key", "password", "aws_rds_cluster.main", false, KindDatabasePassword},
		{"generic-api-key", "password", "aws_instance.web", false, KindPassword},
		{"generic-api-key", "POSTGRES_PASSWORD", "", false, KindDatabasePassword},
		{"generic-api-key", "db-passwd", "", false, KindDatabasePassword},
		{"generic-api-key", "SMTP_PASSWORD", "", false, KindPassword},
		{"generic-api-key", "token", "", true, KindKubernetesToken},
		{"generic-api-key", "client-key-data", "", true, KindPrivateKey},
		{"generic-api-key", "token", "", false, KindGenericAPIKey},
		{"jwt", "token", "", true, KindKubernetesToken},
		{"jwt", "id", "", false, KindJWT},
		{"github-fine-grained-pat", "", "", false, KindGitHubToken},
		{"gitlab-pat", "", "", false, KindGitLabToken},
		{"slack-bot-token", "", "", false, KindSlackToken},
		{"stripe-access-token", "", "", false, KindAPIToken},
		{"private-key", "", "", false, KindPrivateKey},
	}
	for _, tt := range tests {
		if got := kindOf(tt.rule, tt.key, tt.block, tt.kube); got != tt.want {
			t.Errorf("kindOf(%q, %q, %q, %v) = %q, want %q", tt.rule, tt.key, tt.block, tt.kube, got, tt.want)
		}
	}
}

// TestSkips checks binary sniffing, the size cap and the binary extensions.
func TestSkips(t *testing.T) {
	fsys := fstest.MapFS{
		"bin/tool":     {Data: []byte("ELF\x00\x01 AWS_SECRET_ACCESS_KEY=\"MaRiNTN9Ox98whGcTZc1UWb5fxzpF7STG7nVLe3l\"")},
		"big.env":      {Data: []byte("DB_PASSWORD=TcEokd5ihu9lEmJc\n" + strings.Repeat("# padding\n", 200))},
		"logo.png":     {Data: []byte("AKIAQWB5PDKHX6PYGPAN")},
		"ok/small.env": {Data: []byte("DB_PASSWORD=TcEokd5ihu9lEmJc\n")},
	}
	if New().FileRequired("logo.png", nil) {
		t.Error("a .png is asked for")
	}
	e := &Extractor{Now: fixedNow}
	f, err := e.Extract(t.Context(), extract.Input{FS: fsys, Paths: []string{"big.env", "bin/tool", "ok/small.env"}, MaxFileSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var ids, diags []string
	for _, n := range f.Nodes {
		ids = append(ids, n.ID)
	}
	for _, d := range f.Diagnostics {
		diags = append(diags, d.File+": "+string(d.Severity))
	}
	if diff := cmp.Diff([]string{"secret:ok/small.env:1:generic-api-key"}, ids); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"big.env: warning"}, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestSameLine checks that two findings of one rule on one line make one node listing the second.
func TestSameLine(t *testing.T) {
	fsys := fstest.MapFS{"keys.txt": {Data: []byte("old AKIAQWB5PDKHX6PYGPAN new AKIA2RLYKEI4IIAANNKK\n")}}
	f := extractFS(t, fsys, extract.Options{})
	if len(f.Nodes) != 1 {
		t.Fatalf("got %d nodes, want 1", len(f.Nodes))
	}
	more, _ := f.Nodes[0].Attrs["more"].([]any)
	if len(more) != 1 || more[0].(map[string]any)["column"] != 30 {
		t.Errorf("more = %v, want the second key at column 30", more)
	}
}
