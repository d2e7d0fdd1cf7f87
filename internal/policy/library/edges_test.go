package library_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/bench/gen"
	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/policy"
	"github.com/seam-sec/seam/internal/policy/library"
)

// TestDeclaredEdges proves that the edge kinds each built-in control declares (select.edges) lose none of
// its results: every control is evaluated over scanned repositories twice, once with the input its
// declaration gives and once with every edge of every selected node, and the results must be the same. The
// repositories: the AWS fixture, the example, and a generated repository of every layer (Terraform stacks
// with IAM, S3 companions and security groups; Kubernetes workloads, RBAC and NetworkPolicies; Dockerfiles;
// lockfiles), scanned with attack paths.
func TestDeclaredEdges(t *testing.T) {
	ctx := context.Background()
	set, err := policy.Load(ctx, []policy.Origin{{Source: policy.SourceBuiltin, Path: "builtin", FS: library.FS}})
	if err != nil {
		t.Fatal(err)
	}
	every := set.EveryEdge()
	repo := filepath.Join(t.TempDir(), "repo")
	small := gen.Options{TerraformResources: 800, KubernetesObjects: 400, Lockfiles: 8, Dockerfiles: 8, Seed: 3}
	if err := gen.Generate(repo, small); err != nil {
		t.Fatal(err)
	}
	dirs := []string{"testdata/aws", filepath.Join("..", "..", "..", "examples", "webshop"), repo}
	fired := map[string]bool{}
	for _, dir := range dirs {
		res, err := engine.Scan(ctx, os.DirFS(dir), engine.Options{Paths: engine.PathsDefault()})
		if err != nil {
			t.Fatal(err)
		}
		opt := policy.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
		declared := policy.Evaluate(ctx, set, res.Graph, res.Paths, opt)
		all := policy.Evaluate(ctx, every, res.Graph, res.Paths, opt)
		if diff := cmp.Diff(all.Results, declared.Results); diff != "" {
			t.Errorf("%s: results with the declared edges differ from those with every edge (-every +declared):\n%s", dir, diff)
		}
		if diff := cmp.Diff(all.Diagnostics, declared.Diagnostics); diff != "" {
			t.Errorf("%s: diagnostics differ (-every +declared):\n%s", dir, diff)
		}
		for _, r := range declared.Results {
			fired[r.ControlID] = true
		}
	}
	// The comparison means something only for controls that report: most of the library does here.
	if len(fired) < len(set.Controls)/2 {
		t.Errorf("only %d of %d controls reported anything over the test repositories", len(fired), len(set.Controls))
	}
	t.Logf("%d of %d controls reported results in the comparison", len(fired), len(set.Controls))
}
