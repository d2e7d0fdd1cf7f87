package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// run calls the CLI in-process, as main does, and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown format", []string{"scan", "--format", "xml", "testdata"}, ExitUsage, `unknown format "xml" for scan (choose one of: json, table)`},
		{"graph format", []string{"graph", "--format", "table", "testdata"}, ExitUsage, `unknown format "table" for graph (choose one of: dot, json, mermaid)`},
		{"unknown command", []string{"scna"}, ExitUsage, "unknown command \"scna\" for \"seam\"\n\nDid you mean this?\n\tscan\n"},
		{"unknown flag", []string{"scan", "--frobnicate"}, ExitUsage, "unknown flag: --frobnicate"},
		{"missing root", []string{"scan", "does-not-exist"}, ExitUsage, "open scan root: stat does-not-exist: no such file or directory"},
		{"root is a file", []string{"scan", "e2e_test.go"}, ExitUsage, "open scan root: e2e_test.go is not a directory"},
		{"bad size", []string{"scan", "--max-file-size", "lots", "."}, ExitUsage, `invalid --max-file-size "lots" (examples: 5MiB, 512KiB, 1048576)`},
		{"unwritable output", []string{"scan", "-o", "no/such/dir/out.json", "."}, ExitFailed, "open output: open no/such/dir/out.json: no such file or directory"},
		{"graph takes one path", []string{"graph", "a", "b"}, ExitUsage, "accepts at most 1 arg(s), received 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if want := "seam: " + tt.msg + "\n"; stderr != want {
				t.Errorf("stderr = %q, want %q", stderr, want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "seam ") {
		t.Errorf("version: %q, %d", out, code)
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, cmd := range []string{"scan", "graph", "version"} {
		out, _, code := run(t, cmd, "--help")
		if code != 0 || !strings.Contains(out, "Examples:") {
			t.Errorf("seam %s --help has no examples:\n%s", cmd, out)
		}
	}
	out, _, _ := run(t, "--help")
	if !strings.Contains(out, "Exit codes:") {
		t.Errorf("seam --help does not document exit codes:\n%s", out)
	}
}

// seamBinary is built once by TestMain for the tests that run Seam as a separate process.
var seamBinary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "seam-e2e-")
	if err != nil {
		panic(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		panic(err)
	}
	seamBinary = filepath.Join(dir, "seam")
	build := exec.Command("go", "build", "-o", seamBinary, "../../cmd/seam")
	if out, err := build.CombinedOutput(); err != nil {
		panic("build seam: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runBinary runs the built seam in dir as the current user.
func runBinary(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	return runProcess(t, dir, false, args...)
}

// runUnprivileged runs the built seam in dir; as root, it drops to the "nobody" user so that a file without
// read permission is really unreadable, as it would be for a developer. dir must be readable by everyone.
func runUnprivileged(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	return runProcess(t, dir, true, args...)
}

func runProcess(t *testing.T, dir string, drop bool, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(seamBinary, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + dir}
	if drop && os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// decode reads the JSON result into a generic value for assertions.
func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, s)
	}
	return v
}

func TestInvalidConfig(t *testing.T) {
	_, stderr, code := run(t, "scan", "testdata/badconfig")
	if code != ExitUsage {
		t.Errorf("exit code = %d, want %d", code, ExitUsage)
	}
	golden(t, "badconfig.stderr", stderr)
	_, stderr, code = run(t, "scan", "--config", "testdata/badconfig/seam.yaml", ".")
	if code != ExitUsage || !strings.Contains(stderr, "testdata/badconfig/seam.yaml:4:1: ") {
		t.Errorf("--config: exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = run(t, "scan", "--config", "testdata/none.yaml", ".")
	if code != ExitUsage || !strings.Contains(stderr, "no such file") {
		t.Errorf("missing --config: exit %d, stderr %q", code, stderr)
	}
}
