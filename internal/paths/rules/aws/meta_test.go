package aws

import (
	"regexp"
	"strings"
	"testing"
)

// Every rule describes itself: a unique aws.* ID, a title, a real-looking ATT&CK technique with its name, a
// base likelihood in (0, 1], a rationale, a control, and the state kinds it reads and makes. A technique's
// likelihood comment is in the code beside it.
func TestRulesDescribeThemselves(t *testing.T) {
	technique := regexp.MustCompile(`^T[0-9]{4}(\.[0-9]{3})?$`)
	seen := map[string]bool{}
	for _, r := range Rules() {
		m := r.Meta()
		switch {
		case !strings.HasPrefix(m.ID, "aws.") || seen[m.ID]:
			t.Errorf("%q: IDs are unique and start with aws.", m.ID)
		case m.Title == "" || m.Rationale == "" || m.Control == "" || m.TechniqueName == "":
			t.Errorf("%s: title, rationale, control and technique name are required", m.ID)
		case !technique.MatchString(m.Technique):
			t.Errorf("%s: technique %q", m.ID, m.Technique)
		case m.Likelihood <= 0 || m.Likelihood > 1:
			t.Errorf("%s: likelihood %v", m.ID, m.Likelihood)
		case len(m.From) == 0 || len(m.To) == 0:
			t.Errorf("%s: From and To are required", m.ID)
		}
		seen[m.ID] = true
	}
	if len(seen) != 15+len(techniques()) {
		t.Errorf("%d rules, want %d", len(seen), 15+len(techniques()))
	}
}
