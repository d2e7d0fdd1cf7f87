// Tests of the Kubernetes, Dockerfile and cross-layer half of the built-in library: the Rego unit tests of
// lib/k8s.rego, lib/graph.rego and controls/{k8s,docker,cross}, read from the package directory so that the
// test does not depend on how the library is embedded. Helpers carry a k8s prefix: aws_test.go shares the
// package.
package library_test

import (
	"context"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// k8sRoots are the files and directories of this half of the library.
var k8sRoots = []string{"lib/k8s.rego", "lib/graph.rego", "controls/k8s", "controls/docker", "controls/cross"}

// k8sModules parses the helper modules and the controls with their tests from the package directory.
func k8sModules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	fsys := os.DirFS(".")
	mods := map[string]*ast.Module{}
	for _, root := range k8sRoots {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".rego" {
				return err
			}
			src, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				return err
			}
			mods[p] = m
			return nil
		})
		if err != nil {
			t.Fatalf("loading %s: %v", root, err)
		}
	}
	return mods
}

// TestK8sRegoTests runs every Rego test of this half and fails on any failing or erroring one.
func TestK8sRegoTests(t *testing.T) {
	ctx := context.Background()
	ch, err := tester.NewRunner().SetModules(k8sModules(t)).RaiseBuiltinErrors(true).RunTests(ctx, nil)
	if err != nil {
		t.Fatalf("running Rego tests: %v", err)
	}
	n := 0
	for r := range ch {
		n++
		if r.Error != nil {
			t.Errorf("%s.%s (%s): error: %v", r.Package, r.Name, r.Location, r.Error)
		} else if r.Fail {
			t.Errorf("%s.%s (%s): failed", r.Package, r.Name, r.Location)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", n)
}

// TestK8sControlCount keeps the count of controls in this half at or above what issue #6 asks of it.
func TestK8sControlCount(t *testing.T) {
	n := 0
	for p, m := range k8sModules(t) {
		if strings.HasPrefix(p, "controls/") && !strings.HasSuffix(p, "_test.rego") && len(m.Annotations) > 0 {
			n++
		}
	}
	if n < 65 {
		t.Errorf("%d controls in controls/{k8s,docker,cross}, want at least 65", n)
	}
	t.Logf("%d controls", n)
}
