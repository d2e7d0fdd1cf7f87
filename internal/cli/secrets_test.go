package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/secrets"
	"github.com/seam-sec/seam/internal/model"
)

// plantedDir holds a fake, well-formed secret in every file type Seam reads (its README says which); the
// secrets extractor's tests check each finding, this test checks that no output of any command prints one.
const plantedDir = "../extract/secrets/testdata/planted"

// plantedValues are the secret values planted there, as written in the files (a value planted only base64-encoded
// in a Secret is checked in its encoded form).
var plantedValues = []string{
	"TcEokd5ihu9lEmJc", "AKIASUMNLMYTBX2KJQEV", "sk_test_L2aEJXquQrDs0GPRZwwrPwV8",
	"ARUsRJlNONwktN9ugkZeESG61she/QAqq0nv3Vth", "03wyenpxawzr0h9xc9tgs86vswi008x3",
	"LfrYb9JF8eF+ItKL/8pcqMKRLd7SUqeaG6nyb229X8YzL7iMa3K8Nsv9/Qt2giDI",
	"ghp_FrGYJ3GxeYYXwSLQcWtxJTQr1FqXSTs98vPl", "AKIA2RLYKEI4IIAANNKK", "1Aw71l33SCx9vHjHkm1x",
	"AKIAQWB5PDKHX6PYGPAN", "MaRiNTN9Ox98whGcTZc1UWb5fxzpF7STG7nVLe3l", "72EsSfUQUAkNX7LHQ7",
	"jkMyKE9m9iMfw05QayguK6NIjuO4", "AtNJX3OrUbmkLCNPloWRlO", "ghp_2AsjD7N2kHD9FSUuErsEz5jhy0I9lO7F3vlf",
	"WFI5dEJ2Tm1RazJMd3A3WmhKY2Y=", "5KyBBoFsETyy926kMMqVtFqAbu8tF7sjEbhQN9Cp",
}

// TestNoSecretValueInAnyOutput runs every command in every format over the planted fixtures and greps the
// output for each planted value. The values must be in the fixtures, or the test proves nothing.
func TestNoSecretValueInAnyOutput(t *testing.T) {
	var all strings.Builder
	filepath.WalkDir(plantedDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			all.Write(b)
		}
		return nil
	})
	for _, v := range plantedValues {
		if !strings.Contains(all.String(), v) {
			t.Fatalf("%q is not planted in %s: the test would prove nothing", v, plantedDir)
		}
	}
	runs := [][]string{
		{"scan", plantedDir}, {"scan", plantedDir, "--format", "json"},
		{"graph", plantedDir}, {"graph", plantedDir, "--format", "dot", "--view", "full"},
		{"graph", plantedDir, "--format", "mermaid", "--view", "full"},
		{"sbom", plantedDir, "--format", "cyclonedx"},
	}
	for _, f := range []string{"table", "json", "markdown", "dot", "mermaid"} {
		runs = append(runs, []string{"paths", plantedDir, "--format", f})
	}
	for _, f := range []string{"table", "json", "sarif", "junit"} {
		runs = append(runs, []string{"check", plantedDir, "--format", f, "--fail-on", "critical"})
	}
	for _, args := range runs {
		out, errOut, code := run(t, args...)
		if code != ExitOK && code != ExitFindings {
			t.Errorf("seam %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		for _, v := range plantedValues {
			if strings.Contains(out, v) || strings.Contains(errOut, v) {
				t.Errorf("seam %s prints the secret value %q", strings.Join(args, " "), v)
			}
		}
	}
}

// TestSecretsBaselineFlag accepts the planted Stripe test key with --secrets-baseline: the finding stays in
// the graph, marked baselined with its reason, and the baseline's own text holds no secret.
func TestSecretsBaselineFlag(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(plantedDir)); err != nil {
		t.Fatal(err)
	}
	fp := secrets.Fingerprint("app/payments.js", "stripe-access-token", "sk_test_L2aEJXquQrDs0GPRZwwrPwV8")
	base := "version: 1\naccepted:\n  - fingerprint: " + fp + "\n    reason: Stripe test-mode key of the sandbox account\n"
	if err := os.WriteFile(filepath.Join(dir, "accepted.yaml"), []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "graph", dir, "--secrets-baseline", "accepted.yaml")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Nodes []model.Node `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var baselined []string
	for _, n := range doc.Nodes {
		if n.Kind == model.KindSecret && n.Attrs["baselined"] == true {
			baselined = append(baselined, n.ID+": "+fmt.Sprint(n.Attrs["baseline_reason"]))
		}
	}
	want := []string{"secret:app/payments.js:" + stripeLine(t, dir) + ":stripe-access-token: Stripe test-mode key of the sandbox account"}
	if diff := cmp.Diff(want, baselined); diff != "" {
		t.Errorf("baselined secrets (-want +got):\n%s", diff)
	}
}

// stripeLine finds the line of the planted Stripe key.
func stripeLine(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "app/payments.js"))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, "sk_test_") {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatal("no Stripe key in app/payments.js")
	return ""
}
