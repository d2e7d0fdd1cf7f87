package secrets

import (
	"testing"

	"github.com/seam-sec/seam/internal/extract"
)

// TestNoFalsePositives scans the repository's example system and the lockfile extractor's fixtures, which
// hold no secret but do hold what looks like one to a careless rule: integrity hashes (sha512-…, h1:…),
// checksums, resolved URLs, Terraform ARNs and Kubernetes manifests that read Secrets by reference. The
// right answer is no finding. Lockfiles rely on gitleaks' global path allowlist (go.sum, package-lock.json,
// yarn.lock, pnpm-lock.yaml, poetry.lock, Pipfile.lock) and its rules' own allowlists for the rest.
func TestNoFalsePositives(t *testing.T) {
	for _, dir := range []string{"../../../examples/webshop", "../lockfile/testdata"} {
		t.Run(dir, func(t *testing.T) {
			f := extractFS(t, dirFS(t, dir), extract.Options{})
			for _, n := range f.Nodes {
				t.Errorf("unexpected finding %s (%v, key %v)", n.ID, n.Attrs["kind"], n.Attrs["key"])
			}
		})
	}
}
