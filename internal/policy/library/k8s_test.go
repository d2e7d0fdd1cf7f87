// Tests of the Kubernetes, Dockerfile and cross-layer half of the built-in library: the Rego unit tests of
// lib/k8s.rego, lib/graph.rego and controls/{k8s,docker,cross}, read from the embedded library (what Seam
// ships; modules_test.go has the helpers both halves share). Helpers carry a k8s prefix: aws_test.go shares
// the package.
package library_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/policy"
)

// k8sRoots are the files and directories of this half of the library.
var k8sRoots = []string{"lib/k8s.rego", "lib/graph.rego", "controls/k8s", "controls/docker", "controls/cross"}

// k8sModules parses the helper modules and the controls with their tests from the embedded FS.
func k8sModules(t *testing.T) map[string]*ast.Module { return libraryModules(t, k8sRoots) }

// TestK8sRegoTests runs every Rego test of this half and fails on any failing or erroring one.
func TestK8sRegoTests(t *testing.T) { runRegoTests(t, k8sModules(t)) }

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

// k8sOrigin is this half of the library as a policy origin.
func k8sOrigin(t testing.TB) policy.Origin { return libraryOrigin(t, k8sRoots) }

// k8sCheck scans dir with its attack paths and evaluates this half of the library over the graph.
func k8sCheck(t testing.TB, dir string) *policy.Report {
	t.Helper()
	ctx := context.Background()
	set, err := policy.Load(ctx, []policy.Origin{k8sOrigin(t)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Scan(ctx, os.DirFS(dir), engine.Options{Paths: engine.PathsDefault()})
	if err != nil {
		t.Fatal(err)
	}
	return policy.Evaluate(ctx, set, res.Graph, res.Paths, policy.Options{})
}

// TestK8sWebshop checks that the example's planted Kubernetes, Dockerfile and cross-layer weaknesses are
// flagged at the right file and line (examples/webshop/README.md describes them): the internet-exposed api
// that reads personal data, has a SQL injection into the card-data database and an SSRF on nodes that allow
// IMDSv1; the storefront's missing hardening; the worker image's AWS keys in ENV.
func TestK8sWebshop(t *testing.T) {
	rep := k8sCheck(t, filepath.Join("..", "..", "..", "examples", "webshop"))
	got := map[string]bool{}
	for _, r := range rep.Results {
		got[fmt.Sprintf("%s %s:%d %s", r.ControlID, r.File, r.Line, r.Status)] = true
	}
	want := []string{
		"SEAM-CROSS-DATA-001 deploy/k8s/api.yaml:18 fail",
		"SEAM-CROSS-DATA-002 deploy/k8s/api.yaml:18 fail",
		"SEAM-CROSS-IMDS-001 deploy/k8s/api.yaml:18 fail",
		"SEAM-K8S-NET-001 deploy/k8s/namespace.yaml:3 fail",
		"SEAM-K8S-PSR-003 deploy/k8s/storefront.yaml:25 fail",
		"SEAM-K8S-SA-003 deploy/k8s/storefront.yaml:4 fail",
		"SEAM-K8S-SEC-002 deploy/k8s/api.yaml:60 fail",
		"SEAM-DOCKER-SEC-001 services/worker/Dockerfile:15 fail",
		"SEAM-DOCKER-USER-002 services/storefront/Dockerfile:5 fail",
	}
	var missing []string
	for _, w := range want {
		if !got[w] {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		keys := make([]string, 0, len(got))
		for k := range got {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Errorf("missing results:\n%s\ngot:\n%s", strings.Join(missing, "\n"), strings.Join(keys, "\n"))
	}
	// The api Deployment is hardened (non-root pod, RuntimeDefault, drop ALL, read-only root): no PSS result.
	for _, r := range rep.Results {
		if r.NodeID == "k8s:shop/Deployment/api" && strings.HasPrefix(r.ControlID, "SEAM-K8S-PSS-") {
			t.Errorf("unexpected %s on the hardened api: %s", r.ControlID, r.Msg)
		}
	}
	if diff := cmp.Diff(0, len(rep.Diagnostics)); diff != "" {
		t.Errorf("evaluation diagnostics (-want +got): %s %v", diff, rep.Diagnostics)
	}
}

// BenchmarkK8sControls evaluates this half of the library over the generated repository of bench/gen
// (Terraform, Kubernetes objects, Dockerfiles and lockfiles at the scale of the performance budget) and
// reports the per-control cost. Run with -bench K8sControls -benchtime 3x.
func BenchmarkK8sControls(b *testing.B) { benchmarkControls(b, k8sOrigin(b), 12) }
