package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// checkNow is the clock of every check test (SEAM_NOW): exceptions that expired on 2026-11-30 have expired.
const checkNow = "2026-12-01"

// runCheck calls the CLI in-process with SEAM_NOW set.
func runCheckCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "SEAM_NOW" {
			return checkNow
		}
		return ""
	}
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb, env)
	return out.String(), errb.String(), code
}

// webshopCheck runs seam check over the example with the engine's test controls (a stand-in for the
// built-in library, whose contents change as it grows) and a cross-layer control of this package's testdata,
// so these goldens pin the engine and the writers, not the library.
func webshopCheck(t *testing.T, extra ...string) (string, string, int) {
	t.Helper()
	args := append([]string{"check", "../../examples/webshop", "-q", "--builtin=false",
		"--policy", "../policy/testdata/library", "--policy", "testdata/check/policies"}, extra...)
	return runCheckCLI(t, args...)
}

func TestCheckWebshop(t *testing.T) {
	for _, format := range []string{"table", "json", "sarif", "junit"} {
		t.Run(format, func(t *testing.T) {
			out, stderr, code := webshopCheck(t, "--format", format)
			if code != ExitFindings {
				t.Errorf("exit %d, want %d (a critical result); stderr:\n%s", code, ExitFindings, stderr)
			}
			golden(t, "check/webshop."+format, out)
		})
	}
}

func TestCheckFailOn(t *testing.T) {
	// The example's worst result is critical: --fail-on critical still fails; nothing passes --fail-on above it.
	for _, tt := range []struct {
		failOn string
		code   int
	}{{"critical", ExitFindings}, {"info", ExitFindings}} {
		if _, _, code := webshopCheck(t, "--fail-on", tt.failOn); code != tt.code {
			t.Errorf("--fail-on %s: exit %d, want %d", tt.failOn, code, tt.code)
		}
	}
	_, _, code := runCheckCLI(t, "check", "testdata/check/expired", "-q", "--builtin=false")
	if code != ExitOK {
		t.Errorf("medium results under --fail-on high: exit %d, want 0", code)
	}
	_, _, code = runCheckCLI(t, "check", "testdata/check/expired", "-q", "--builtin=false", "--fail-on", "medium")
	if code != ExitFindings {
		t.Errorf("medium results under --fail-on medium: exit %d, want 1", code)
	}
}

func TestCheckExpiredException(t *testing.T) {
	out, stderr, code := runCheckCLI(t, "check", "testdata/check/expired", "-q", "--builtin=false")
	if code != ExitOK {
		t.Errorf("exit %d; stderr %s", code, stderr)
	}
	golden(t, "check/expired.table", out)
}

func TestCheckErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad --fail-on", []string{"check", "--fail-on", "severe", "."},
			`--fail-on: unknown severity "severe" (choose one of: critical, high, medium, low, info)`},
		{"bad format", []string{"check", "--format", "xml", "."}, `unknown format "xml" for check (choose one of: json, junit, sarif, table)`},
		{"enforced control disabled and excepted", []string{"check", "testdata/check/enforced"},
			"seam.yaml overrides enforced controls\n" +
				"testdata/check/enforced/seam.yaml:9: SEAM-ORG-IMG-001 cannot be disabled: it is enforced by the bundle testdata/check/org-bundle\n" +
				"testdata/check/enforced/seam.yaml:11: SEAM-ORG-IMG-001 cannot be excepted: it is enforced by the bundle testdata/check/org-bundle"},
		{"missing bundle", []string{"check", "testdata/check/badbundle"},
			"cannot load policies\ntestdata/check/no-such-bundle.tar.gz: cannot open policies: stat testdata/check/no-such-bundle.tar.gz: no such file or directory"},
		{"control without metadata", []string{"check", "testdata/check/expired", "--policy", "testdata/check/badpolicy"},
			"cannot load policies\n" +
				"testdata/check/badpolicy/controls/broken.rego:1: custom.id is missing\n" +
				"testdata/check/badpolicy/controls/broken.rego:1: custom.remediation is missing\n" +
				"testdata/check/badpolicy/controls/broken.rego:1: custom.select is missing: name the kinds and/or types of nodes the control reads\n" +
				"testdata/check/badpolicy/controls/broken.rego:1: custom.severity is missing"},
		{"baseline that is not a result", []string{"check", ".", "--baseline", "testdata/check/expired/seam.yaml"},
			"--baseline testdata/check/expired/seam.yaml: not a seam check JSON or SARIF file: invalid character '#' looking for beginning of value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCheckCLI(t, append(tt.args, "-q", "--builtin=false")...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			if want := "seam: " + tt.want + "\n"; stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
		})
	}
}

func TestCheckBaseline(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"json", "sarif"} {
		base := filepath.Join(dir, "base."+format)
		if _, _, code := webshopCheck(t, "--format", format, "-o", base); code != ExitFindings {
			t.Fatalf("%s baseline: exit %d", format, code)
		}
		// Against itself nothing is new: the check passes and the table says what the baseline knew.
		out, _, code := webshopCheck(t, "--baseline", base)
		if code != ExitOK {
			t.Errorf("%s baseline: exit %d, want 0", format, code)
		}
		if !strings.Contains(out, "0 failing result(s), 5 known to the baseline") {
			t.Errorf("%s baseline: summary:\n%s", format, out)
		}
	}
	// A baseline made with fewer controls leaves the new control's results.
	base := filepath.Join(dir, "old.json")
	runCheckCLI(t, "check", "../../examples/webshop", "-q", "--builtin=false", "--policy", "../policy/testdata/library", "-f", "json", "-o", base)
	out, _, code := webshopCheck(t, "--baseline", base, "--format", "json")
	if code != ExitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	var doc struct {
		Results []struct{ Control string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Results) != 1 || doc.Results[0].Control != "SEAM-TEST-CROSS-001" {
		t.Errorf("new results = %+v, want only SEAM-TEST-CROSS-001", doc.Results)
	}
}

// TestCheckSARIFValidates validates the example's SARIF against the SARIF 2.1.0 JSON Schema, which go-sarif
// v3 carries as a Go constant; the schema is read from the module cache, never downloaded.
func TestCheckSARIFValidates(t *testing.T) {
	out, _, _ := webshopCheck(t, "--format", "sarif")
	schema := sarifSchema(t)
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", schema); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the SARIF of seam check does not validate:\n%v", err)
	}
}

func sarifSchema(t *testing.T) any {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3")
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	dir, err := cmd.Output()
	if err != nil {
		t.Skipf("go-sarif v3 is not in the module cache: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "pkg/report/v210/sarif/schema.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(src), "const schema = `")
	body, _, ok2 := strings.Cut(body, "`")
	if !ok || !ok2 {
		t.Fatal("schema.go of go-sarif has no schema constant")
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestPolicyTestCommand(t *testing.T) {
	dir := t.TempDir()
	src := "package acme_test\n\nimport rego.v1\n\ntest_ok if true\n\ntest_broken if false\n"
	if err := os.WriteFile(filepath.Join(dir, "a_test.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, "policy", "test", dir)
	if code != ExitFindings || stderr != "seam: 1 policy test(s) failed\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	want := "PASS  " + filepath.ToSlash(dir) + "/a_test.rego:5  data.acme_test.test_ok\n" +
		"FAIL  " + filepath.ToSlash(dir) + "/a_test.rego:7  data.acme_test.test_broken\n1 passed, 1 failed\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	// Without DIR the built-in library's own tests run; the engine's test library stands in for it here, so
	// the outcome does not depend on the library's state.
	saved := builtinPolicies
	builtinPolicies = os.DirFS("../policy/testdata/library")
	defer func() { builtinPolicies = saved }()
	out, stderr, code = run(t, "policy", "test")
	if code != ExitOK || !strings.HasSuffix(out, "3 passed, 0 failed\n") {
		t.Errorf("the built-in library's own tests: exit %d: %s%s", code, out, stderr)
	}
}

// TestControlsDoc keeps docs/controls.md equal to what `seam policy doc` writes.
func TestControlsDoc(t *testing.T) {
	out, stderr, code := run(t, "policy", "doc")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, err := os.ReadFile("../../docs/controls.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != out {
		t.Errorf("docs/controls.md is not current: run go run ./cmd/seam policy doc -o docs/controls.md\n%s", cmp.Diff(string(want), out))
	}
}
