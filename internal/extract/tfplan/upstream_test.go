package tfplan

import (
	"os"
	"strings"
	"testing"
)

// TestUpstreamSamples reads the plans and states that terraform-json keeps as its own test data (written by
// Terraform 0.12 to 1.15), when TFJSON_TESTDATA points at them:
//
//	TFJSON_TESTDATA=$(go env GOMODCACHE)/github.com/hashicorp/terraform-json@v0.29.0/testdata \
//	  go test -run TestUpstreamSamples ./internal/extract/tfplan
//
// Only the two files under invalid/ may fail to decode; every other file must give nodes with provenance,
// and the same instance must have the same ID in a directory's plan, state and terraform.tfstate.
func TestUpstreamSamples(t *testing.T) {
	dir := os.Getenv("TFJSON_TESTDATA")
	if dir == "" {
		t.Skip("TFJSON_TESTDATA is not set")
	}
	f := extractFS(t, os.DirFS(dir))
	for _, d := range f.Diagnostics {
		if !strings.HasPrefix(d.File, "invalid/") || strings.Contains(d.Message, "internal error") {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	files := map[string]bool{}
	ids := map[string]map[string]bool{} // directory → file → IDs
	for _, n := range f.Nodes {
		if n.Prov.Line < 1 || n.Prov.Extractor != Name {
			t.Errorf("node %s without provenance", n.ID)
		}
		files[n.Prov.File] = true
		if ids[n.Prov.File] == nil {
			ids[n.Prov.File] = map[string]bool{}
		}
		ids[n.Prov.File][n.ID] = true
	}
	if len(files) < 20 {
		t.Errorf("nodes from only %d files", len(files))
	}
	for _, d := range []string{"no_changes", "has_changes"} {
		plan, raw := ids[d+"/plan.json"], ids[d+"/terraform.tfstate"]
		for id := range raw {
			if !plan[id] {
				t.Errorf("%s: %s is in terraform.tfstate but not in plan.json", d, id)
			}
		}
	}
}
