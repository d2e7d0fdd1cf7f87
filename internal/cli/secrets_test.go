package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
