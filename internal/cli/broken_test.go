package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeBrokenRepo lays out a repository with every kind of bad input the walker and extractors must survive,
// next to good files that must still be read:
//
//	infra/main.tf          good Terraform            → the node infra:aws_s3_bucket.docs
//	infra/broken.tf        unclosed block            → one error diagnostic at its line
//	deploy/api.yaml        good Deployment           → a workload node
//	deploy/broken.yaml     Kubernetes with bad YAML  → one error diagnostic
//	deploy/blob.yaml       binary content            → one warning (not read)
//	deploy/huge.yaml       50 MiB (sparse)           → one warning (over the cap, not read)
//	infra/escape.tf        symlink to /etc/hostname  → one warning (outside the root, not followed)
//	infra/locked.tf        mode 000                  → one error (permission denied)
func writeBrokenRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"infra/main.tf":      "resource \"aws_s3_bucket\" \"docs\" {\n  bucket = \"customer-docs\"\n}\n",
		"infra/broken.tf":    "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n",
		"deploy/api.yaml":    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.0\n",
		"deploy/broken.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  labels: {app: api\nspec:\n  ports: [{port: 80}]\n",
		"deploy/blob.yaml":   "apiVersion: v1\x00\x01\x02\x03kind: Secret\n",
		"infra/locked.tf":    "resource \"aws_s3_bucket\" \"locked\" {}\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	huge := filepath.Join(dir, "deploy", "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Symlink("/etc/hostname", filepath.Join(dir, "infra", "escape.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "infra", "locked.tf"), 0o000); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBrokenRepositoryScansToCompletion(t *testing.T) {
	dir := writeBrokenRepo(t)
	out, stderr, code := runUnprivileged(t, dir, "scan", "--format", "json", ".")
	if code != ExitOK {
		t.Fatalf("exit code = %d, want %d; stderr:\n%s", code, ExitOK, stderr)
	}
	doc := decode(t, out)

	perFile := map[string][]string{}
	for _, d := range doc["diagnostics"].([]any) {
		d := d.(map[string]any)
		file := d["file"].(string)
		perFile[file] = append(perFile[file], d["severity"].(string))
	}
	want := map[string][]string{
		"infra/broken.tf":    {"error"},
		"deploy/broken.yaml": {"error"},
		"deploy/blob.yaml":   {"warning"},
		"deploy/huge.yaml":   {"warning"},
		"infra/escape.tf":    {"warning"},
		"infra/locked.tf":    {"error"},
	}
	if diff := cmp.Diff(want, perFile); diff != "" {
		t.Errorf("one diagnostic per bad input (-want +got):\n%s", diff)
	}

	var ids []string
	for _, n := range doc["nodes"].([]any) {
		ids = append(ids, n.(map[string]any)["id"].(string))
	}
	sort.Strings(ids)
	for _, id := range []string{"infra:aws_s3_bucket.docs", "k8s:shop/Deployment/api"} {
		if !contains(ids, id) {
			t.Errorf("good file's node %s missing; nodes: %v", id, ids)
		}
	}

	// --strict turns unreadable inputs into exit code 4, with the same output.
	_, stderr, code = runUnprivileged(t, dir, "scan", "--strict", "--format", "json", ".")
	if code != ExitPartial || !strings.Contains(stderr, "could not be read") {
		t.Errorf("--strict: exit %d, stderr %q", code, stderr)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
