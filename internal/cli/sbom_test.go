package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/report/sbom/sbomtest"
)

// sbomNow is the clock of the sbom tests (SEAM_NOW), so the BOM's timestamp is fixed.
const sbomNow = "2026-12-01T09:00:00Z"

// runSbomCmd calls seam sbom in-process with SEAM_NOW set.
func runSbomCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "SEAM_NOW" {
			return sbomNow
		}
		return ""
	}
	code := Run(context.Background(), append([]string{"sbom"}, args...), strings.NewReader(""), &out, &errb, getenv)
	return out.String(), errb.String(), code
}

// TestSbomExample keeps the example's BOM, written with -o, under a golden file and checks it against the
// CycloneDX 1.6 schema. What to look for in review: axios (CVE-2024-39338, an SSRF foothold in the storefront
// image a Deployment runs) is exploitable; path-to-regexp (CVE-2024-45296, ReDoS, no foothold class) is
// in_triage; packages nest under their lockfile inside the image a workload runs.
func TestSbomExample(t *testing.T) {
	if *update {
		if err := os.MkdirAll(filepath.Join("testdata", "sbom"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "bom.cdx.json")
	stdout, stderr, code := runSbomCmd(t, "-q", "--format", "cyclonedx", "-o", path, example)
	if code != ExitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %d bytes: %s", code, len(stdout), stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	golden(t, filepath.Join("sbom", "webshop.cdx.json"), out)
	sbomtest.Validate(t, data)
	for _, want := range []string{`"specVersion": "1.6"`, `"$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json"`, `"timestamp": "2026-12-01T09:00:00Z"`, `"name": "webshop"`,
		`"state": "exploitable"`, `"ref": "pkg:npm/axios@1.6.0"`} {
		if !strings.Contains(out, want) {
			t.Errorf("BOM lacks %s", want)
		}
	}
}

// TestSbomUsage: an unknown format, a bad SEAM_NOW and two paths are usage errors (exit 2).
func TestSbomUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown format", []string{"--format", "spdx", example}, `unknown --format "spdx" for sbom (choose cyclonedx)`},
		{"two paths", []string{example, example}, "accepts at most 1 arg(s), received 2"},
		{"missing root", []string{"does-not-exist"}, "open scan root: stat does-not-exist: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runSbomCmd(t, tt.args...)
			if code != ExitUsage {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, ExitUsage, stderr)
			}
			if want := "seam: " + tt.msg + "\n"; stderr != want {
				t.Errorf("stderr = %q, want %q", stderr, want)
			}
		})
	}
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"sbom", example}, strings.NewReader(""), &out, &errb,
		func(k string) string { return map[string]string{"SEAM_NOW": "yesterday"}[k] })
	if code != ExitUsage || !strings.Contains(errb.String(), `SEAM_NOW="yesterday"`) {
		t.Errorf("bad SEAM_NOW: exit %d, stderr %q", code, errb.String())
	}
}
