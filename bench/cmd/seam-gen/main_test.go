package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun: the flags reach the generator, and a missing -out or a stray argument is a usage error (exit 2).
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"-out", dir, "-tf", "5", "-k8s", "3", "-lockfiles", "2", "-dockerfiles", "1", "-seed", "9"},
		&stdout, &stderr)
	if code != 0 || !strings.HasPrefix(stdout.String(), "wrote 5 Terraform resources, 3 Kubernetes objects") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	for _, p := range []string{"apps/app-0000/go.mod", "apps/app-0000/Dockerfile", "apps/app-0001/package-lock.json"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
	for _, args := range [][]string{{}, {"-out", dir, "extra"}, {"-nope"}} {
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}
