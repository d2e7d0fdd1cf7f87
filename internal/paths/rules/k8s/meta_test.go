package k8s

import (
	"regexp"
	"strings"
	"testing"
)

// TestMeta: every rule describes itself fully, with a stable unique id in this set, an ATT&CK technique id
// of the right shape and a likelihood in (0, 1].
func TestMeta(t *testing.T) {
	technique := regexp.MustCompile(`^T\d{4}(\.\d{3})?$`)
	seen := map[string]bool{}
	for _, r := range Rules() {
		m := r.Meta()
		if !strings.HasPrefix(m.ID, "k8s.") || seen[m.ID] {
			t.Errorf("id %q: not k8s.<name> or repeated", m.ID)
		}
		seen[m.ID] = true
		if !technique.MatchString(m.Technique) || m.TechniqueName == "" {
			t.Errorf("%s: technique %q %q", m.ID, m.Technique, m.TechniqueName)
		}
		if m.Title == "" || m.Rationale == "" || m.Control == "" || len(m.From) == 0 || len(m.To) == 0 {
			t.Errorf("%s: incomplete meta %+v", m.ID, m)
		}
		if m.Likelihood <= 0 || m.Likelihood > 1 {
			t.Errorf("%s: likelihood %v", m.ID, m.Likelihood)
		}
	}
	if len(seen) != 19 {
		t.Errorf("%d rules, want 19 (update this count when adding one)", len(seen))
	}
}
